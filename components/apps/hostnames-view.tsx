"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { hostnameSpecSchema } from "@/lib/schemas/app";
import { useAddHostname, useApp, useRemoveHostname } from "@/lib/queries/apps";

/** The app's hostnames (Ingress rules); changes reach the cluster with the next deploy. */
export function HostnamesView({ project, app }: { project: string; app: string }) {
  const detail = useApp(project, app);
  const add = useAddHostname(project, app);
  const remove = useRemoveHostname(project, app);
  const [host, setHost] = useState("");
  const [path, setPath] = useState("/");
  const [errors, setErrors] = useState<FieldErrors>({});

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = hostnameSpecSchema.safeParse({ host: host.trim(), path: path.trim() || "/" });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => setHost(""),
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), ["host", "path"])),
    });
  }

  if (detail.isPending) return <Spinner label="Loading hostnames…" />;
  if (detail.isError) return <Alert tone="error">{errorMessage(detail.error)}</Alert>;
  const hostnames = detail.data.spec.hostnames;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Hostnames" description="Each becomes an Ingress rule sending that host (and path) to the app. TLS ends at your own gateway unless you name a certificate Secret." />
        {hostnames.length === 0 ? <p className="text-sm text-fg-muted">No hostnames: the app is reachable only inside the cluster. Add one below.</p> : null}
        <ul aria-label="Hostnames" className="flex flex-col gap-2">
          {hostnames.map((h) => (
            <li key={`${h.host}${h.path}`} className="flex min-w-0 flex-wrap items-center justify-between gap-2 text-sm">
              <span className="truncate font-mono">{`${h.tlsSecretName ? "https" : "http"}://${h.host}${h.path}`}</span>
              <Button size="sm" variant="ghost" aria-label={`Remove ${h.host}${h.path}`} onClick={() => remove.mutate({ host: h.host, path: h.path })}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      </Card>
      <Card>
        <CardHeader title="Add a hostname" description="Point the host's DNS at your cluster's ingress, then deploy." />
        <form onSubmit={handleSubmit} noValidate className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
          <TextField id="hostname-host" label="Host" placeholder="blog.example.com" value={host} onChange={(e) => setHost(e.target.value)} error={errors.host} autoComplete="off" spellCheck={false} />
          <TextField id="hostname-path" label="Path" value={path} onChange={(e) => setPath(e.target.value)} error={errors.path} />
          <Button type="submit" className="sm:mt-6" isPending={add.isPending}>Add hostname</Button>
        </form>
        {errors.form ? <Alert tone="error" className="mt-3">{errors.form}</Alert> : null}
        {add.isSuccess ? <p role="status" className="mt-3 text-sm text-fg-muted">Added. Deploy to create the rule in the cluster.</p> : null}
      </Card>
    </div>
  );
}
