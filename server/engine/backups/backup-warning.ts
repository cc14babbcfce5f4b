/**
 * Whether a target's backups are overdue: its last successful backup is older than twice its
 * schedule's interval, or none has succeeded although the first scheduled run was due more than
 * one interval ago. Pure; the database page, the backups list and `/status` show the sentence.
 */
import { parseSchedule } from "@/lib/cron/cron-schedule";
import { nextRunTimes } from "@/lib/cron/schedule-preview";

export interface WarningInputs {
  schedule: { schedule: string; timeZone: string; createdAt: Date } | null;
  lastSuccessAt: string | null;
  now: Date;
}

const UNITS: Array<[number, string]> = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
];

/** "3 days", "5 hours", "1 minute": the largest whole unit. */
export function roughDuration(ms: number): string {
  for (const [size, unit] of UNITS) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? "" : "s"}`;
  }
  return "less than a minute";
}

/** The gap between the schedule's next two runs after `from`: its interval (for irregular schedules, the coming one). */
function intervalMs(fields: string, timeZone: string, from: Date): number | undefined {
  const [a, b] = nextRunTimes(fields, timeZone, from, 2);
  return a && b ? Date.parse(b) - Date.parse(a) : undefined;
}

export function backupWarning({ schedule, lastSuccessAt, now }: WarningInputs): string | null {
  if (!schedule) return null;
  const parsed = parseSchedule(schedule.schedule);
  if (!parsed.ok) return null;
  const interval = intervalMs(parsed.fields, schedule.timeZone, now);
  if (!interval) return null;
  if (lastSuccessAt) {
    const age = now.getTime() - Date.parse(lastSuccessAt);
    if (age <= 2 * interval) return null;
    return `The last successful backup is ${roughDuration(age)} old, though the schedule runs every ${roughDuration(interval)} — check the failed runs.`;
  }
  const [firstDue] = nextRunTimes(parsed.fields, schedule.timeZone, schedule.createdAt, 1);
  if (!firstDue || now.getTime() <= Date.parse(firstDue) + interval) return null;
  return `No backup has succeeded since the schedule was set ${roughDuration(now.getTime() - schedule.createdAt.getTime())} ago — check the failed runs.`;
}
