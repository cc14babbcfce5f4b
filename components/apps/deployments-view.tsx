"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { RevisionDiff } from "@/components/apps/revision-diff";
import { REVISION_OUTCOME_LABEL } from "@/components/apps/revision-outcome";
import { errorMessage } from "@/lib/api-client";
import { formatAge } from "@/lib/format-age";
import { formatDateTime } from "@/lib/format-time";
import { useAppAction, useRevisions } from "@/lib/queries/apps";

/** Every deploy with outcome, who and when; compare any two; roll back to an earlier one. */
export function DeploymentsView({ project, app }: { project: string; app: string }) {
  const revisions = useRevisions(project, app);
  const action = useAppAction(project, app);
  const [compare, setCompare] = useState<number[]>([]);
  const [rollbackTo, setRollbackTo] = useState<number | null>(null);

  if (revisions.isPending) return <Spinner label="Loading deployments…" />;
  if (revisions.isError) return <Alert tone="error" title="The deployments could not be loaded">{errorMessage(revisions.error)}</Alert>;
  const list = revisions.data.revisions;
  if (list.length === 0) return <Card><p className="text-sm text-fg-muted">Not deployed yet. Press Deploy above to run this app in the cluster.</p></Card>;

  const picked = compare.map((n) => list.find((r) => r.number === n)).filter((r) => r !== undefined).sort((a, b) => a.number - b.number);
  function toggleCompare(n: number) {
    setCompare((c) => (c.includes(n) ? c.filter((x) => x !== n) : [...c.slice(-1), n]));
  }

  return (
    <div className="flex flex-col gap-4">
      {action.isError ? <Alert tone="error">{errorMessage(action.error)}</Alert> : null}
      <ul aria-label="Revisions" className="flex flex-col gap-2">
        {list.map((r, index) => (
          <li key={r.number} data-testid="revision-row" className="flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-panel p-3 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-semibold text-fg">
                Revision {r.number} · {REVISION_OUTCOME_LABEL[r.outcome]}
              </span>
              <span className="text-fg-muted" title={formatDateTime(r.createdAt)}>
                {r.actor ?? "Berth"} · {formatAge(r.createdAt)}
              </span>
            </div>
            <span className="truncate font-mono text-xs text-fg-muted">{r.spec.image}</span>
            {r.message ? <p className={r.outcome === "failed" ? "break-words text-danger" : "break-words text-fg-muted"}>{r.message}</p> : null}
            <div className="flex flex-wrap gap-2">
              <label className="inline-flex items-center gap-2 text-fg-muted">
                <input type="checkbox" checked={compare.includes(r.number)} onChange={() => toggleCompare(r.number)} />
                Compare
              </label>
              {index > 0 ? (
                <Button size="sm" variant="secondary" onClick={() => setRollbackTo(r.number)} aria-label={`Roll back to revision ${r.number}`}>
                  Roll back to this
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {picked.length === 2 ? <Card><RevisionDiff from={picked[0]} to={picked[1]} /></Card> : <p className="text-sm text-fg-muted">Tick two revisions to see what changed between them.</p>}
      <ConfirmDialog
        isOpen={rollbackTo !== null}
        title={`Roll back to revision ${rollbackTo ?? ""}?`}
        confirmLabel="Roll back"
        isPending={action.isPending}
        onCancel={() => setRollbackTo(null)}
        onConfirm={() => rollbackTo !== null && action.mutate({ kind: "rollback", revision: rollbackTo }, { onSettled: () => setRollbackTo(null) })}
      >
        This deploys revision {rollbackTo}&apos;s spec again as a new revision. Secret values stay as they are now.
      </ConfirmDialog>
    </div>
  );
}
