"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { useAddRegistry } from "@/lib/queries/registries";
import { registryCreateSchema } from "@/lib/schemas/registry";

/** Server, username and a write-only password (or token), checked with the API's schema on submit. */
export function AddRegistryForm({ project, onNotice }: { project: string; onNotice: (message: string) => void }) {
  const add = useAddRegistry(project);
  const [server, setServer] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = registryCreateSchema.safeParse({ server, username: username.trim(), password });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: (change) => {
        setServer("");
        setUsername("");
        setPassword("");
        onNotice(change.message);
      },
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), ["server", "username", "password"])),
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4" aria-label="Add a registry login">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField id="registry-server" label="Registry" hint="Host and optional port, e.g. ghcr.io or registry.example.com:5000; docker.io for Docker Hub." value={server} onChange={(e) => setServer(e.target.value)} error={errors.server} autoComplete="off" spellCheck={false} />
        <TextField id="registry-username" label="Username" value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} autoComplete="off" spellCheck={false} />
        <TextField id="registry-password" label="Password or token" hint="Stored encrypted; never shown again." type="password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} autoComplete="new-password" />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div>
        <Button type="submit" isPending={add.isPending}>
          Add login
        </Button>
      </div>
    </form>
  );
}
