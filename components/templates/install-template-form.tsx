"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { CreationEffects } from "@/components/databases/creation-effects";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import type { TemplateSummary } from "@/lib/dto/template";
import { useInstallTemplate } from "@/lib/queries/templates";

/** The field for a parameter error the API answers ("parameters.hostname: …"), else the whole form. */
function errorsFrom(message: string): Record<string, string> {
  const match = /^parameters\.([A-Za-z0-9]+): (.*)$/.exec(message);
  return match ? { [match[1]]: match[2] } : { form: message };
}

/** One field per parameter, prefilled with its default; a generated secret left empty is made at install. */
export function InstallTemplateForm({ project, template, onBack }: { project: string; template: TemplateSummary; onBack: () => void }) {
  const router = useRouter();
  const install = useInstallTemplate(project);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(template.parameters.map((p) => [p.name, p.default ?? ""])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [effects, setEffects] = useState<string[]>([]);
  const projectPage = `/projects/${encodeURIComponent(project)}`;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    // Empty optional values are left out, so the server applies the template's own rule (default, generated or none).
    const parameters = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ""));
    install.mutate(
      { template: template.id, parameters },
      {
        onSuccess: (installed) => (installed.effects.length > 0 ? setEffects(installed.effects) : router.push(projectPage)),
        onError: (error) => setErrors(errorsFrom(errorMessage(error))),
      },
    );
  }

  if (effects.length > 0) return <CreationEffects effects={effects} continueLabel="Open the project" onContinue={() => router.push(projectPage)} />;

  return (
    <Card>
      <CardHeader title={`${template.icon} ${template.title}`} description={template.description} />
      <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-4" aria-label={`Install ${template.title}`}>
        <div className="grid gap-4 sm:grid-cols-2">
          {template.parameters.map((p) => (
            <TextField
              key={p.name}
              id={`template-${p.name}`}
              label={p.required ? p.label : `${p.label} (optional)`}
              hint={p.generated ? `${p.description ?? ""} Leave empty to generate one.`.trim() : p.description}
              type={p.type === "secret" ? "password" : "text"}
              value={values[p.name] ?? ""}
              onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
              error={errors[p.name]}
              autoComplete="off"
              spellCheck={false}
            />
          ))}
        </div>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="flex gap-2">
          <Button type="submit" isPending={install.isPending}>
            Install and deploy
          </Button>
          <Button type="button" variant="secondary" onClick={onBack}>
            Other templates
          </Button>
        </div>
      </form>
    </Card>
  );
}
