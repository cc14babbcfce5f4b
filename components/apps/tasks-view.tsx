"use client";

import { useState } from "react";
import { TaskForm } from "@/components/apps/task-form";
import { TaskRuns } from "@/components/apps/task-runs";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import type { TaskView } from "@/lib/dto/task";
import { formatDateTime } from "@/lib/format-time";
import { useRemoveTask, useRunTask, useTasks, useUpdateTask } from "@/lib/queries/tasks";

function lastRunText(task: TaskView): string {
  const run = task.lastRun;
  if (!run) return "never run";
  if (run.outcome === "running") return `running since ${formatDateTime(run.startedAt)}`;
  return `${run.outcome === "succeeded" ? "succeeded" : "failed"} ${formatDateTime(run.finishedAt ?? run.startedAt)}`;
}

function TaskRow({ project, app, task }: { project: string; app: string; task: TaskView }) {
  const run = useRunTask(project, app);
  const update = useUpdateTask(project, app);
  const remove = useRemoveTask(project, app);
  const [isShowingRuns, setIsShowingRuns] = useState(false);
  const { spec } = task;
  return (
    <li data-testid="task-row" data-task={spec.name} className="flex min-w-0 flex-col gap-2 rounded-md border border-border p-3 text-sm">
      <span className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-semibold">{spec.name}</span>
        <span className="flex flex-wrap gap-2">
          <Button size="sm" isPending={run.isPending} disabled={!task.isDeployed} onClick={() => run.mutate(spec.name, { onSuccess: () => setIsShowingRuns(true) })}>Run now</Button>
          <Button size="sm" variant="secondary" onClick={() => setIsShowingRuns((v) => !v)}>{isShowingRuns ? "Hide runs" : "Runs"}</Button>
          <Button size="sm" variant="ghost" onClick={() => update.mutate({ task: spec.name, patch: { suspend: !spec.suspend } })}>{spec.suspend ? "Resume" : "Suspend"}</Button>
          <Button size="sm" variant="ghost" aria-label={`Remove task ${spec.name}`} onClick={() => remove.mutate(spec.name)}>Remove</Button>
        </span>
      </span>
      <span>
        <code>{spec.schedule}</code> — {task.description}
      </span>
      <code className="break-all text-fg-muted">{JSON.stringify(spec.command)}</code>
      <span className="text-fg-muted">
        {task.nextRuns[0] ? `Next run ${formatDateTime(task.nextRuns[0])}` : "No next run"} · Last run {lastRunText(task)}
        {!task.isDeployed ? " · not deployed yet: deploy the app to create its CronJob" : ""}
      </span>
      {task.lastRun?.outcome === "failed" && task.lastRun.message ? <Alert tone="error">{task.lastRun.message}</Alert> : null}
      {task.warnings.map((w) => (
        <span key={w} className="text-warning">{w}</span>
      ))}
      {[run, update, remove].map((m, i) => (m.isError ? <Alert key={i} tone="error">{errorMessage(m.error)}</Alert> : null))}
      {isShowingRuns ? <TaskRuns project={project} app={app} task={spec.name} /> : null}
    </li>
  );
}

/** The app's scheduled tasks: each with its schedule in words, next run, last outcome, Run now and history. */
export function TasksView({ project, app }: { project: string; app: string }) {
  const tasks = useTasks(project, app);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Scheduled tasks" description="Commands run on a schedule with the app's image, env, secrets and volumes, each as a CronJob." />
        {tasks.isPending ? <Spinner label="Loading tasks…" /> : null}
        {tasks.isError ? <Alert tone="error">{errorMessage(tasks.error)}</Alert> : null}
        {tasks.data?.tasks.length === 0 ? <p className="text-sm text-fg-muted">No tasks yet. Add one below: a cleanup, a report, a manage.py command.</p> : null}
        {tasks.data && tasks.data.tasks.length > 0 ? (
          <ul aria-label="Tasks" className="flex flex-col gap-3">
            {tasks.data.tasks.map((task) => (
              <TaskRow key={task.spec.name} project={project} app={app} task={task} />
            ))}
          </ul>
        ) : null}
      </Card>
      <Card>
        <CardHeader title="Add a task" description="Its CronJob is created with the next deploy." />
        <TaskForm project={project} app={app} />
      </Card>
    </div>
  );
}
