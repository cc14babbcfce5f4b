import type { Job } from "kubernetes-types/batch/v1";
import type { ContainerStateTerminated, Event, Pod } from "kubernetes-types/core/v1";
import type { TaskRun } from "@/lib/dto/task";
import { ANNOTATION_INSTANTIATE } from "@/server/engine/render/labels";
import { explainImagePull } from "@/server/engine/status/explain";

/**
 * One run of a scheduled task (a Job and its pods) as the history shows it, with a sentence when
 * it did not simply succeed. Pure: the query reads the objects (and the failed pod's last log
 * line) and hands them in.
 *
 * Job conditions (v1.31+ writes FailureTarget/SuccessCriteriaMet first, then Failed/Complete):
 * https://kubernetes.io/docs/concepts/workloads/controllers/job/#termination-of-job-pods
 */

const time = (t: string | undefined) => (t ? Date.parse(t) : 0);

function terminatedOf(pod: Pod): ContainerStateTerminated | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  for (const cs of statuses) {
    const t = cs.state?.terminated ?? cs.lastState?.terminated;
    if (t) return t;
  }
  return undefined;
}

function exitCodeOf(pod: Pod): number | null {
  return terminatedOf(pod)?.exitCode ?? null;
}

/** The Job's terminal (or about-to-be terminal) condition, if it has one. */
function finished(job: Job): { type: "Complete" | "Failed"; reason?: string; at?: string } | undefined {
  for (const c of job.status?.conditions ?? []) {
    if (c.status !== "True") continue;
    if (c.type === "Complete" || c.type === "SuccessCriteriaMet") return { type: "Complete", reason: c.reason, at: c.lastTransitionTime };
    if (c.type === "Failed" || c.type === "FailureTarget") return { type: "Failed", reason: c.reason, at: c.lastTransitionTime };
  }
  return undefined;
}

/** "exited with code 3 (last line: "boom")", or the image pull problem, for the newest failed attempt. */
function attemptSentence(pods: Pod[], events: Event[], lastLogLine: string | undefined): string | undefined {
  const pull = explainImagePull(pods, events);
  if (pull) return pull;
  const failed = pods.find((p) => (exitCodeOf(p) ?? 0) !== 0);
  if (!failed) return undefined;
  const t = terminatedOf(failed)!;
  const why = t.reason === "OOMKilled" ? " — it ran out of memory (OOMKilled); raise the app's memory limit" : "";
  const line = lastLogLine ? ` Its last log line: "${lastLogLine}".` : "";
  return `The command exited with code ${t.exitCode}${why}.${line}`;
}

export interface RunInputs {
  job: Job;
  /** The Job's pods, any order. */
  pods: Pod[];
  /** Events of the pods (image pull failures). */
  events?: Event[];
  /** The last line the newest failed attempt logged, when it could be read. */
  lastLogLine?: string;
  now: Date;
}

export function summarizeTaskRun({ job, pods, events = [], lastLogLine, now }: RunInputs): TaskRun {
  const sorted = [...pods].sort((a, b) => time(b.metadata?.creationTimestamp) - time(a.metadata?.creationTimestamp));
  const end = finished(job);
  const startedAt = job.status?.startTime ?? job.metadata?.creationTimestamp ?? null;
  const finishedAt = end ? (job.status?.completionTime ?? end.at ?? null) : null;
  const until = finishedAt ? Date.parse(finishedAt) : now.getTime();
  const durationSeconds = startedAt ? Math.max(0, Math.round((until - Date.parse(startedAt)) / 1000)) : null;
  const attempt = attemptSentence(sorted, events, lastLogLine);
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  let message: string | null = null;
  if (end?.type === "Failed" && end.reason === "DeadlineExceeded") {
    message = `The run was stopped: it took longer than its deadline of ${job.spec?.activeDeadlineSeconds} seconds.${attempt ? ` ${attempt}` : ""}`;
  } else if (end?.type === "Failed") {
    const retries = backoffLimit === 0 ? "" : ` after ${backoffLimit} ${backoffLimit === 1 ? "retry" : "retries"}`;
    message = `The run failed${retries}. ${attempt ?? "Its pods are gone, so the reason is no longer known."}`;
  } else if (!end && attempt) {
    message = attempt;
  }
  return {
    name: job.metadata?.name ?? "",
    trigger: job.metadata?.annotations?.[ANNOTATION_INSTANTIATE] === "manual" ? "manual" : "schedule",
    startedAt,
    finishedAt,
    durationSeconds,
    outcome: end ? (end.type === "Complete" ? "succeeded" : "failed") : "running",
    message,
    exitCode: sorted.map(exitCodeOf).find((c) => c !== null) ?? null,
    pods: sorted.map((p) => ({ name: p.metadata?.name ?? "", phase: p.status?.phase ?? "Pending", exitCode: exitCodeOf(p) })),
  };
}

/**
 * Warnings a CronJob's events carry: runs it missed or could not start, newest first.
 * UnexpectedJob is left out: the controller says it of every Job it did not make itself, which
 * is exactly what "Run now" (like `kubectl create job --from`) makes.
 */
export function cronJobWarnings(events: Event[]): string[] {
  const warnings = events
    .filter((e) => e.type === "Warning" && e.reason !== "UnexpectedJob")
    .sort((a, b) => time(b.lastTimestamp ?? b.eventTime ?? undefined) - time(a.lastTimestamp ?? a.eventTime ?? undefined));
  return warnings.slice(0, 5).map((e) => {
    if (e.reason === "MissSchedule") return `A scheduled run was missed (${e.message?.replace(/^Missed scheduled time to start a job: /, "")}) — the cluster could not start it in time; set a longer starting deadline if it may start late.`;
    if (e.reason === "TooManyMissedTimes") return "More than 100 scheduled runs were missed, so Kubernetes stopped catching up — set a starting deadline, and check the cluster's clock.";
    if (e.reason === "FailedCreate") return `Kubernetes could not start a run: ${e.message}`;
    return `${e.reason}: ${e.message}`;
  });
}
