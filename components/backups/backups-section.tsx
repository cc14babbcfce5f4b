"use client";

import { useState } from "react";
import { BackupJobs } from "@/components/backups/backup-jobs";
import { BackupList } from "@/components/backups/backup-list";
import { BackupScheduleForm } from "@/components/backups/backup-schedule-form";
import { RestoreDialog } from "@/components/backups/restore-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { errorMessage } from "@/lib/api-client";
import type { ProjectBackupTarget } from "@/lib/backups/backup-target";
import type { BackupView } from "@/lib/schemas/backup-view";
import { formatDateTime, formatUtc } from "@/lib/format-time";
import { isBackupJobRunning, useBackUpNow, useBackups } from "@/lib/queries/backups";

const DESCRIPTION = {
  database: "Each backup is a Job that runs the engine's own dump tool (pg_dump, mysqldump, redis-cli, mongodump) and keeps the file on the project's backup volume.",
  volume: "Each backup is a Job that archives the volume's files (tar.gz) onto the project's backup volume.",
};

function ScheduleSummary({ view }: { view: BackupView }) {
  const { schedule } = view;
  if (!schedule) return <p className="text-sm text-fg-muted">No schedule: backups are taken only when you press Back up now.</p>;
  const next = schedule.nextRuns[0];
  return (
    <p data-testid="backup-schedule" className="text-sm">
      <code>{schedule.schedule}</code> — {schedule.description} · keeps {schedule.keep}
      {next ? (
        <span className="text-fg-muted">
          {" "}· next <time dateTime={next} title={formatUtc(next)}>{formatDateTime(next)}</time>
        </span>
      ) : null}
      {!schedule.isDeployed ? <span className="text-warning"> · its CronJob is not in the cluster yet</span> : null}
    </p>
  );
}

const PHASE_TEXT = { Bound: "bound", Pending: "pending: waiting for storage", Lost: "lost: the storage behind it is gone, and with it the backups" };

function StorageLine({ view }: { view: BackupView }) {
  const { claim, phase } = view.volume;
  if (phase === null) return <p className="text-xs text-fg-muted">The project&apos;s backup volume <code>{claim}</code> is created with the first schedule or Back up now.</p>;
  return (
    <p className="text-xs text-fg-muted">
      Stored on the project&apos;s volume <code>{claim}</code> ({PHASE_TEXT[phase]}).
      {view.lastSuccessAt ? <> Last successful backup <time dateTime={view.lastSuccessAt} title={formatUtc(view.lastSuccessAt)}>{formatDateTime(view.lastSuccessAt)}</time>.</> : null}
    </p>
  );
}

/**
 * A database's or an app volume's backups: the schedule (cron, time zone, keep), Back up now,
 * the kept files with download and restore, and the recent runs with why a run failed. Polled,
 * faster while a backup or restore runs. Changes are for admins; everyone else reads.
 */
export function BackupsSection({ target, title, canManage }: { target: ProjectBackupTarget; title: string; canManage: boolean }) {
  const backups = useBackups(target);
  const backUpNow = useBackUpNow(target);
  const [restoring, setRestoring] = useState<string | null>(null);
  const headingId = `backups-${target.kind === "database" ? target.name : target.volume}-heading`;
  const view = backups.data;
  const isBusy = isBackupJobRunning(view);

  return (
    <Card aria-labelledby={headingId} data-testid="backups-section">
      <CardHeader
        headingId={headingId}
        title={title}
        description={DESCRIPTION[target.kind]}
        actions={canManage ? <Button isPending={backUpNow.isPending} disabled={isBusy} onClick={() => backUpNow.mutate()}>Back up now</Button> : null}
      />
      {backups.isPending ? <Spinner label="Loading backups…" /> : null}
      {backups.isError ? <Alert tone="error">{errorMessage(backups.error)}</Alert> : null}
      {view ? (
        <div className="flex flex-col gap-4">
          {view.warning ? <Alert tone="warning" title="Backups are overdue">{view.warning}</Alert> : null}
          {view.consistency ? <p className="text-sm text-fg-muted">{view.consistency}</p> : null}
          {backUpNow.isError ? <Alert tone="error">{errorMessage(backUpNow.error)}</Alert> : null}
          <div className="flex flex-col gap-3">
            <h3 className="text-sm font-semibold">Schedule</h3>
            <ScheduleSummary view={view} />
            {canManage ? <BackupScheduleForm target={target} schedule={view.schedule} /> : null}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold">Files</h3>
            <BackupList target={target} backups={view.backups} canManage={canManage} isRestoreBlocked={isBusy} onRestore={setRestoring} />
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold">Recent runs</h3>
            <BackupJobs runs={view.runs} restores={view.restores} />
          </div>
          <StorageLine view={view} />
        </div>
      ) : null}
      {canManage ? <RestoreDialog target={target} file={restoring} onClose={() => setRestoring(null)} /> : null}
    </Card>
  );
}
