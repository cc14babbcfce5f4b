"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import type { RegistryCredential } from "@/lib/dto/registry";
import { useRemoveRegistry, useUpdateRegistry } from "@/lib/queries/registries";

/** One login: who it logs in as, the apps it is for, a new password (write-only) and removal. */
export function RegistryRow({ project, registry, onNotice }: { project: string; registry: RegistryCredential; onNotice: (message: string) => void }) {
  const update = useUpdateRegistry(project);
  const remove = useRemoveRegistry(project);
  const [password, setPassword] = useState("");
  const [isEditing, setIsEditing] = useState(false);
  const slug = registry.server.replace(/[^a-z0-9]/g, "-");

  function handleSave(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { server: registry.server, password },
      {
        onSuccess: (change) => {
          setPassword("");
          setIsEditing(false);
          onNotice(change.message);
        },
      },
    );
  }

  const error = update.error ?? remove.error;
  return (
    <li className="flex flex-col gap-3 py-3" aria-label={`Login for ${registry.server}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="font-medium">
            <code>{registry.server}</code> as {registry.username}
          </p>
          <p className="text-sm text-fg-muted">
            {registry.usedBy.length > 0 ? `Used by ${registry.usedBy.join(", ")}` : "No app pulls from it yet"} · Secret <code>{registry.secretName}</code>
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => setIsEditing((v) => !v)} aria-expanded={isEditing}>
            Change password
          </Button>
          <Button variant="danger" size="sm" isPending={remove.isPending} onClick={() => remove.mutate(registry.server, { onSuccess: (change) => onNotice(change.message) })}>
            Remove
          </Button>
        </div>
      </div>
      {isEditing ? (
        <form onSubmit={handleSave} noValidate className="flex flex-wrap items-end gap-2" aria-label={`New password for ${registry.server}`}>
          <TextField id={`registry-password-${slug}`} label="New password or token" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          <Button type="submit" size="md" isPending={update.isPending} disabled={password.length === 0}>
            Save password
          </Button>
        </form>
      ) : null}
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
    </li>
  );
}
