/**
 * A backup run or a restore (a Job and its pod) as the backups list shows it, with a sentence
 * when it failed: which step, its exit code and its last log line. Times, trigger and outcome
 * are the task history's ({@link summarizeTaskRun}); the sentence is the backup's own, since a
 * backup's failing step is usually the dump, an init container the task explainer does not read.
 * Pure: the query reads the objects and the failed container's last log line and hands them in.
 */
import type { Job } from "kubernetes-types/batch/v1";
import type { ContainerStatus, Event, Pod } from "kubernetes-types/core/v1";
import { BACKUP_FILE_PATTERN } from "@/lib/schemas/backup";
import type { BackupFile, BackupRestore, BackupRun } from "@/lib/schemas/backup-view";
import { ANNOTATION_BACKUP_FILE } from "@/server/engine/backups/render-backup";
import { explainImagePull } from "@/server/engine/status/explain";
import { summarizeTaskRun } from "@/server/engine/status/explain-task-run";

export interface FailedStep {
  pod: string;
  container: string;
  exitCode: number;
  reason?: string;
}

const newestFirst = (pods: Pod[]) => [...pods].sort((a, b) => Date.parse(b.metadata?.creationTimestamp ?? "") - Date.parse(a.metadata?.creationTimestamp ?? ""));

function failedIn(statuses: ContainerStatus[] | undefined): ContainerStatus | undefined {
  return (statuses ?? []).find((cs) => (cs.state?.terminated?.exitCode ?? 0) !== 0);
}

/** The container that failed in the newest pod: the dump (init) first, as it runs first. */
export function failedStep(pods: Pod[]): FailedStep | undefined {
  for (const pod of newestFirst(pods)) {
    const cs = failedIn(pod.status?.initContainerStatuses) ?? failedIn(pod.status?.containerStatuses);
    if (cs) return { pod: pod.metadata?.name ?? "", container: cs.name, exitCode: cs.state!.terminated!.exitCode, reason: cs.state!.terminated!.reason };
  }
  return undefined;
}

export interface JobInputs {
  job: Job;
  pods: Pod[];
  events?: Event[];
  /** The failed container's last log line, when it could be read. */
  lastLogLine?: string;
  now: Date;
}

function stepSentence(step: FailedStep, tool: string, lastLogLine: string | undefined): string {
  const oom = step.reason === "OOMKilled" ? " — it ran out of memory (OOMKilled)" : "";
  const line = lastLogLine ? ` Its last log line: "${lastLogLine}".` : "";
  if (step.container === "finish") return `The step that names and prunes the files exited with code ${step.exitCode}${oom}.${line}`;
  return `${tool} exited with code ${step.exitCode}${oom}.${line}`;
}

function sentence(what: "backup" | "restore", inputs: JobInputs, tool: string, outcome: string): string | null {
  const pull = explainImagePull(inputs.pods, inputs.events ?? []);
  const step = failedStep(inputs.pods);
  if (outcome === "failed") {
    const why = step ? stepSentence(step, tool, inputs.lastLogLine) : pull ?? "Its pod is gone, so the reason is no longer known.";
    const deadline = inputs.job.status?.conditions?.some((c) => c.status === "True" && c.reason === "DeadlineExceeded") ? " It took longer than its deadline." : "";
    return `The ${what} failed.${deadline} ${why}`;
  }
  return outcome === "running" ? (pull ?? null) : null;
}

/** One backup run. `tool` names the dump program ("pg_dump"). */
export function summarizeBackupRun(inputs: JobInputs, tool: string): BackupRun {
  const run = summarizeTaskRun({ job: inputs.job, pods: inputs.pods, events: inputs.events, now: inputs.now });
  return { name: run.name, trigger: run.trigger, startedAt: run.startedAt, finishedAt: run.finishedAt, outcome: run.outcome, message: sentence("backup", inputs, tool, run.outcome) };
}

/** One restore. `tool` names the restore program ("pg_restore", or "the restore step"). */
export function summarizeRestore(inputs: JobInputs, tool: string): BackupRestore {
  const run = summarizeTaskRun({ job: inputs.job, pods: inputs.pods, events: inputs.events, now: inputs.now });
  return {
    name: run.name,
    file: inputs.job.metadata?.annotations?.[ANNOTATION_BACKUP_FILE] ?? "",
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    outcome: run.outcome,
    message: sentence("restore", inputs, tool, run.outcome),
  };
}

/**
 * The kept files, from the finish step's termination message: one `name size mtime` line each
 * (the kubelet keeps at most 4096 bytes of it: a cut last line is dropped). Newest first.
 */
export function parseBackupListing(message: string | undefined, ext: string): BackupFile[] {
  const files: BackupFile[] = [];
  for (const line of (message ?? "").split("\n")) {
    const [file, size, mtime, ...rest] = line.trim().split(" ");
    if (rest.length > 0 || !file || !BACKUP_FILE_PATTERN.test(file) || !file.endsWith(`.${ext}`)) continue;
    const sizeBytes = Number(size);
    const seconds = Number(mtime);
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0 || !Number.isSafeInteger(seconds) || seconds <= 0) continue;
    files.push({ file, sizeBytes, takenAt: new Date(seconds * 1000).toISOString() });
  }
  return files.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.file.localeCompare(a.file));
}

/** The finish step's termination message in a succeeded run's pod. */
export function listingOf(pods: Pod[]): string | undefined {
  for (const pod of newestFirst(pods)) {
    const finish = (pod.status?.containerStatuses ?? []).find((cs) => cs.name === "finish");
    const terminated = finish?.state?.terminated;
    if (terminated && terminated.exitCode === 0) return terminated.message;
  }
  return undefined;
}
