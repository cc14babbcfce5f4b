/**
 * What `GET …/backups` answers for a database or an app volume (the backups REST contract). The
 * same shape for both targets; `consistency` is set for app volumes only.
 */

/** How a backup or restore Job ended, or that it is still going. */
export type BackupJobOutcome = "running" | "succeeded" | "failed";

export type BackupScheduleView = {
  schedule: string;
  timeZone: string;
  keep: number;
  /** The schedule in plain words, with its time zone. */
  description: string;
  /** The next three run times (ISO). */
  nextRuns: string[];
  /** False until the CronJob exists in the cluster. */
  isDeployed: boolean;
};

/** One kept backup file, as the newest successful run listed them after pruning. */
export type BackupFile = { file: string; sizeBytes: number; takenAt: string };

/** A backup Job: made by the CronJob ("schedule") or by Back up now ("manual"). */
export type BackupRun = {
  name: string;
  trigger: "schedule" | "manual";
  startedAt: string | null;
  finishedAt: string | null;
  outcome: BackupJobOutcome;
  /** Why it failed, in a sentence. */
  message: string | null;
};

export type BackupRestore = {
  name: string;
  file: string;
  startedAt: string | null;
  finishedAt: string | null;
  outcome: BackupJobOutcome;
  message: string | null;
};

export type BackupsView = {
  target: { kind: "database" | "volume"; name: string };
  schedule: BackupScheduleView | null;
  /** The project's backup PVC; phase null until the first schedule or Back up now creates it. */
  volume: { claim: string; phase: "Bound" | "Pending" | null };
  /** Newest first. */
  backups: BackupFile[];
  runs: BackupRun[];
  restores: BackupRestore[];
  lastSuccessAt: string | null;
  /** Set when the last successful backup is overdue. */
  warning: string | null;
  /** For app volumes: that the archive is not crash-consistent while the app writes. */
  consistency: string | null;
};

