"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import type { AppDetail } from "@/lib/dto/app";
import { linkVariables, type DatabaseLink } from "@/lib/schemas/database-link";
import { useUpdateApp } from "@/lib/queries/apps";
import { useDatabases } from "@/lib/queries/databases";

/**
 * The app's database links: each gives the app the database's URL (and, if asked, its parts)
 * from the database's credentials Secret. Saved into the app's spec; the next deploy applies it.
 */
export function AppLinksCard({ project, app, canEdit }: { project: string; app: AppDetail; canEdit: boolean }) {
  const databases = useDatabases(project);
  const update = useUpdateApp(project, app.name);
  const links = app.spec.links ?? [];
  const candidates = (databases.data?.databases ?? []).filter((d) => !links.some((l) => l.database === d.name));
  const [database, setDatabase] = useState("");
  const [env, setEnv] = useState("DATABASE_URL");
  const [hasParts, setHasParts] = useState(false);
  const chosen = database || candidates[0]?.name || "";

  function save(next: DatabaseLink[]) {
    update.mutate({ ...app.spec, links: next });
  }

  return (
    <Card aria-labelledby="links-heading">
      <CardHeader headingId="links-heading" title="Linked databases" description="Read from each database's credentials Secret by secretKeyRef, never copied. Changes apply with the next deploy." />
      {links.length === 0 ? <p className="text-sm text-fg-muted">No linked databases.</p> : null}
      <ul aria-label="Linked databases" className="flex flex-col gap-2 text-sm">
        {links.map((link) => (
          <li key={link.database} className="flex flex-wrap items-center gap-3">
            <Link className="font-semibold text-accent underline" href={`/projects/${encodeURIComponent(project)}/databases/${encodeURIComponent(link.database)}`}>{link.database}</Link>
            <code className="text-xs text-fg-muted">{linkVariables(link).map((v) => v.name).join(", ")}</code>
            {canEdit ? <Button size="sm" variant="ghost" isPending={update.isPending} onClick={() => save(links.filter((l) => l.database !== link.database))}>Unlink</Button> : null}
          </li>
        ))}
      </ul>
      {canEdit && candidates.length > 0 ? (
        <form
          aria-label="Link a database"
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save([...links, { database: chosen, env: env.trim(), parts: hasParts }]);
          }}
        >
          <SelectField id="link-database" label="Database" value={chosen} onChange={(e) => setDatabase(e.target.value)}>
            {candidates.map((d) => (
              <option key={d.name} value={d.name}>{d.name}</option>
            ))}
          </SelectField>
          <TextField id="link-env" label="Variable" value={env} onChange={(e) => setEnv(e.target.value)} spellCheck={false} />
          <label className="inline-flex h-10 items-center gap-2 text-sm"><input type="checkbox" checked={hasParts} onChange={(e) => setHasParts(e.target.checked)} /> Also HOST, PORT, USER, PASSWORD, NAME</label>
          <Button type="submit" isPending={update.isPending}>Link database</Button>
        </form>
      ) : null}
      {update.isError ? <Alert tone="error" className="mt-3">{errorMessage(update.error)}</Alert> : null}
      {update.isSuccess ? <Alert tone="success" className="mt-3">Saved. Deploy the app to apply it.</Alert> : null}
    </Card>
  );
}
