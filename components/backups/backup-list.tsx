import { Button } from "@/components/ui/button";
import { backupFilePath, type ProjectBackupTarget } from "@/lib/backups/backup-target";
import type { BackupFile } from "@/lib/schemas/backup-view";
import { formatDateTime, formatUtc } from "@/lib/format-time";
import { formatBytes } from "@/lib/format-usage";

type BackupListProps = {
  target: ProjectBackupTarget;
  backups: BackupFile[];
  /** Download and Restore are for admins: a dump holds all the data, more than a viewer may read. */
  canManage: boolean;
  /** Restore waits while a backup or restore runs (the API would refuse with 409). */
  isRestoreBlocked: boolean;
  onRestore: (file: string) => void;
};

/** The kept backup files, newest first: when (local time, UTC on hover), how big, and for admins a download link and Restore. */
export function BackupList({ target, backups, canManage, isRestoreBlocked, onRestore }: BackupListProps) {
  if (backups.length === 0) return <p className="text-sm text-fg-muted">No backups yet.</p>;
  return (
    <ul aria-label="Backups" className="flex flex-col gap-2">
      {backups.map((backup) => (
        <li key={backup.file} data-testid="backup-row" data-file={backup.file} className="flex min-w-0 flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3 text-sm">
          <span className="flex min-w-0 flex-col">
            <time dateTime={backup.takenAt} title={formatUtc(backup.takenAt)} className="font-medium">
              {formatDateTime(backup.takenAt)}
            </time>
            <span className="break-all text-fg-muted">
              <span data-testid="backup-size">{formatBytes(backup.sizeBytes)}</span> · <code>{backup.file}</code>
            </span>
          </span>
          {canManage ? (
            <span className="flex flex-wrap gap-2">
              <a href={backupFilePath(target, backup.file)} download={backup.file} className="inline-flex h-8 items-center rounded-md border border-border px-3 font-medium hover:bg-muted">
                Download
              </a>
              <Button size="sm" variant="secondary" disabled={isRestoreBlocked} aria-label={`Restore ${backup.file}`} onClick={() => onRestore(backup.file)}>
                Restore
              </Button>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
