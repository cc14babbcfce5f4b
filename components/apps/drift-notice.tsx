"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/api-client";
import type { AppDriftNotice } from "@/lib/dto/app-status";
import { useAppAction } from "@/lib/queries/apps";
import { useSession } from "@/lib/queries/session";

/**
 * Says that the app was changed outside Berth — which fields, Berth's value and the live one, and
 * who changed them — with Re-apply (restore Berth's values) and Adopt (take the live values into
 * the spec) side by side, for admins. The notice comes and goes with the live status.
 */
export function DriftNotice({ project, app, drift }: { project: string; app: string; drift?: AppDriftNotice }) {
  const action = useAppAction(project, app);
  const canChange = useSession().data?.role === "admin";
  if (!drift) return null;
  const isPending = (kind: "reapply" | "adopt") => action.isPending && action.variables?.kind === kind;
  return (
    <section aria-label="Changed outside Berth" data-testid="drift-notice" className="flex flex-col gap-3">
      <Alert tone="warning" title="Changed outside Berth">
        <p data-testid="drift-sentence">{drift.sentence}</p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr_1fr_auto]">
          {drift.fields.map((f) => (
            <div key={f.field} className="contents" data-testid={`drift-${f.field}`}>
              <dt className="font-medium">{f.field}</dt>
              <dd className="break-all">
                <span className="text-fg-muted">Berth: </span>
                {f.berth}
              </dd>
              <dd className="col-start-2 break-all sm:col-start-auto">
                <span className="text-fg-muted">Live: </span>
                {f.live}
              </dd>
              <dd className="col-start-2 text-fg-muted sm:col-start-auto">{f.changedBy.length > 0 ? `by ${f.changedBy.join(", ")}` : "by another client"}</dd>
            </div>
          ))}
        </dl>
      </Alert>
      {canChange ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => action.mutate({ kind: "reapply" })} isPending={isPending("reapply")} disabled={action.isPending}>
            Re-apply Berth&apos;s values
          </Button>
          <Button variant="secondary" onClick={() => action.mutate({ kind: "adopt", fields: drift.fields.map((f) => f.field) })} isPending={isPending("adopt")} disabled={action.isPending}>
            Adopt the live values
          </Button>
        </div>
      ) : null}
      {action.isError ? <Alert tone="error" title="That did not go through">{errorMessage(action.error)}</Alert> : null}
    </section>
  );
}
