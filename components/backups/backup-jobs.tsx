import { formatDateTime, formatUtc } from "@/lib/format-time";
import type { BackupRestore, BackupRun } from "@/lib/schemas/backup-view";

type BackupJobOutcome = BackupRun["outcome"];

const OUTCOME_TEXT: Record<BackupJobOutcome, string> = { running: "Running", succeeded: "Succeeded", failed: "Failed" };
const OUTCOME_CLASS: Record<BackupJobOutcome, string> = { running: "text-fg-muted", succeeded: "text-success", failed: "text-danger" };

type Job = { name: string; startedAt: string | null; outcome: BackupJobOutcome; message: string | null };

function JobRow({ job, testId, what }: { job: Job; testId: string; what: string }) {
  return (
    <li data-testid={testId} data-job={job.name} className="flex min-w-0 flex-col gap-1 rounded-md border border-border p-2 text-sm">
      <span className="flex flex-wrap items-center gap-x-3">
        <span className={`font-medium ${OUTCOME_CLASS[job.outcome]}`}>{OUTCOME_TEXT[job.outcome]}</span>
        <span className="break-all text-fg-muted">{what}</span>
        {job.startedAt ? (
          <span className="text-fg-muted">
            started <time dateTime={job.startedAt} title={formatUtc(job.startedAt)}>{formatDateTime(job.startedAt)}</time>
          </span>
        ) : (
          <span className="text-fg-muted">waiting to start</span>
        )}
      </span>
      {job.message ? <span className="break-words">{job.message}</span> : null}
    </li>
  );
}

/** Recent backup runs and restores, newest first as the API lists them, each with its outcome and, when it failed, why. */
export function BackupJobs({ runs, restores }: { runs: BackupRun[]; restores: BackupRestore[] }) {
  if (runs.length === 0 && restores.length === 0) return <p className="text-sm text-fg-muted">No runs yet.</p>;
  return (
    <div className="flex flex-col gap-3">
      {restores.length > 0 ? (
        <ul aria-label="Restores" className="flex flex-col gap-2">
          {restores.map((restore) => (
            <JobRow key={restore.name} job={restore} testId="backup-restore" what={`Restore of ${restore.file}`} />
          ))}
        </ul>
      ) : null}
      {runs.length > 0 ? (
        <ul aria-label="Backup runs" className="flex flex-col gap-2">
          {runs.map((run) => (
            <JobRow key={run.name} job={run} testId="backup-run" what={run.trigger === "manual" ? "Back up now" : "Scheduled"} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
