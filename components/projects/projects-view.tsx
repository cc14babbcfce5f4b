"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { HealthBadge } from "@/components/status/health-badge";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { errorMessage } from "@/lib/api-client";
import { useProjects } from "@/lib/queries/projects";

/** Project cards (name, app count, worst health) and the new-project form. */
export function ProjectsView() {
  const projects = useProjects();

  return (
    <div className="flex flex-col gap-6">
      {projects.isPending ? <Spinner label="Loading projects…" /> : null}
      {projects.isError ? (
        <Alert tone="error" title="The projects could not be loaded" action={<Button size="sm" variant="secondary" onClick={() => void projects.refetch()}>Try again</Button>}>
          {errorMessage(projects.error)}
        </Alert>
      ) : null}
      {projects.data && projects.data.projects.length > 0 ? (
        <ul aria-label="Projects" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.data.projects.map((p) => (
            <li key={p.name}>
              <Link
                href={`/projects/${encodeURIComponent(p.name)}`}
                className="flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-panel p-4 hover:border-accent"
              >
                <span className="truncate text-base font-semibold text-fg">{p.displayName ?? p.name}</span>
                {p.displayName ? <span className="truncate font-mono text-xs text-fg-muted">{p.name}</span> : null}
                <span className="flex items-center justify-between gap-2 text-sm text-fg-muted">
                  {p.appCount === 1 ? "1 app" : `${p.appCount} apps`}
                  <HealthBadge health={p.health} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <Card aria-labelledby="new-project-heading">
        <CardHeader
          headingId="new-project-heading"
          title={projects.data?.projects.length === 0 ? "Create your first project" : "New project"}
          description="A project is a Kubernetes namespace that holds your apps, their hostnames and volumes."
        />
        <NewProjectForm />
      </Card>
    </div>
  );
}
