/**
 * A CronJob's schedule as kube-controller-manager reads it (robfig/cron's ParseStandard: five
 * fields or a @descriptor, day-of-month and day-of-week ORed when both are restricted), evaluated
 * in `spec.timeZone` (UTC when unset, as the controller's time.LoadLocation("") gives). croner does
 * the arithmetic; the error sentences are robfig's and Go's, which the real API server returns.
 */
import { Cron } from "croner";

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const BOUNDS: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
const NAMES = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i;

export interface Schedule {
  /** The first run strictly after `after`, or undefined when the schedule never fires. */
  next(after: Date): Date | undefined;
  /** The last run at or before `now`. */
  latestBy(now: Date): Date | undefined;
}

/** robfig's message for the first thing wrong with one field, or undefined when it parses. */
function fieldError(field: string, [min, max]: [number, number]): string | undefined {
  for (const part of field.split(",")) {
    const [range, step] = part.split("/");
    if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}: strconv.Atoi: parsing "${step}": invalid syntax`;
    if (range === "*" || range === "?") continue;
    const ends = range.split("-");
    if (ends.length > 2) return `too many hyphens: ${part}`;
    const nums: number[] = [];
    for (const e of ends) {
      if (NAMES.test(e)) continue;
      if (!/^\d+$/.test(e)) return `failed to parse int from ${e}: strconv.Atoi: parsing "${e}": invalid syntax`;
      nums.push(Number(e));
    }
    if (nums.length === 0) continue;
    const start = nums[0];
    const end = nums[nums.length - 1];
    if (start < min) return `beginning of range (${start}) below minimum (${min}): ${part}`;
    if (end > max) return `end of range (${end}) above maximum (${max}): ${part}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${part}`;
  }
  return undefined;
}

/** The parse error robfig/cron gives for `schedule`, or undefined when it is a valid schedule. */
export function scheduleError(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed.startsWith("@")) return DESCRIPTORS[trimmed] || trimmed.startsWith("@every ") ? undefined : `unrecognized descriptor: ${trimmed}`;
  const fields = trimmed.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  for (let i = 0; i < 5; i++) {
    const err = fieldError(fields[i], BOUNDS[i]);
    if (err) return err;
  }
  try {
    new Cron(fields.join(" "), { mode: "5-part", paused: true });
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Go's time.LoadLocation error for `zone`, or undefined when it names an IANA zone. */
export function timeZoneError(zone: string): string | undefined {
  if (zone === "UTC" || zone === "") return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

/** `@every 1h30m` → milliseconds (robfig's ConstantDelaySchedule, rounded to whole seconds). */
function everyMs(spec: string): number | undefined {
  const m = /^@every\s+((?:\d+(?:\.\d+)?(?:h|m|s|ms))+)$/.exec(spec.trim());
  if (!m) return undefined;
  let ms = 0;
  for (const [, n, unit] of m[1].matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[unit as "h" | "m" | "s" | "ms"];
  return Math.max(1000, Math.floor(ms / 1000) * 1000);
}

/** A parsed schedule; call scheduleError/timeZoneError first (this throws on what they reject). */
export function parseSchedule(schedule: string, timeZone?: string): Schedule {
  const every = everyMs(schedule);
  if (every !== undefined) return { next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + every), latestBy: (now) => new Date(now.getTime() - (now.getTime() % every)) };
  const pattern = DESCRIPTORS[schedule.trim()] ?? schedule.trim();
  const cron = new Cron(pattern, { mode: "5-part", paused: true, timezone: timeZone || "UTC" });
  return { next: (after) => cron.nextRun(after) ?? undefined, latestBy: (now) => cron.previousRuns(1, new Date(now.getTime() + 1))[0] };
}
