"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { AddRegistryForm } from "@/components/projects/add-registry-form";
import { RegistryRow } from "@/components/projects/registry-row";
import { errorMessage } from "@/lib/api-client";
import { useRegistries } from "@/lib/queries/registries";

/** The project's registry logins (settings): apps on a registry with a login pull with it. */
export function RegistriesSection({ project }: { project: string }) {
  const registries = useRegistries(project);
  const [notice, setNotice] = useState<string>();

  return (
    <Card aria-labelledby="registries-heading" id="registries" className="flex flex-col gap-4">
      <CardHeader
        headingId="registries-heading"
        title="Registries"
        description="Logins for private image registries. An app whose image is on one of them pulls with its login; adding one redeploys those apps."
      />
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {registries.isPending ? (
        <Spinner label="Loading the registry logins…" />
      ) : registries.isError ? (
        <Alert tone="error">{errorMessage(registries.error)}</Alert>
      ) : registries.data.registries.length === 0 ? (
        <p className="text-sm text-fg-muted">No logins yet: every image is pulled anonymously.</p>
      ) : (
        <ul className="divide-y divide-border">
          {registries.data.registries.map((r) => (
            <RegistryRow key={r.server} project={project} registry={r} onNotice={setNotice} />
          ))}
        </ul>
      )}
      <AddRegistryForm project={project} onNotice={setNotice} />
    </Card>
  );
}
