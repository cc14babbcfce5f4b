import type { Job } from "kubernetes-types/batch/v1";
import type { Event, Pod } from "kubernetes-types/core/v1";
import type { TaskFailure } from "@/lib/dto/status-board";
import { LABEL_TASK } from "@/server/engine/render/labels";
import { summarizeTaskRun } from "@/server/engine/status/explain-task-run";

export type { TaskFailure };

const created = (job: Job) => Date.parse(job.metadata?.creationTimestamp ?? "") || 0;

/**
 * The tasks whose newest run failed, each with the run's sentence, for the status page. A task
 * whose newest run succeeded (or is still running) is fine again even if older runs failed.
 */
export function failingTasks(input: { jobs: Job[]; pods: Pod[]; events: Event[]; tasks: string[]; now: Date }): TaskFailure[] {
  const failures: TaskFailure[] = [];
  for (const task of input.tasks) {
    const newest = input.jobs.filter((j) => j.metadata?.labels?.[LABEL_TASK] === task).sort((a, b) => created(b) - created(a))[0];
    if (!newest) continue;
    const uid = newest.metadata?.uid;
    const pods = input.pods.filter((p) => (p.metadata?.ownerReferences ?? []).some((r) => r.uid === uid));
    const run = summarizeTaskRun({ job: newest, pods, events: input.events, now: input.now });
    if (run.outcome === "failed") failures.push({ task, run: run.name, finishedAt: run.finishedAt, message: run.message ?? "The run failed." });
  }
  return failures;
}
