"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import type { DatabaseSummary } from "@/lib/dto/database";
import { useUpdateDatabase } from "@/lib/queries/databases";

/** Grow the volume and switch the NodePort, each answered with what the change does. */
export function DatabaseSettings({ project, database }: { project: string; database: DatabaseSummary }) {
  const update = useUpdateDatabase(project, database.name);
  const [size, setSize] = useState(database.size);
  const effects = update.data?.effects ?? [];
  return (
    <Card aria-labelledby="db-settings-heading">
      <CardHeader headingId="db-settings-heading" title="Settings" />
      <div className="flex flex-col gap-4 text-sm">
        <div className="flex flex-wrap items-end gap-3">
          <TextField id="database-grow-size" label="Volume size" hint="Grows only; the storage class must allow expansion." value={size} onChange={(e) => setSize(e.target.value)} />
          <Button variant="secondary" isPending={update.isPending} onClick={() => update.mutate({ size: size.trim() })}>Grow volume</Button>
        </div>
        <div className="flex flex-col gap-2">
          <Alert tone="warning" title="NodePort">
            Turning this on opens port {database.connection.port} on every node of the cluster: anyone who can reach a node&apos;s address can try to sign in to this database. Leave it off unless you need to connect from outside the cluster.
          </Alert>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={database.nodePort} disabled={update.isPending} onChange={(e) => update.mutate({ nodePort: e.target.checked })} /> Expose on a NodePort
          </label>
        </div>
        {update.isError ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}
        {effects.length > 0 ? <Alert tone="success">{effects.join(" ")}</Alert> : null}
      </div>
    </Card>
  );
}
