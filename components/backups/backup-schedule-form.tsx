"use client";

import { useState, type FormEvent } from "react";
import { ScheduleField } from "@/components/cron/schedule-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import type { ProjectBackupTarget } from "@/lib/backups/backup-target";
import { DEFAULT_TIME_ZONE } from "@/lib/cron/time-zone";
import type { BackupView } from "@/lib/schemas/backup-view";
import { useRemoveBackupSchedule, useSetBackupSchedule } from "@/lib/queries/backups";
import { backupScheduleSchema, DEFAULT_BACKUP_KEEP } from "@/lib/schemas/backup";

const FIELDS = ["schedule", "timeZone", "keep"];

/** Sets (or changes, or removes) the target's backup schedule; the CronJob is applied at once, no deploy needed. */
export function BackupScheduleForm({ target, schedule }: { target: ProjectBackupTarget; schedule: BackupView["schedule"] }) {
  const save = useSetBackupSchedule(target);
  const remove = useRemoveBackupSchedule(target);
  const [form, setForm] = useState({ schedule: schedule?.schedule ?? "0 3 * * *", timeZone: schedule?.timeZone ?? DEFAULT_TIME_ZONE, keep: String(schedule?.keep ?? DEFAULT_BACKUP_KEEP) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<typeof form>) => {
    save.reset();
    setForm((f) => ({ ...f, ...patch }));
  };
  const id = target.kind === "database" ? "db-backup" : `volume-${target.volume}-backup`;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = backupScheduleSchema.safeParse({ schedule: form.schedule, timeZone: form.timeZone.trim(), keep: form.keep.trim() === "" ? undefined : Number(form.keep) });
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    save.mutate(parsed.data, { onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), FIELDS)) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Backup schedule" className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <ScheduleField id={`${id}-schedule`} value={form.schedule} timeZone={form.timeZone} error={errors.schedule} onChange={(value) => set({ schedule: value })} />
      </div>
      <TextField id={`${id}-time-zone`} label="Time zone" hint="An IANA name: UTC, Europe/Berlin, America/New_York" value={form.timeZone} onChange={(e) => set({ timeZone: e.target.value })} error={errors.timeZone} />
      <TextField id={`${id}-keep`} label="Backups kept" hint="Older files are deleted after each successful backup" inputMode="numeric" value={form.keep} onChange={(e) => set({ keep: e.target.value })} error={errors.keep} />
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" isPending={save.isPending}>{schedule ? "Save schedule" : "Set schedule"}</Button>
        {schedule ? (
          <Button variant="ghost" isPending={remove.isPending} onClick={() => remove.mutate()}>
            Remove schedule
          </Button>
        ) : null}
      </div>
      {save.isSuccess ? <p className="text-sm text-success sm:col-span-2">Saved: the CronJob is applied in the cluster.</p> : null}
      {errors.form ? <Alert tone="error" className="sm:col-span-2">{errors.form}</Alert> : null}
      {remove.isError ? <Alert tone="error" className="sm:col-span-2">{errorMessage(remove.error)}</Alert> : null}
    </form>
  );
}
