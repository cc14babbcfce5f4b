"use client";

import { useState, type FormEvent } from "react";
import { AdvancedFields } from "@/components/apps/advanced-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { toSpecInput, type AppFormValues } from "@/lib/apps/spec-form";
import { appSpecSchema } from "@/lib/schemas/app";

const FIELDS = ["name", "image", "port", "replicas", "command", "args", "env", "secretEnv", "hostnames", "volumes", "healthCheck", "resources", "probes", "securityContext"];

type AppFormProps = {
  initial: AppFormValues;
  isEdit: boolean;
  submitLabel: string;
  isPending: boolean;
  /** Sends the spec; rejects with the API's error, whose field sentences land next to their inputs. */
  onSubmit: (spec: Record<string, unknown>) => Promise<unknown>;
};

/**
 * The new-app and edit-app form. Checked in the browser with the same zod schema the API
 * uses; when the server still refuses, its sentence is shown next to the field it names.
 */
export function AppForm({ initial, isEdit, submitLabel, isPending, onSubmit }: AppFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const bind = (key: Exclude<keyof AppFormValues, "advanced">) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value })),
  });

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const spec = toSpecInput(values, { isEdit });
    // Secret lines kept as-is on edit have no value here; the schema needs one, so check with a stand-in.
    const checkable = { ...spec, secretEnv: (spec.secretEnv as Array<{ name: string; value?: string }>).map((s) => ({ name: s.name, value: s.value ?? "kept" })) };
    const parsed = appSpecSchema.safeParse(checkable);
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    try {
      await onSubmit(spec);
    } catch (error) {
      setErrors(fieldErrorsFromApiMessage(errorMessage(error), FIELDS));
    }
  }

  return (
    <form onSubmit={(e) => void handleSubmit(e)} noValidate className="flex flex-col gap-6" aria-label={isEdit ? "Edit app" : "New app"}>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-fg">Container</legend>
        <TextField id="app-name" label="App name" hint="Lowercase letters, digits and '-', starting with a letter." disabled={isEdit} error={errors.name} autoComplete="off" spellCheck={false} {...bind("name")} />
        <TextField id="app-image" label="Image" placeholder="nginx:1.27" hint="A registry reference, e.g. nginx:1.27 or ghcr.io/me/app:v2." error={errors.image} autoComplete="off" spellCheck={false} {...bind("image")} />
        <TextField id="app-port" label="Port" inputMode="numeric" hint="The port your container listens on. Empty for a worker: no Service and no hostnames." error={errors.port} {...bind("port")} />
        <TextField id="app-replicas" label="Replicas" inputMode="numeric" hint="0 stops the app." error={errors.replicas} {...bind("replicas")} />
        <TextAreaField id="app-command" label="Command (one item per line)" hint="Leave empty to use the image's entrypoint." error={errors.command} {...bind("command")} />
        <TextAreaField id="app-args" label="Arguments (one per line)" error={errors.args} {...bind("args")} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-fg">Environment</legend>
        <TextAreaField id="app-env" label="Environment variables" placeholder="LOG_LEVEL=info" hint="NAME=value, one per line." error={errors.env} {...bind("env")} />
        <TextAreaField
          id="app-secret-env"
          label="Secret variables"
          placeholder="DATABASE_PASSWORD=…"
          hint={isEdit ? "NAME=value to set; a NAME alone keeps its stored value. Values are never shown here." : "NAME=value, one per line; stored in a Secret."}
          error={errors.secretEnv}
          {...bind("secretEnv")}
        />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-fg">Network and storage</legend>
        <TextAreaField id="app-hostnames" label="Hostnames" placeholder="blog.example.com" hint="One per line; add a path after the host (example.com/api) to route only that path." error={errors.hostnames} {...bind("hostnames")} />
        <TextAreaField id="app-volumes" label="Volumes" placeholder="data 1Gi /var/lib/data" hint="name size mount-path, one per line. ReadWriteOnce: 1 replica only." error={errors.volumes} {...bind("volumes")} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-base font-semibold text-fg">Health check and resources</legend>
        <TextField id="app-health-path" label="Health check path" placeholder="/healthz" hint="Leave empty for no readiness probe." error={errors.healthCheck} {...bind("healthPath")} />
        <TextField id="app-health-port" label="Health check port" inputMode="numeric" hint="The app's port when empty." {...bind("healthPort")} />
        <TextField id="app-cpu-request" label="CPU request" placeholder="100m" error={errors.resources} {...bind("cpuRequest")} />
        <TextField id="app-memory-request" label="Memory request" placeholder="128Mi" {...bind("memoryRequest")} />
        <TextField id="app-cpu-limit" label="CPU limit" placeholder="500m" {...bind("cpuLimit")} />
        <TextField id="app-memory-limit" label="Memory limit" placeholder="256Mi" {...bind("memoryLimit")} />
      </fieldset>

      <AdvancedFields values={values.advanced} errors={errors} onChange={(advanced) => setValues((v) => ({ ...v, advanced }))} />

      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div>
        <Button type="submit" isPending={isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
