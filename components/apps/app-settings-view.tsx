"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { AppForm } from "@/components/apps/app-form";
import { DeployFromCiSection } from "@/components/apps/deploy-from-ci-section";
import { TypedDelete } from "@/components/projects/typed-delete";
import { errorMessage } from "@/lib/api-client";
import { fromSpec } from "@/lib/apps/spec-form";
import { useApp, useDeleteApp, useUpdateApp } from "@/lib/queries/apps";
import { useSession } from "@/lib/queries/session";

/** Edit the whole spec (applied with the next deploy), deploy tokens for CI, and delete the app, keeping or deleting its data. */
export function AppSettingsView({ project, app }: { project: string; app: string }) {
  const router = useRouter();
  const detail = useApp(project, app);
  const update = useUpdateApp(project, app);
  const remove = useDeleteApp(project, app);
  const session = useSession();
  const [isDeletingData, setIsDeletingData] = useState(false);

  if (detail.isPending) return <Spinner label="Loading the app…" />;
  if (detail.isError) return <Alert tone="error">{errorMessage(detail.error)}</Alert>;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Edit app" description="Saved changes reach the cluster with the next deploy." />
        <AppForm key={detail.data.specVersion} initial={fromSpec(detail.data.spec)} isEdit submitLabel="Save changes" isPending={update.isPending} onSubmit={(spec) => update.mutateAsync(spec)} />
        {update.isSuccess ? <p role="status" className="mt-3 text-sm text-fg-muted">Saved. Press Deploy to apply it.</p> : null}
      </Card>
      <DeployFromCiSection project={project} app={app} image={detail.data.spec.image} canManage={session.data?.role === "admin"} />
      <Card aria-labelledby="delete-app-heading">
        <CardHeader headingId="delete-app-heading" title="Delete this app" description="Removes its Deployment, Service, Ingress rules and Secret from the cluster, and ends its volumes' backup schedules (the backup files stay)." />
        <TypedDelete
          id="delete-app-confirm"
          name={app}
          buttonLabel="Delete app"
          isPending={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : undefined}
          onConfirm={() => remove.mutate({ deleteData: isDeletingData }, { onSuccess: () => router.push(`/projects/${encodeURIComponent(project)}`) })}
        >
          <label className="inline-flex items-start gap-2 text-sm text-fg">
            <input type="checkbox" className="mt-1" checked={isDeletingData} onChange={(e) => setIsDeletingData(e.target.checked)} />
            <span>Also delete its volumes and the data on them. Left unticked, the volumes stay so a new app with the same name finds its data.</span>
          </label>
        </TypedDelete>
      </Card>
    </div>
  );
}
