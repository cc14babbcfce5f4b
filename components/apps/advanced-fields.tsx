"use client";

import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { ProbeFields } from "@/components/apps/probe-fields";
import { PROBE_KINDS, type AdvancedFormValues } from "@/lib/apps/advanced-form";
import type { FieldErrors } from "@/lib/apps/field-errors";

type AdvancedFieldsProps = {
  values: AdvancedFormValues;
  errors: FieldErrors;
  onChange: (values: AdvancedFormValues) => void;
};

/**
 * The form's "Advanced" section: who the process runs as, who owns its volumes, a read-only root
 * filesystem, and the readiness, liveness and startup probes. Closed unless something is set.
 */
export function AdvancedFields({ values, errors, onChange }: AdvancedFieldsProps) {
  const bind = (key: "runAsUser" | "runAsGroup" | "fsGroup") => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value }),
  });
  const isSet = values.runAsUser + values.runAsGroup + values.fsGroup !== "" || values.readOnlyRootFilesystem || PROBE_KINDS.some((k) => values.probes[k].type !== "");
  return (
    <details open={isSet || Boolean(errors.securityContext || errors.probes)} className="rounded-md border border-border p-4">
      <summary className="cursor-pointer text-base font-semibold text-fg">Advanced</summary>
      <div className="mt-4 flex flex-col gap-6">
        <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-fg">User and volume ownership</legend>
          <TextField id="app-run-as-user" label="Run as user (uid)" inputMode="numeric" hint="Empty: the image's USER. 0 is root." {...bind("runAsUser")} />
          <TextField id="app-run-as-group" label="Run as group (gid)" inputMode="numeric" hint="Empty: the image's group." {...bind("runAsGroup")} />
          <TextField
            id="app-fs-group"
            label="Volume group (fsGroup)"
            inputMode="numeric"
            hint="Volumes are owned by this group. Postgres refuses a data directory owned by root — set the image's group, e.g. 999."
            {...bind("fsGroup")}
          />
          <SelectField
            id="app-fs-group-policy"
            label="Re-own volumes"
            hint="Only when the volume's root does not match (fast), or on every start."
            value={values.fsGroupChangePolicy}
            onChange={(e) => onChange({ ...values, fsGroupChangePolicy: e.target.value as AdvancedFormValues["fsGroupChangePolicy"] })}
          >
            <option value="">When the root does not match</option>
            <option value="Always">Always</option>
          </SelectField>
          <label htmlFor="app-read-only-root" className="flex items-start gap-2 text-sm text-fg sm:col-span-2">
            <input
              id="app-read-only-root"
              type="checkbox"
              checked={values.readOnlyRootFilesystem}
              onChange={(e) => onChange({ ...values, readOnlyRootFilesystem: e.target.checked })}
              className="mt-1"
            />
            <span>
              Read-only root filesystem
              <span className="block text-fg-muted">The container cannot write its own files; every path it writes to needs a volume.</span>
            </span>
          </label>
        </fieldset>
        {errors.securityContext ? <Alert tone="error">{errors.securityContext}</Alert> : null}
        {PROBE_KINDS.map((kind) => (
          <ProbeFields key={kind} kind={kind} values={values.probes[kind]} onChange={(probe) => onChange({ ...values, probes: { ...values.probes, [kind]: probe } })} />
        ))}
        {errors.probes ? <Alert tone="error">{errors.probes}</Alert> : null}
      </div>
    </details>
  );
}
