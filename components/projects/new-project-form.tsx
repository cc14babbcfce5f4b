"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/api-client";
import { projectCreateSchema } from "@/lib/schemas/project";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { useCreateProject } from "@/lib/queries/projects";

/** Name (the namespace) and an optional display name, checked with the API's own schema as you submit. */
export function NewProjectForm({ onDone }: { onDone?: () => void }) {
  const router = useRouter();
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const input = { name: name.trim(), displayName: displayName.trim() || undefined };
    const parsed = projectCreateSchema.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        onDone?.();
        router.push(`/projects/${encodeURIComponent(parsed.data.name)}`);
      },
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), ["name", "displayName"])),
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4" aria-label="New project">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="project-name"
          label="Project name"
          hint="Lowercase letters, digits and '-'; it becomes the Kubernetes namespace."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField id="project-display-name" label="Display name (optional)" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div>
        <Button type="submit" isPending={create.isPending}>
          Create project
        </Button>
      </div>
    </form>
  );
}
