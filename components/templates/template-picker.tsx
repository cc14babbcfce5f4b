"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { InstallTemplateForm } from "@/components/templates/install-template-form";
import { errorMessage } from "@/lib/api-client";
import { useTemplates } from "@/lib/queries/templates";

/** "New → From template": pick one of the shipped templates, then fill its parameters and install. */
export function TemplatePicker({ project }: { project: string }) {
  const templates = useTemplates();
  const [chosen, setChosen] = useState<string | null>(null);

  if (templates.isPending) return <Spinner label="Loading the templates…" />;
  if (templates.isError) return <Alert tone="error" title="The templates could not be loaded">{errorMessage(templates.error)}</Alert>;
  const template = templates.data.templates.find((t) => t.id === chosen);
  if (template) return <InstallTemplateForm project={project} template={template} onBack={() => setChosen(null)} />;

  return (
    <ul className="grid gap-4 sm:grid-cols-2" aria-label="Templates">
      {templates.data.templates.map((t) => (
        <li key={t.id}>
          <Card className="h-full">
            <CardHeader title={`${t.icon} ${t.title}`} description={t.description} />
            <p className="mb-3 text-xs text-fg-muted">
              {[...t.images, ...t.engines.map((e) => `${e} database`)].join(" · ")}
            </p>
            <button type="button" onClick={() => setChosen(t.id)} className="text-sm font-medium text-accent underline" aria-label={`Use ${t.title}`}>
              Use this template
            </button>
          </Card>
        </li>
      ))}
    </ul>
  );
}
