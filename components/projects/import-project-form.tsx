"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { ImportResult } from "@/components/projects/import-result";
import { errorMessage } from "@/lib/api-client";
import { useImportProject } from "@/lib/queries/project-file";

/**
 * The Import page's form: a project file chosen from disk (or pasted), an optional new name,
 * and the server's answer — every problem with its line and column, or what was created and
 * which secret values are left to be set.
 */
export function ImportProjectForm() {
  const importProject = useImportProject();
  const [text, setText] = useState("");
  const [name, setName] = useState("");

  async function handleFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    importProject.reset();
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    importProject.mutate({ text, as: name.trim() || undefined });
  }

  if (importProject.isSuccess) return <ImportResult result={importProject.data} />;

  return (
    <Card aria-labelledby="import-heading">
      <CardHeader headingId="import-heading" title="Project file" description="Everything in the file is created, or nothing is: a problem anywhere imports nothing." />
      <form onSubmit={handleSubmit} className="flex flex-col gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="import-file" className="text-sm font-medium text-fg">File</label>
          <input id="import-file" type="file" accept=".yaml,.yml,application/yaml,text/yaml" className="min-w-0 text-sm text-fg" onChange={(e) => void handleFile(e.target.files?.[0])} />
        </div>
        <TextAreaField id="import-text" label="Contents" rows={12} value={text} onChange={(e) => setText(e.target.value)} placeholder={"apiVersion: berth.dev/v1\nkind: Project\nmetadata:\n  name: shop\nspec:\n  apps: []"} />
        <TextField id="import-name" label="Import as (optional)" hint="A project name to use instead of the file's own, e.g. to copy a project beside the original." value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        {importProject.isError ? (
          <Alert tone="error" title="Nothing was imported">
            <pre className="whitespace-pre-wrap break-words font-sans">{errorMessage(importProject.error)}</pre>
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" isPending={importProject.isPending} disabled={text.trim() === ""}>Import</Button>
          <Link href="/projects" className="text-sm text-fg-muted underline">Cancel</Link>
        </div>
      </form>
    </Card>
  );
}
