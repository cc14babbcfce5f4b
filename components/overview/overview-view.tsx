"use client";

import Link from "next/link";
import { ClusterStatusCard } from "@/components/cluster/cluster-status-card";
import { LatestDeploys } from "@/components/overview/latest-deploys";
import { SampleProjectOffer } from "@/components/overview/sample-project-offer";
import { StatusRow } from "@/components/status/status-board";
import { healthRank } from "@/components/status/health-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import type { StatusBoardEntry } from "@/lib/dto/status-board";
import { SAMPLE_PROJECT_NAME } from "@/lib/dto/sample";
import { useProjects } from "@/lib/queries/projects";
import { useLoadSample } from "@/lib/queries/sample";
import { useStatusBoard } from "@/lib/queries/status-board";

/** Failed, Degraded and unreadable apps: what needs a person now. */
function needsAttention(entry: StatusBoardEntry): boolean {
  return healthRank(entry.status?.health) <= healthRank(null);
}

function Count({ label, value, tone }: { label: string; value: number; tone?: "danger" | "success" | "accent" }) {
  const colour = tone === "danger" && value > 0 ? "text-danger" : tone === "success" ? "text-success" : tone === "accent" ? "text-accent" : "text-fg";
  return (
    <div className="rounded-lg border border-border bg-panel p-3">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className={`text-2xl font-semibold ${colour}`}>{value}</dd>
    </div>
  );
}

/**
 * The dashboard's front page: how many projects and apps, how many are healthy, progressing or
 * failing, the failing ones first with the sentence that says why, and the latest deploys. It
 * reads the status board, which the live socket keeps current (no polling); an empty install
 * gets its one next step, and in demo mode the offer of a sample project.
 */
export function OverviewView() {
  const board = useStatusBoard();
  const projects = useProjects();
  const loadSample = useLoadSample();

  if (board.isPending || projects.isPending) return <Spinner label="Loading the overview…" />;
  if (board.isError || projects.isError) {
    const retry = () => void Promise.all([board.refetch(), projects.refetch()]);
    return (
      <Alert tone="error" title="The overview could not be loaded" action={<Button size="sm" variant="secondary" onClick={retry}>Try again</Button>}>
        {errorMessage(board.error ?? projects.error)}
      </Alert>
    );
  }

  const apps = board.data.apps;
  const projectCount = projects.data.projects.length;
  const failing = apps.filter(needsAttention).sort((a, b) => healthRank(a.status?.health) - healthRank(b.status?.health) || a.app.localeCompare(b.app));
  const healthy = apps.filter((a) => a.status?.health === "Healthy").length;
  const progressing = apps.filter((a) => a.status?.health === "Progressing").length;
  // The newcomer's first step on an empty install; below the rest once there is something to see.
  const sampleOffer = <SampleProjectOffer hasSample={projects.data.projects.some((p) => p.name === SAMPLE_PROJECT_NAME)} load={loadSample} />;

  return (
    <div className="flex flex-col gap-6">
      {projectCount === 0 ? (
        <Alert tone="info" title="Start with a project">
          A project is a namespace for your apps, their hostnames and volumes. <Link href="/projects" className="font-medium underline">Create your first project</Link>, then
          deploy an app into it.
        </Alert>
      ) : apps.length === 0 ? (
        <Alert tone="info" title="Deploy your first app">
          Your projects have no apps yet. <Link href="/projects" className="font-medium underline">Open a project</Link> and choose New app.
        </Alert>
      ) : null}

      {projectCount === 0 ? sampleOffer : null}

      <section aria-label="Counts">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Count label="Projects" value={projectCount} />
          <Count label="Apps" value={apps.length} />
          <Count label="Healthy" value={healthy} tone="success" />
          <Count label="Progressing" value={progressing} tone="accent" />
          <Count label="Failing" value={failing.length} tone="danger" />
        </dl>
      </section>

      {failing.length > 0 ? (
        <Card>
          <CardHeader title="Needs attention" description="Failing apps first, each with what is wrong." />
          <ul aria-label="Failing apps" className="flex flex-col gap-2">
            {failing.map((entry) => (
              <StatusRow key={`${entry.project}/${entry.app}`} entry={entry} />
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <LatestDeploys deploys={board.data.latestDeploys} />
        <ClusterStatusCard />
      </div>

      {projectCount === 0 ? null : sampleOffer}
    </div>
  );
}
