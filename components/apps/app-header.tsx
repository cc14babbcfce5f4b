"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { HealthBadge } from "@/components/status/health-badge";
import { errorMessage } from "@/lib/api-client";
import { useAppAction, useAppStatus } from "@/lib/queries/apps";
import { useSession } from "@/lib/queries/session";

/** The app's name, live health and the actions every tab wants at hand: Deploy and Restart (admins only; viewers read). */
export function AppHeader({ project, app }: { project: string; app: string }) {
  const status = useAppStatus(project, app);
  const action = useAppAction(project, app);
  const canChange = useSession().data?.role === "admin";
  return (
    <div className="mb-4 flex flex-col gap-3">
      <nav aria-label="Breadcrumb" className="text-sm text-fg-muted">
        <Link href="/projects" className="hover:underline">Projects</Link> /{" "}
        <Link href={`/projects/${encodeURIComponent(project)}`} className="hover:underline">{project}</Link>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-fg">{app}</h1>
          {status.data ? <HealthBadge health={status.data.health} /> : null}
        </div>
        {canChange ? <div className="flex gap-2">
          <Button variant="secondary" onClick={() => action.mutate({ kind: "restart" })} disabled={action.isPending}>
            Restart
          </Button>
          <Button onClick={() => action.mutate({ kind: "deploy" })} isPending={action.isPending && action.variables?.kind === "deploy"}>
            Deploy
          </Button>
        </div> : null}
      </div>
      {action.isError ? <Alert tone="error" title="That did not go through">{errorMessage(action.error)}</Alert> : null}
      {action.isSuccess && action.variables.kind !== "restart" && status.data?.health === "Progressing" ? (
        <p role="status" className="text-sm text-fg-muted">
          {action.data.revision ? `Deploying revision ${action.data.revision.number}…` : "Working…"} Progress shows below as it happens.
        </p>
      ) : null}
    </div>
  );
}
