import type { BackupTarget } from "@/lib/schemas/backup";

/**
 * What a Backups section is about, on the browser's side: a database, or one volume of an app.
 * Both have the same REST resource under their own path, and differ only in what a restore
 * costs the user, which the confirmation dialog must say.
 */
export type ProjectBackupTarget = BackupTarget & { project: string };

const projectPath = (project: string) => `/api/projects/${encodeURIComponent(project)}`;

/** `…/databases/:d/backups` or `…/apps/:a/volumes/:v/backups`. */
export function backupsPath(target: ProjectBackupTarget): string {
  if (target.kind === "database") return `${projectPath(target.project)}/databases/${encodeURIComponent(target.name)}/backups`;
  return `${projectPath(target.project)}/apps/${encodeURIComponent(target.app)}/volumes/${encodeURIComponent(target.volume)}/backups`;
}

/** A backup file's download URL (and, with `/restore`, its restore). */
export function backupFilePath(target: ProjectBackupTarget, file: string): string {
  return `${backupsPath(target)}/${encodeURIComponent(file)}`;
}

/** What the restore confirmation must be typed as: the database's name, or the volume's. */
export function confirmName(target: ProjectBackupTarget): string {
  return target.kind === "database" ? target.name : target.volume;
}

/**
 * What a restore does to the user's running system. A database is restored in place by its own
 * tool while it serves; a volume is restored with the app scaled to zero, so the app is down.
 */
export function restoreConsequence(target: ProjectBackupTarget): string {
  return target.kind === "database" ? "This replaces the database's current data." : "The app stops while its volume is restored, then starts again.";
}

/** The typed-confirmation prompt: "Type pg to confirm. This replaces the database's current data." */
export function restorePrompt(target: ProjectBackupTarget): string {
  return `Type ${confirmName(target)} to confirm. ${restoreConsequence(target)}`;
}
