"use client";

import { useMemo } from "react";
import { TextField } from "@/components/ui/field";
import { previewSchedule } from "@/lib/cron/schedule-preview";
import { formatDateTime } from "@/lib/format-time";

type ScheduleFieldProps = { id: string; value: string; timeZone: string; error?: string; onChange: (schedule: string) => void };

/**
 * A cron schedule input with the schedule in plain words and its next three runs below it,
 * recomputed as it is typed, or what is wrong with it. Every form that takes a schedule (tasks,
 * backups) uses this one, so they read alike.
 */
export function ScheduleField({ id, value, timeZone, error, onChange }: ScheduleFieldProps) {
  const preview = useMemo(() => previewSchedule(value, timeZone.trim(), new Date()), [value, timeZone]);
  return (
    <div>
      <TextField
        id={id}
        label="Schedule"
        hint="Five cron fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        className="font-mono"
      />
      <div data-testid="schedule-preview" aria-live="polite" className="mt-2 text-sm">
        {preview.ok ? (
          <>
            <p className="font-medium">{preview.description}</p>
            <p className="text-fg-muted">Next: {preview.nextRuns.map((run) => formatDateTime(run)).join(" · ")}</p>
          </>
        ) : (
          <p className="text-danger">{preview.problem}</p>
        )}
      </div>
    </div>
  );
}
