"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import { useDatabases } from "@/lib/queries/databases";

/** The project's databases on its page: engine, size, host, linked apps; "New database". */
export function DatabasesCard({ project }: { project: string }) {
  const list = useDatabases(project);
  const base = `/projects/${encodeURIComponent(project)}/databases`;
  return (
    <Card aria-labelledby="databases-heading">
      <CardHeader
        headingId="databases-heading"
        title="Databases"
        description="PostgreSQL, MySQL, MariaDB, Redis, Valkey or MongoDB with its own volume and generated credentials; apps link them and receive a connection URL."
        actions={<Link href={`${base}/new`} className="inline-flex h-10 items-center rounded-md border border-border bg-panel px-4 text-sm font-medium text-fg hover:bg-muted">New database</Link>}
      />
      {list.isPending ? <Spinner label="Loading databases…" /> : null}
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.data && list.data.databases.length === 0 ? <p className="text-sm text-fg-muted">No databases yet.</p> : null}
      {list.data && list.data.databases.length > 0 ? (
        <ul aria-label="Databases" className="flex flex-col divide-y divide-border">
          {list.data.databases.map((db) => (
            <li key={db.name} data-testid="database-row" className="grid grid-cols-2 gap-x-3 gap-y-1 py-3 text-sm md:grid-cols-[2fr_2fr_1fr_3fr_2fr] md:items-center">
              <Link href={`${base}/${encodeURIComponent(db.name)}`} className="truncate font-semibold text-accent underline-offset-2 hover:underline">
                {db.name}
              </Link>
              <span className="font-mono text-xs text-fg-muted">{db.image}</span>
              <span className="text-fg-muted">{db.size}</span>
              <span className="col-span-2 truncate font-mono text-xs md:col-span-1">{db.connection.host}:{db.connection.port}</span>
              <span className="text-fg-muted">{db.linkedApps.length > 0 ? `Linked: ${db.linkedApps.join(", ")}` : "No linked apps"}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
