"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import type { TaskRun } from "@/lib/dto/task";
import { formatDateTime } from "@/lib/format-time";
import { appPath } from "@/lib/queries/apps";
import { useTaskRuns } from "@/lib/queries/tasks";

function outcomeText(run: TaskRun): string {
  if (run.outcome === "running") return "Running";
  if (run.outcome === "succeeded") return "Succeeded";
  return run.exitCode !== null && run.exitCode !== 0 ? `Failed (exit code ${run.exitCode})` : "Failed";
}

const OUTCOME_CLASS = { running: "text-fg-muted", succeeded: "text-success", failed: "text-danger" } as const;

/** A task's runs, newest first, each with a link to its pods' logs in the log viewer. */
export function TaskRuns({ project, app, task }: { project: string; app: string; task: string }) {
  const runs = useTaskRuns(project, app, task);
  if (runs.isPending) return <Spinner label="Loading runs…" />;
  if (runs.isError) return <Alert tone="error">{errorMessage(runs.error)}</Alert>;
  if (runs.data.runs.length === 0) return <p className="text-sm text-fg-muted">No runs yet.</p>;
  const logs = `/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app)}/logs`;
  return (
    <ul aria-label={`Runs of ${task}`} className="flex flex-col gap-2">
      {runs.data.runs.map((run) => (
        <li key={run.name} data-testid="task-run" className="flex min-w-0 flex-col gap-1 rounded-md border border-border p-2 text-sm">
          <span className="flex flex-wrap items-center gap-x-3">
            <span className={`font-medium ${OUTCOME_CLASS[run.outcome]}`}>{outcomeText(run)}</span>
            <span className="text-fg-muted">{run.trigger === "manual" ? "Run now" : "Scheduled"}</span>
            <span className="text-fg-muted">started {formatDateTime(run.startedAt)}</span>
            {run.durationSeconds !== null ? <span className="text-fg-muted">{run.durationSeconds} s</span> : null}
          </span>
          {run.message ? <span className="break-words">{run.message}</span> : null}
          <span className="flex flex-wrap gap-x-3">
            {run.pods.map((pod) => (
              <span key={pod.name} className="flex gap-x-3">
                <Link href={`${logs}?stream=${encodeURIComponent(`${pod.name}/${app}`)}`} className="text-accent underline">
                  Logs of {pod.name}
                </Link>
                <a href={`${appPath(project, app)}/logs/download?pod=${encodeURIComponent(pod.name)}`} className="text-accent underline">
                  Download log
                </a>
              </span>
            ))}
            {run.pods.length === 0 && run.outcome !== "running" ? <span className="text-fg-muted">Its pods are gone, and their logs with them.</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
