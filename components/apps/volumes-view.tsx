"use client";

import { useState, type FormEvent } from "react";
import { AppVolumeBackups } from "@/components/backups/app-volume-backups";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { volumeSpecSchema } from "@/lib/schemas/app";
import { useAddVolume, useApp, useAppStatus, useRemoveVolume } from "@/lib/queries/apps";

/** The app's volumes: size, whether the claim is bound (or why not), and the ReadWriteOnce rule. */
export function VolumesView({ project, app }: { project: string; app: string }) {
  const detail = useApp(project, app);
  const status = useAppStatus(project, app);
  const add = useAddVolume(project, app);
  const remove = useRemoveVolume(project, app);
  const [form, setForm] = useState({ name: "", size: "1Gi", mountPath: "" });
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = volumeSpecSchema.safeParse({ name: form.name.trim(), size: form.size.trim(), mountPath: form.mountPath.trim() });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => setForm({ name: "", size: "1Gi", mountPath: "" }),
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), ["name", "size", "mountPath", "replicas"])),
    });
  }

  if (detail.isPending) return <Spinner label="Loading volumes…" />;
  if (detail.isError) return <Alert tone="error">{errorMessage(detail.error)}</Alert>;
  const volumes = detail.data.spec.volumes;
  const claims = status.data?.volumes ?? [];

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Volumes" description="Each is a PersistentVolumeClaim mounted into the app; its data outlives deploys and restarts." />
        {volumes.length === 0 ? <p className="text-sm text-fg-muted">No volumes: anything the app writes is lost when its pod restarts. Add one below to keep data.</p> : null}
        <ul aria-label="Volumes" className="flex flex-col gap-3">
          {volumes.map((v) => {
            const claim = claims.find((c) => c.name.endsWith(`-${v.name}`));
            return (
              <li key={v.name} data-testid="volume-row" className="flex min-w-0 flex-col gap-1 rounded-md border border-border p-3 text-sm">
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">{v.name}</span>
                  <Button size="sm" variant="ghost" aria-label={`Remove volume ${v.name}`} onClick={() => remove.mutate(v.name)}>Remove</Button>
                </span>
                <span className="text-fg-muted">
                  {v.size} at <code>{v.mountPath}</code> · {v.accessMode} · {v.storageClass ?? "default storage class"}
                </span>
                <span>{claim ? (claim.phase === "Bound" ? `Bound${claim.capacity ? ` (${claim.capacity})` : ""}` : `${claim.phase}${claim.note ? `: ${claim.note}` : ""}`) : "Not created yet: deploy to create the claim."}</span>
              </li>
            );
          })}
        </ul>
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
        <p className="mt-4 text-xs text-fg-muted">
          ReadWriteOnce (k3s local-path): one pod can use the volume at a time, so the app runs 1 replica and deploys stop the old pod before starting the new one.
        </p>
      </Card>
      <AppVolumeBackups project={project} app={app} volumes={volumes.map((v) => v.name)} />
      <Card>
        <CardHeader title="Add a volume" description="It is created and mounted with the next deploy." />
        <form onSubmit={handleSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-start">
          <TextField id="volume-name" label="Volume name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} autoComplete="off" />
          <TextField id="volume-size" label="Size" value={form.size} onChange={(e) => setForm({ ...form, size: e.target.value })} error={errors.size} />
          <TextField id="volume-mount" label="Mount path" placeholder="/data" value={form.mountPath} onChange={(e) => setForm({ ...form, mountPath: e.target.value })} error={errors.mountPath} />
          <Button type="submit" className="sm:mt-6" isPending={add.isPending}>Add volume</Button>
        </form>
        {errors.form || errors.replicas ? <Alert tone="error" className="mt-3">{errors.replicas ?? errors.form}</Alert> : null}
      </Card>
    </div>
  );
}
