"use client";

import { useState, type FormEvent } from "react";
import { ScheduleField } from "@/components/cron/schedule-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { errorMessage } from "@/lib/api-client";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues, type FieldErrors } from "@/lib/apps/field-errors";
import { useAddTask } from "@/lib/queries/tasks";
import { taskSpecSchema } from "@/lib/schemas/task";

const EMPTY = {
  name: "",
  schedule: "0 3 * * *",
  timeZone: "UTC",
  command: "",
  concurrencyPolicy: "Forbid",
  activeDeadlineSeconds: "",
  retries: "0",
  successfulRunsToKeep: "3",
  failedRunsToKeep: "1",
  suspend: false,
};
type Form = typeof EMPTY;
const FIELDS = ["name", "schedule", "timeZone", "command", "concurrencyPolicy", "activeDeadlineSeconds", "retries", "successfulRunsToKeep", "failedRunsToKeep"];

/** The form's text as a task: the command one argument per line (never a shell string), numbers as numbers. */
function toInput(form: Form) {
  return {
    name: form.name.trim(),
    schedule: form.schedule,
    timeZone: form.timeZone.trim(),
    command: form.command.split("\n").filter((line) => line !== ""),
    concurrencyPolicy: form.concurrencyPolicy,
    ...(form.activeDeadlineSeconds.trim() ? { activeDeadlineSeconds: Number(form.activeDeadlineSeconds) } : {}),
    retries: Number(form.retries),
    successfulRunsToKeep: Number(form.successfulRunsToKeep),
    failedRunsToKeep: Number(form.failedRunsToKeep),
    suspend: form.suspend,
  };
}

/** Adds a scheduled task, showing the schedule in words and its next three runs as it is typed. */
export function TaskForm({ project, app }: { project: string; app: string }) {
  const add = useAddTask(project, app);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = taskSpecSchema.safeParse(toInput(form));
    if (!parsed.success) return setErrors(fieldErrorsFromIssues(parsed.error.issues));
    setErrors({});
    add.mutate(parsed.data, {
      onSuccess: () => setForm(EMPTY),
      onError: (error) => setErrors(fieldErrorsFromApiMessage(errorMessage(error), FIELDS)),
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Add a task" className="grid gap-4 sm:grid-cols-2">
      <TextField id="task-name" label="Task name" placeholder="cleanup" value={form.name} onChange={(e) => set({ name: e.target.value })} error={errors.name} autoComplete="off" />
      <TextField id="task-time-zone" label="Time zone" hint="An IANA name: UTC, Europe/Berlin, America/New_York" value={form.timeZone} onChange={(e) => set({ timeZone: e.target.value })} error={errors.timeZone} />
      <div className="sm:col-span-2">
        <ScheduleField id="task-schedule" value={form.schedule} timeZone={form.timeZone} error={errors.schedule} onChange={(schedule) => set({ schedule })} />
      </div>
      <div className="sm:col-span-2">
        <TextAreaField
          id="task-command"
          label="Command"
          hint={'One argument per line; it replaces the image\'s entrypoint. For a shell script write sh, -c and the script on three lines.'}
          rows={3}
          placeholder={"python\nmanage.py\nclearsessions"}
          value={form.command}
          onChange={(e) => set({ command: e.target.value })}
          error={errors.command}
        />
      </div>
      <SelectField id="task-concurrency" label="If the last run is still going" value={form.concurrencyPolicy} onChange={(e) => set({ concurrencyPolicy: e.target.value })} error={errors.concurrencyPolicy}>
        <option value="Forbid">Skip this run (Forbid)</option>
        <option value="Replace">Stop it and start this one (Replace)</option>
        <option value="Allow">Run both (Allow)</option>
      </SelectField>
      <TextField id="task-deadline" label="Deadline (seconds)" hint="Stop a run that takes longer; empty for none" inputMode="numeric" value={form.activeDeadlineSeconds} onChange={(e) => set({ activeDeadlineSeconds: e.target.value })} error={errors.activeDeadlineSeconds} />
      <TextField id="task-retries" label="Retries" inputMode="numeric" value={form.retries} onChange={(e) => set({ retries: e.target.value })} error={errors.retries} />
      <div className="grid grid-cols-2 gap-4">
        <TextField id="task-keep-ok" label="Successful runs kept" inputMode="numeric" value={form.successfulRunsToKeep} onChange={(e) => set({ successfulRunsToKeep: e.target.value })} error={errors.successfulRunsToKeep} />
        <TextField id="task-keep-failed" label="Failed runs kept" inputMode="numeric" value={form.failedRunsToKeep} onChange={(e) => set({ failedRunsToKeep: e.target.value })} error={errors.failedRunsToKeep} />
      </div>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={form.suspend} onChange={(e) => set({ suspend: e.target.checked })} />
        Suspended (no scheduled runs; Run now still works)
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" isPending={add.isPending}>Add task</Button>
      </div>
      {errors.form ? <Alert tone="error" className="sm:col-span-2">{errors.form}</Alert> : null}
    </form>
  );
}
