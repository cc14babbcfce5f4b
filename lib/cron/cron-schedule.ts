/**
 * The cron schedules a Kubernetes CronJob accepts, checked the way the API server checks them so
 * the form and the API refuse what the cluster would. The API server parses `spec.schedule` with
 * robfig/cron's standard parser: five fields (minute hour day-of-month month day-of-week), names
 * for months and weekdays, `*`, `?`, lists, ranges and steps, or one of the `@` descriptors; and
 * it refuses `TZ=`/`CRON_TZ=` prefixes (the `timeZone` field replaces them).
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
 *
 * Berth also refuses `@every <duration>`, which the parser takes but which is not a calendar
 * schedule (its runs depend on when the controller started) and has no plain-words preview.
 */

/** The descriptors and the five-field schedule each stands for. */
const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day of week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

export type ParsedSchedule = { ok: true; fields: string } | { ok: false; problem: string };

const EXAMPLE = 'e.g. "0 3 * * *" for every day at 03:00';

/** A value of one field: a number in range or (months, weekdays) a three-letter name. */
function valueProblem(field: Field, text: string): string | undefined {
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index >= 0) return undefined;
  if (!/^\d+$/.test(text)) {
    const hint = field.names ? ` or a name like ${field.names[0]!.toUpperCase()}` : "";
    return `"${text}" in the ${field.name} field is not a number${hint}`;
  }
  const n = Number(text);
  if (n < field.min || n > field.max) return `the ${field.name} field takes ${field.min}–${field.max}, not ${text}`;
  return undefined;
}

function numberOf(field: Field, text: string): number {
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return index >= 0 ? index + field.min : Number(text);
}

/** One comma-separated part: `*`, `?`, `a`, `a-b`, each optionally `/step`. */
function partProblem(field: Field, part: string): string | undefined {
  const [range = "", step, extra] = part.split("/");
  if (extra !== undefined) return `"${part}" in the ${field.name} field has two '/'`;
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `the step "/${step}" in the ${field.name} field must be a whole number above 0`;
  if (range === "*" || range === "?") return undefined;
  const bounds = range.split("-");
  if (bounds.length > 2 || bounds.some((b) => b === "")) return `"${part}" in the ${field.name} field is not a value, a range a-b or a step */n`;
  for (const bound of bounds) {
    const problem = valueProblem(field, bound);
    if (problem) return problem;
  }
  if (bounds.length === 2 && numberOf(field, bounds[0]!) > numberOf(field, bounds[1]!)) {
    return `the range "${range}" in the ${field.name} field runs backwards — write the smaller value first`;
  }
  return undefined;
}

/**
 * Checks a schedule as the CronJob API does and returns its five fields (a descriptor replaced
 * by what it means), or a sentence saying what to fix.
 */
export function parseSchedule(schedule: string): ParsedSchedule {
  const text = schedule.trim();
  if (text === "") return { ok: false, problem: `the schedule is empty — write five fields, ${EXAMPLE}` };
  if (/TZ/.test(text)) {
    return { ok: false, problem: "a schedule cannot carry TZ= or CRON_TZ= (Kubernetes refuses it) — choose the time zone in the time zone field" };
  }
  if (text.startsWith("@")) {
    const fields = DESCRIPTORS[text.toLowerCase()];
    if (fields) return { ok: true, fields };
    if (text.toLowerCase().startsWith("@every")) {
      return { ok: false, problem: `"@every" repeats from whenever the controller started, not on the clock — write five fields, ${EXAMPLE}` };
    }
    return { ok: false, problem: `"${text}" is not a schedule Kubernetes knows — use @hourly, @daily, @weekly, @monthly, @yearly or five fields` };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    const seconds = parts.length === 6 ? " (Kubernetes has no seconds field)" : "";
    return { ok: false, problem: `a schedule has five fields (minute hour day-of-month month day-of-week), this one has ${parts.length}${seconds} — ${EXAMPLE}` };
  }
  for (const [i, field] of FIELDS.entries()) {
    for (const part of parts[i]!.split(",")) {
      const problem = part === "" ? `the ${field.name} field has an empty item between commas` : partProblem(field, part);
      if (problem) return { ok: false, problem };
    }
  }
  return { ok: true, fields: parts.join(" ") };
}

/** The sentence for a schedule Kubernetes would refuse, or undefined when it is a valid one. */
export function scheduleProblem(schedule: string): string | undefined {
  const parsed = parseSchedule(schedule);
  return parsed.ok ? undefined : parsed.problem;
}
