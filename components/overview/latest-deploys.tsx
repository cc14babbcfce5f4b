import Link from "next/link";
import { REVISION_OUTCOME_LABEL } from "@/components/apps/revision-outcome";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { LatestDeploy } from "@/lib/dto/status-board";
import { formatAge } from "@/lib/format-age";
import { formatDateTime } from "@/lib/format-time";

const OUTCOME_TONE: Record<LatestDeploy["outcome"], string> = {
  pending: "text-accent",
  succeeded: "text-success",
  failed: "text-danger",
  superseded: "text-fg-muted",
};

/**
 * The latest deploys across every app: which app and revision, the outcome in a word, who and
 * when, and the sentence of a failure (or of the rollout while it runs). Each row opens the
 * app's Deployments tab, where the revision can be compared or rolled back.
 */
export function LatestDeploys({ deploys }: { deploys: LatestDeploy[] }) {
  return (
    <Card aria-labelledby="latest-deploys-heading">
      <CardHeader headingId="latest-deploys-heading" title="Latest deploys" description="Who deployed what, when, and how it went." />
      {deploys.length === 0 ? (
        <p className="text-sm text-fg-muted">Nothing deployed yet; each deploy shows up here as it happens.</p>
      ) : (
        <ul aria-label="Latest deploys" className="flex flex-col gap-2">
          {deploys.map((d) => (
            <li key={`${d.project}/${d.app}/${d.number}`} data-testid="latest-deploy" data-app={`${d.project}/${d.app}`} data-outcome={d.outcome}>
              <Link
                href={`/projects/${encodeURIComponent(d.project)}/apps/${encodeURIComponent(d.app)}/deployments`}
                className="flex min-w-0 flex-col gap-1 rounded-lg border border-border bg-panel p-3 text-sm hover:border-accent"
              >
                <span className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <span className="min-w-0 truncate font-semibold text-fg">
                    {d.app} <span className="font-normal text-fg-muted">· {d.project} · revision {d.number}</span>
                  </span>
                  <span className={cn("font-medium", OUTCOME_TONE[d.outcome])}>{REVISION_OUTCOME_LABEL[d.outcome]}</span>
                </span>
                <span className="text-fg-muted" title={formatDateTime(d.createdAt)}>
                  by {d.actor ?? "Berth"} · {formatAge(d.createdAt)}
                </span>
                {d.message && d.outcome !== "succeeded" ? <span className={cn("break-words", d.outcome === "failed" ? "text-danger" : "text-fg-muted")}>{d.message}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
