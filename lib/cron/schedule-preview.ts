import { Cron } from "croner";
import cronstrue from "cronstrue";
import { parseSchedule } from "@/lib/cron/cron-schedule";
import { timeZoneProblem } from "@/lib/cron/time-zone";

/**
 * What the task form shows beside a schedule and what the API returns with a task: the schedule
 * in plain words and its next runs, both in the task's time zone. Isomorphic (the form computes
 * it live as the user types; the API the same way).
 */
export type SchedulePreview =
  | { ok: true; description: string; nextRuns: string[] }
  | { ok: false; problem: string };

/**
 * "At 03:00, every day (UTC)", "Every 5 minutes (UTC)": cronstrue's words on a 24-hour clock,
 * with the zone the times are in. cronstrue says nothing of the days when every day matches
 * ("At 03:00"), and its verbose mode says too much ("every hour, every day"), so "every day" is
 * added only to a schedule at set times on every day.
 */
export function describeSchedule(fields: string, timeZone: string): string {
  const words = cronstrue.toString(fields, { use24HourTimeFormat: true });
  const [, , ...days] = fields.split(" ");
  const isEveryDay = days.every((f) => f === "*" || f === "?");
  return `${words}${isEveryDay && words.startsWith("At ") ? ", every day" : ""} (${timeZone})`;
}

/**
 * The next `count` run times after `from` as ISO instants. `?` means `*` to Kubernetes (croner
 * would read it as "now"), and a restricted day-of-month and day-of-week match either one, as in
 * classic cron and the CronJob controller (croner's legacy mode).
 */
export function nextRunTimes(fields: string, timeZone: string, from: Date, count = 3): string[] {
  const cron = new Cron(fields.replaceAll("?", "*"), { timezone: timeZone, mode: "5-part", legacyMode: true });
  return cron.nextRuns(count, from).map((date) => date.toISOString());
}

export function previewSchedule(schedule: string, timeZone: string, from: Date, count = 3): SchedulePreview {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) return parsed;
  const zoneProblem = timeZoneProblem(timeZone);
  if (zoneProblem) return { ok: false, problem: zoneProblem };
  return { ok: true, description: describeSchedule(parsed.fields, timeZone), nextRuns: nextRunTimes(parsed.fields, timeZone, from, count) };
}
