"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { DriftNotice } from "@/components/apps/drift-notice";
import { EventsList } from "@/components/apps/events-list";
import { PodsList } from "@/components/apps/pods-list";
import { ResourceSparklines } from "@/components/apps/resource-sparklines";
import { RolloutProgress } from "@/components/apps/rollout-progress";
import { HealthBadge } from "@/components/status/health-badge";
import { errorMessage } from "@/lib/api-client";
import { useApp, useAppStatus } from "@/lib/queries/apps";

/**
 * Health, the explanation when something is wrong, rollout progress, replicas, pods, URLs and
 * events, kept current by the live socket; CPU and memory sparklines from metrics.k8s.io.
 */
export function AppOverview({ project, app }: { project: string; app: string }) {
  const status = useAppStatus(project, app);
  const detail = useApp(project, app);
  const isWorker = detail.data !== undefined && detail.data.spec.port === undefined;
  if (status.isPending) return <Spinner label="Reading the app's status…" />;
  if (status.isError) {
    return (
      <Alert tone="error" title="The app's status could not be read" action={<Button size="sm" variant="secondary" onClick={() => void status.refetch()}>Try again</Button>}>
        {errorMessage(status.error)}
      </Alert>
    );
  }
  const s = status.data;
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <HealthBadge health={s.health} className="text-lg" />
            <span className="text-sm text-fg-muted" data-testid="ready-replicas">
              {s.replicas.ready}/{s.replicas.desired} ready
            </span>
          </div>
          {s.explanation ? (
            <Alert tone={s.health === "Failed" ? "error" : "warning"} title="What is wrong">
              <span data-testid="explanation">{s.explanation}</span>
            </Alert>
          ) : null}
          <DriftNotice project={project} app={app} drift={s.drift} />
          {s.health === "Progressing" ? <RolloutProgress replicas={s.replicas} /> : null}
          {isWorker ? (
            <p className="text-sm text-fg-muted" data-testid="worker">
              Worker: no port, so no URL — it runs in the background.
            </p>
          ) : s.urls.length > 0 ? (
            <ul aria-label="URLs" className="flex flex-col gap-1 text-sm">
              {s.urls.map((url) => (
                <li key={url} className="truncate">
                  <a href={url} target="_blank" rel="noreferrer" className="text-accent underline">
                    {url}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-fg-muted">No URL yet: add a hostname, then deploy.</p>
          )}
        </div>
      </Card>
      <Card>
        <CardHeader title="Resources" />
        <ResourceSparklines project={project} app={app} />
      </Card>
      <Card>
        <CardHeader title="Pods" />
        <PodsList pods={s.pods} />
      </Card>
      <Card>
        <CardHeader title="Recent events" />
        <EventsList events={s.events} />
      </Card>
    </div>
  );
}
