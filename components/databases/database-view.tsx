"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import { HealthBadge } from "@/components/status/health-badge";
import { DatabaseSettings } from "@/components/databases/database-settings";
import { BackupsSection } from "@/components/backups/backups-section";
import { LogViewer } from "@/components/logs/log-viewer";
import { LazyTerminalTabs } from "@/components/terminal/lazy-terminal-tabs";
import { errorMessage, isApiError } from "@/lib/api-client";
import { useDatabase, useDatabasePassword, useDeleteDatabase } from "@/lib/queries/databases";
import { useSession } from "@/lib/queries/session";

/** One database: status with its sentence, connection info (password for admins), linked apps, logs, terminal and settings (admins), delete. */
export function DatabaseView({ project, database }: { project: string; database: string }) {
  const detail = useDatabase(project, database);
  const isAdmin = useSession().data?.role === "admin";
  if (detail.isPending) return <Spinner label="Loading the database…" />;
  if (detail.isError) {
    const isMissing = isApiError(detail.error) && detail.error.status === 404;
    return <Alert tone="error" title={isMissing ? "This database does not exist" : "The database could not be loaded"}>{errorMessage(detail.error)}</Alert>;
  }
  const db = detail.data;
  const health = db.status?.health === "Unknown" ? null : db.status?.health;
  return (
    <>
      <PageHeader title={db.name} description={<span className="inline-flex flex-wrap items-center gap-2"><code>{db.image}</code> · {db.size} · <HealthBadge health={health} /></span>} />
      <div className="flex flex-col gap-6">
        <Card aria-labelledby="db-status-heading">
          <CardHeader headingId="db-status-heading" title="Status" />
          <p data-testid="database-status" className="text-sm">{db.status?.message ?? "The cluster could not be read."}</p>
          {db.status?.pods.map((pod) => (
            <p key={pod.name} className="mt-2 font-mono text-xs text-fg-muted">{pod.name} · {pod.phase}{pod.ready ? " · ready" : ""}{pod.reason ? ` · ${pod.reason}` : ""} · {pod.restarts} restarts</p>
          ))}
        </Card>
        <Card aria-labelledby="db-connection-heading">
          <CardHeader headingId="db-connection-heading" title="Connection" description="Reachable only from inside the cluster unless the NodePort is on." />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-fg-muted">Host</dt><dd className="font-mono">{db.connection.host}</dd>
            <dt className="text-fg-muted">Port</dt><dd className="font-mono">{db.connection.port}</dd>
            <dt className="text-fg-muted">User</dt><dd className="font-mono">{db.connection.username}</dd>
            <dt className="text-fg-muted">Database</dt><dd className="font-mono">{db.connection.database}</dd>
            <dt className="text-fg-muted">URL</dt><dd className="break-all font-mono" data-testid="database-url">{db.connection.url}</dd>
          </dl>
          {isAdmin ? <PasswordReveal project={project} database={database} /> : null}
        </Card>
        <Card aria-labelledby="db-links-heading">
          <CardHeader headingId="db-links-heading" title="Linked apps" description="Apps that receive this database's URL (DATABASE_URL unless named) from its credentials Secret." />
          {db.linkedApps.length === 0 ? <p className="text-sm text-fg-muted">No app links this database yet; link one from the app&apos;s Environment tab.</p> : (
            <ul aria-label="Linked apps" className="flex flex-col gap-1 text-sm">
              {db.linkedApps.map((app) => (
                <li key={app}><Link className="text-accent underline" href={`/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app)}`}>{app}</Link></li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="db-logs-heading">
          <CardHeader headingId="db-logs-heading" title="Logs" description="The database server's own log, live." />
          <LogViewer project={project} owner={{ database }} />
        </Card>
        <BackupsSection target={{ kind: "database", project, name: database }} title="Backups" canManage={isAdmin} />
        {isAdmin ? <TerminalSection project={project} database={database} /> : null}
        {isAdmin ? <DatabaseSettings project={project} database={db} /> : null}
        {isAdmin ? <DeleteDatabase project={project} database={database} linkedApps={db.linkedApps} /> : null}
      </div>
    </>
  );
}

/** Opened on request: a terminal starts the engine's client (psql, mysql, redis-cli, mongosh…) as the database's user, and is audited. */
function TerminalSection({ project, database }: { project: string; database: string }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Card aria-labelledby="db-terminal-heading">
      <CardHeader headingId="db-terminal-heading" title="Terminal" description="Starts the engine's own client (psql, mysql, redis-cli, mongosh…) signed in as the database's user, or a shell when the image has none. Sessions are audited." />
      {isOpen ? <LazyTerminalTabs project={project} owner={{ database }} /> : <Button variant="secondary" onClick={() => setIsOpen(true)}>Open terminal</Button>}
    </Card>
  );
}

function PasswordReveal({ project, database }: { project: string; database: string }) {
  const [isShown, setIsShown] = useState(false);
  const password = useDatabasePassword(project, database, isShown);
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {!isShown ? <Button variant="secondary" onClick={() => setIsShown(true)}>Reveal password</Button> : null}
      {isShown && password.isPending ? <Spinner label="Revealing…" /> : null}
      {password.isError ? <Alert tone="error">{errorMessage(password.error)}</Alert> : null}
      {password.data ? (
        <>
          <code data-testid="database-password" className="break-all">{password.data.password}</code>
          <CopyButton value={password.data.url} label="Copy URL with password" />
          <Button variant="secondary" onClick={() => setIsShown(false)}>Hide</Button>
        </>
      ) : null}
    </div>
  );
}

function DeleteDatabase({ project, database, linkedApps }: { project: string; database: string; linkedApps: string[] }) {
  const router = useRouter();
  const remove = useDeleteDatabase(project, database);
  const [deleteData, setDeleteData] = useState(false);
  const [isConfirmed, setIsConfirmed] = useState(linkedApps.length === 0);
  return (
    <Card aria-labelledby="db-delete-heading">
      <CardHeader headingId="db-delete-heading" title="Delete this database" description="Deletes its StatefulSet and Services. Its volume (the data) and its credentials Secret (the password that data expects) stay unless you tick the box; a database created again under this name reuses both. Its backup schedule ends; the backup files stay." />
      <div className="flex flex-col gap-3 text-sm">
        <label className="inline-flex items-center gap-2"><input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} /> Also delete the volume with all its data, and its credentials</label>
        {linkedApps.length > 0 ? (
          <label className="inline-flex items-center gap-2"><input type="checkbox" checked={isConfirmed} onChange={(e) => setIsConfirmed(e.target.checked)} /> {linkedApps.join(", ")} {linkedApps.length === 1 ? "links" : "link"} it and will fail to start without it — delete anyway</label>
        ) : null}
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
        <div>
          <Button variant="danger" disabled={!isConfirmed} isPending={remove.isPending} onClick={() => remove.mutate({ deleteData, force: linkedApps.length > 0 }, { onSuccess: () => router.push(`/projects/${encodeURIComponent(project)}`) })}>
            Delete database
          </Button>
        </div>
      </div>
    </Card>
  );
}
