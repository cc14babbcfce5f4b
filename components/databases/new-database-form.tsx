"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { CreationEffects } from "@/components/databases/creation-effects";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { useCreateDatabase } from "@/lib/queries/databases";
import { createDatabaseSchema, DATABASE_ENGINES, DATABASE_VERSIONS, DEFAULT_DATABASE_SIZE, type DatabaseEngine } from "@/lib/schemas/database";

const ENGINE_LABELS: Record<DatabaseEngine, string> = { postgresql: "PostgreSQL", mysql: "MySQL", mariadb: "MariaDB", redis: "Redis", valkey: "Valkey", mongodb: "MongoDB" };

/** Engine, version and size, checked with the API's own schema; the credentials are generated. */
export function NewDatabaseForm({ project }: { project: string }) {
  const router = useRouter();
  const create = useCreateDatabase(project);
  const [name, setName] = useState("");
  const [engine, setEngine] = useState<DatabaseEngine>("postgresql");
  const [version, setVersion] = useState(DATABASE_VERSIONS.postgresql[0]);
  const [size, setSize] = useState(DEFAULT_DATABASE_SIZE);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [effects, setEffects] = useState<string[]>([]);

  function handleEngine(next: DatabaseEngine) {
    setEngine(next);
    setVersion(DATABASE_VERSIONS[next][0]);
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = createDatabaseSchema.safeParse({ name: name.trim(), engine, version, size: size.trim() });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    const databasePage = `/projects/${encodeURIComponent(project)}/databases/${encodeURIComponent(parsed.data.name)}`;
    create.mutate(parsed.data, {
      onSuccess: (change) => (change.effects.length > 0 ? setEffects(change.effects) : router.push(databasePage)),
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), ["name", "engine", "version", "size"])),
    });
  }

  if (effects.length > 0) {
    return <CreationEffects effects={effects} continueLabel="Open the database" onContinue={() => router.push(`/projects/${encodeURIComponent(project)}/databases/${encodeURIComponent(name.trim())}`)} />;
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4" aria-label="New database">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="database-name" label="Name" hint="Apps reach it at <name>.<project>.svc.cluster.local; unique among the project's apps and databases." value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" spellCheck={false} />
        <SelectField id="database-engine" label="Engine" value={engine} onChange={(e) => handleEngine(e.target.value as DatabaseEngine)} error={errors.engine}>
          {DATABASE_ENGINES.map((e) => (
            <option key={e} value={e}>
              {ENGINE_LABELS[e]}
            </option>
          ))}
        </SelectField>
        <SelectField id="database-version" label="Version" value={version} onChange={(e) => setVersion(e.target.value)} error={errors.version}>
          {DATABASE_VERSIONS[engine].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </SelectField>
        <TextField id="database-size" label="Volume size" hint="e.g. 1Gi. It can grow later, never shrink." value={size} onChange={(e) => setSize(e.target.value)} error={errors.size} />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div>
        <Button type="submit" isPending={create.isPending}>
          Create database
        </Button>
      </div>
    </form>
  );
}
