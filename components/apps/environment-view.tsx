"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { AppLinksCard } from "@/components/databases/app-links-card";
import { errorMessage } from "@/lib/api-client";
import { useApp, useSecretEnv } from "@/lib/queries/apps";
import { useSession } from "@/lib/queries/session";

/** Plain variables in full; secret ones masked until an admin presses Reveal (each reveal is audited). */
export function EnvironmentView({ project, app }: { project: string; app: string }) {
  const detail = useApp(project, app);
  const session = useSession();
  const [isRevealed, setIsRevealed] = useState(false);
  const secrets = useSecretEnv(project, app, isRevealed);
  const canReveal = session.data?.role === "admin";

  if (detail.isPending) return <Spinner label="Loading the environment…" />;
  if (detail.isError) return <Alert tone="error">{errorMessage(detail.error)}</Alert>;
  const { env, secretEnv } = detail.data.spec;
  const revealed = new Map(secrets.data?.secretEnv.map((s) => [s.name, s.value]));
  const settingsHref = `/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app)}/settings`;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Variables" description={<>Change them in <Link href={settingsHref} className="text-accent underline">Settings</Link>, then deploy.</>} />
        {env.length === 0 ? <p className="text-sm text-fg-muted">No variables.</p> : null}
        <dl className="grid gap-x-4 gap-y-1 font-mono text-sm sm:grid-cols-[auto_1fr]">
          {env.map((v) => (
            <div key={v.name} className="contents">
              <dt className="font-semibold">{v.name}</dt>
              <dd className="min-w-0 break-all text-fg-muted">{v.value || "(empty)"}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <CardHeader
          title="Secret variables"
          description="Stored in a Kubernetes Secret. Revealing them is written to the audit log."
          actions={
            secretEnv.length > 0 && canReveal ? (
              <Button size="sm" variant="secondary" onClick={() => setIsRevealed((r) => !r)} isPending={secrets.isFetching}>
                {isRevealed ? "Hide values" : "Reveal values"}
              </Button>
            ) : null
          }
        />
        {secretEnv.length === 0 ? <p className="text-sm text-fg-muted">No secret variables.</p> : null}
        {secrets.isError ? <Alert tone="error">{errorMessage(secrets.error)}</Alert> : null}
        <dl className="grid gap-x-4 gap-y-1 font-mono text-sm sm:grid-cols-[auto_1fr]">
          {secretEnv.map((v) => (
            <div key={v.name} className="contents">
              <dt className="font-semibold">{v.name}</dt>
              <dd className="min-w-0 break-all text-fg-muted">{isRevealed && revealed.has(v.name) ? revealed.get(v.name) : <span aria-label="hidden value">••••••••</span>}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <AppLinksCard project={project} app={detail.data} canEdit={canReveal} />
    </div>
  );
}
