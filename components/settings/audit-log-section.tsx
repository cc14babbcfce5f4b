"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format-time";
import { useAuditLog } from "@/lib/queries/audit";
import type { AuditEventSummary } from "@/lib/dto/audit";

const actionLabels: Record<string, string> = {
  "login.success": "Logged in",
  "login.failure": "Failed login",
  "logout": "Logged out",
  "token.create": "Created token",
  "token.revoke": "Revoked token",
};

function AuditRow({ event }: { event: AuditEventSummary }) {
  const isFailure = event.action.endsWith(".failure");
  return (
    <li data-testid="audit-row" className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm">
      <p className="min-w-0 break-words">
        <span className={isFailure ? "font-medium text-danger" : "font-medium text-fg"}>{actionLabels[event.action] ?? event.action}</span>
        {event.target ? <span className="text-fg-muted"> · {event.target}</span> : null}
        <span className="text-fg-muted"> · by {event.actorName ?? "unknown"}</span>
        {event.ip ? <span className="text-fg-muted"> from {event.ip}</span> : null}
      </p>
      <time dateTime={event.at} className="shrink-0 text-xs text-fg-muted">
        {formatDateTime(event.at)}
      </time>
    </li>
  );
}

/** The newest audit events: who logged in, who created or revoked what. */
export function AuditLogSection() {
  const audit = useAuditLog(50);

  return (
    <Card aria-labelledby="audit-heading">
      <CardHeader
        headingId="audit-heading"
        title="Audit log"
        description="The 50 most recent logins and changes, newest first."
        actions={
          <Button variant="secondary" size="sm" onClick={() => void audit.refetch()} isPending={audit.isFetching && !audit.isPending}>
            Refresh
          </Button>
        }
      />
      {audit.isPending ? <Spinner label="Loading the audit log…" /> : null}
      {audit.isError ? (
        <Alert tone="error" title="The audit log could not be loaded">
          {errorMessage(audit.error)}
        </Alert>
      ) : null}
      {audit.data && audit.data.events.length === 0 ? <p className="text-sm text-fg-muted">Nothing recorded yet.</p> : null}
      {audit.data && audit.data.events.length > 0 ? (
        <ul aria-label="Audit events" className="divide-y divide-border">
          {audit.data.events.map((event) => (
            <AuditRow key={event.id} event={event} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
