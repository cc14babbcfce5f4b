"use client";

import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { ProbeFormValues, ProbeKind } from "@/lib/apps/advanced-form";

const WHAT: Record<ProbeKind, { title: string; hint: string }> = {
  readiness: { title: "Readiness probe", hint: "Traffic waits until it passes. Use instead of the health check path above for a TCP or command check." },
  liveness: { title: "Liveness probe", hint: "The container is restarted when it keeps failing. Defaults: after 10 s, every 10 s, 6 failures." },
  startup: { title: "Startup probe", hint: "For slow starters: the other probes wait until it passes. Defaults: every 5 s, up to 30 failures (150 s)." },
};

type ProbeFieldsProps = {
  kind: ProbeKind;
  values: ProbeFormValues;
  onChange: (values: ProbeFormValues) => void;
};

/** One probe of the Advanced section: its type, what it checks, and its timing (empty: the defaults). */
export function ProbeFields({ kind, values, onChange }: ProbeFieldsProps) {
  const id = (field: string) => `app-${kind}-${field}`;
  const bind = (key: Exclude<keyof ProbeFormValues, "type">) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value }),
  });
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <legend className="mb-1 text-sm font-semibold text-fg">{WHAT[kind].title}</legend>
      <SelectField
        id={id("type")}
        label="Type"
        hint={WHAT[kind].hint}
        value={values.type}
        onChange={(e) => onChange({ ...values, type: e.target.value as ProbeFormValues["type"] })}
      >
        <option value="">None</option>
        <option value="http">HTTP GET</option>
        <option value="tcp">TCP connect</option>
        <option value="command">Command</option>
      </SelectField>
      {values.type === "http" ? <TextField id={id("path")} label="Probe path" placeholder="/healthz" {...bind("path")} /> : null}
      {values.type === "http" || values.type === "tcp" ? (
        <TextField id={id("port")} label="Probe port" inputMode="numeric" hint="The app's port when empty." {...bind("port")} />
      ) : null}
      {values.type === "command" ? (
        <TextAreaField id={id("command")} label="Probe command (one item per line)" placeholder={"pg_isready\n-U\npostgres"} hint="Run in the container without a shell; exit 0 passes." {...bind("command")} />
      ) : null}
      {values.type !== "" ? (
        <>
          <TextField id={id("delay")} label="Initial delay (s)" inputMode="numeric" {...bind("initialDelaySeconds")} />
          <TextField id={id("period")} label="Every (s)" inputMode="numeric" {...bind("periodSeconds")} />
          <TextField id={id("timeout")} label="Timeout (s)" inputMode="numeric" {...bind("timeoutSeconds")} />
          <TextField id={id("failures")} label="Failures before acting" inputMode="numeric" {...bind("failureThreshold")} />
        </>
      ) : null}
    </fieldset>
  );
}
