"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { PageHeader } from "@/components/layout/page-header";
import { DatabasesCard } from "@/components/databases/databases-card";
import { AppsList } from "@/components/projects/apps-list";
import { ProjectFileCard } from "@/components/projects/project-file-card";
import { RegistriesSection } from "@/components/projects/registries-section";
import { TypedDelete } from "@/components/projects/typed-delete";
import { HealthBadge } from "@/components/status/health-badge";
import { errorMessage, isApiError } from "@/lib/api-client";
import { useDeleteProject, useProject } from "@/lib/queries/projects";
import { useStatusBoard } from "@/lib/queries/status-board";

/** One project: its apps (live), "New app", and deleting it with typed confirmation. */
export function ProjectView({ project }: { project: string }) {
  const router = useRouter();
  const detail = useProject(project);
  const board = useStatusBoard();
  const remove = useDeleteProject(project);
  const newAppHref = `/projects/${encodeURIComponent(project)}/apps/new`;
  const newResourceHref = `/projects/${encodeURIComponent(project)}/resources/new`;
  const fromTemplateHref = `/projects/${encodeURIComponent(project)}/templates`;

  if (detail.isPending) return <Spinner label="Loading the project…" />;
  if (detail.isError) {
    const isMissing = isApiError(detail.error) && detail.error.status === 404;
    return (
      <Alert tone="error" title={isMissing ? "This project does not exist" : "The project could not be loaded"} action={<Link href="/projects" className="text-sm underline">All projects</Link>}>
        {errorMessage(detail.error)}
      </Alert>
    );
  }
  const data = detail.data;

  return (
    <>
      <PageHeader
        title={data.displayName ?? data.name}
        description={<span className="inline-flex flex-wrap items-center gap-2">Namespace <code>{data.namespace}</code> · <HealthBadge health={data.health} /></span>}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={fromTemplateHref} className="inline-flex h-10 items-center rounded-md border border-border bg-panel px-4 text-sm font-medium text-fg hover:bg-muted">From template</Link>
            <Link href={newResourceHref} className="inline-flex h-10 items-center rounded-md border border-border bg-panel px-4 text-sm font-medium text-fg hover:bg-muted">New resource</Link>
            <Link href={newAppHref} className="inline-flex h-10 items-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90">New app</Link>
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        {data.apps.length === 0 ? (
          <Card>
            <CardHeader title="Deploy your first app" description="An app runs a container image: give it a port, and optionally a hostname and a volume. Nothing reaches the cluster until you deploy it." />
            <Link href={newAppHref} className="text-sm font-medium text-accent underline">Create an app</Link>
          </Card>
        ) : (
          <AppsList project={project} apps={data.apps} board={board.data?.apps} />
        )}
        <RegistriesSection project={project} />
        <DatabasesCard project={project} />
        <ProjectFileCard project={project} />
        <Card aria-labelledby="delete-project-heading">
          <CardHeader headingId="delete-project-heading" title="Delete this project" description="Deletes the namespace and everything in it: every app, its volumes and their data. This cannot be undone." />
          <TypedDelete
            id="delete-project-confirm"
            name={data.name}
            buttonLabel="Delete project"
            isPending={remove.isPending}
            error={remove.isError ? errorMessage(remove.error) : undefined}
            onConfirm={() => remove.mutate(data.name, { onSuccess: () => router.push("/projects") })}
          />
        </Card>
      </div>
    </>
  );
}
