import { z } from "zod";
import { scheduleProblem } from "@/lib/cron/cron-schedule";
import { DEFAULT_TIME_ZONE, timeZoneProblem } from "@/lib/cron/time-zone";
import { dnsLabel, requiredOr, strictObject } from "@/lib/schemas/kube-validators";

/**
 * A scheduled task of an app: a command run on a cron schedule with the app's image, env,
 * secrets and volumes, rendered as the CronJob `<app>-<task>`. Part of the app spec (so a
 * revision, a rollback and the Deployment's spec annotation carry the tasks too).
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */

/**
 * The CronJob controller names each Job `<cronjob>-<minutes since epoch>` (11 more characters)
 * and a Job name must fit a 63-character label, so the API server refuses CronJob names over 52.
 */
export const CRONJOB_NAME_MAX = 52;

const checked = (problem: (value: string) => string | undefined, typeMessage: string) =>
  z.string({ error: requiredOr(typeMessage) }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: requiredOr(`expected a number of ${what}`) })
    .int({ error: `expected a whole number of ${what}` })
    .min(min, { error: `${what} must be between ${min} and ${max}` })
    .max(max, { error: `${what} must be between ${min} and ${max}` });

export const concurrencyPolicySchema = z.enum(["Forbid", "Allow", "Replace"], {
  error: 'expected "Forbid" (skip a run while the last one is still going), "Allow" or "Replace"',
});

/** Every field but the name, without defaults (a PATCH must not reset what it leaves out). */
const taskFields = {
  /** Five cron fields or a descriptor, as typed; checked as the CronJob API checks it. */
  schedule: checked(scheduleProblem, 'expected a cron schedule such as "0 3 * * *"').transform((s) => s.trim()),
  timeZone: checked(timeZoneProblem, 'expected an IANA time zone such as "UTC"'),
  /** The argv the container runs, replacing the image's entrypoint. Never a shell string: write ["sh", "-c", "…"] for one. */
  command: z
    .array(z.string({ error: requiredOr("each command item must be a string") }).max(4096, { error: "at most 4096 characters" }), {
      error: 'expected the command as a list of strings, e.g. ["python", "manage.py", "clearsessions"]',
    })
    .min(1, { error: 'the command is empty — write it as a list, e.g. ["python", "manage.py", "clearsessions"]' })
    .max(100, { error: "at most 100 command items" }),
  concurrencyPolicy: concurrencyPolicySchema,
  /** A run that could not start within this many seconds of its time is skipped (and counted as missed). */
  startingDeadlineSeconds: count("seconds", 1, 7 * 24 * 3600),
  /** The whole run (retries included) is stopped after this many seconds: the Job's activeDeadlineSeconds. */
  activeDeadlineSeconds: count("seconds", 1, 7 * 24 * 3600),
  /**
   * Retries of a failed run (the Job's backoffLimit). 0 by default: a periodic task runs again at
   * its next time, and Kubernetes' default of 6 retries with growing pauses hides a failure for
   * minutes.
   */
  retries: count("retries", 0, 20),
  /** Never: a failed attempt keeps its pod (and its logs) and a retry starts a new pod. OnFailure restarts the container in place. */
  restartPolicy: z.enum(["Never", "OnFailure"], { error: 'expected "Never" or "OnFailure"' }),
  successfulRunsToKeep: count("successful runs to keep", 0, 100),
  failedRunsToKeep: count("failed runs to keep", 0, 100),
  suspend: z.boolean({ error: requiredOr("expected true or false") }),
};

export const taskSpecSchema = strictObject({
  name: dnsLabel(CRONJOB_NAME_MAX),
  ...taskFields,
  timeZone: taskFields.timeZone.default(DEFAULT_TIME_ZONE),
  concurrencyPolicy: taskFields.concurrencyPolicy.default("Forbid"),
  startingDeadlineSeconds: taskFields.startingDeadlineSeconds.optional(),
  activeDeadlineSeconds: taskFields.activeDeadlineSeconds.optional(),
  retries: taskFields.retries.default(0),
  restartPolicy: taskFields.restartPolicy.default("Never"),
  successfulRunsToKeep: taskFields.successfulRunsToKeep.default(3),
  failedRunsToKeep: taskFields.failedRunsToKeep.default(1),
  suspend: taskFields.suspend.default(false),
});
export type TaskSpec = z.output<typeof taskSpecSchema>;
export type TaskSpecInput = z.input<typeof taskSpecSchema>;

/**
 * Body of `PATCH …/tasks/:task`: any field but the name (a rename is a delete and a create);
 * `null` clears a deadline.
 */
export const taskPatchSchema = strictObject({
  ...taskFields,
  startingDeadlineSeconds: taskFields.startingDeadlineSeconds.nullable(),
  activeDeadlineSeconds: taskFields.activeDeadlineSeconds.nullable(),
}).partial();
export type TaskPatch = z.infer<typeof taskPatchSchema>;

/** A problem with an app's task list as a whole, at a path below `tasks`. */
export interface TaskListIssue {
  path: Array<string | number>;
  message: string;
}

/** Unique names, and `<app>-<task>` within the CronJob name limit. */
export function taskListIssues(app: string, tasks: readonly TaskSpec[]): TaskListIssue[] {
  const issues: TaskListIssue[] = [];
  const seen = new Map<string, number>();
  tasks.forEach((task, index) => {
    const first = seen.get(task.name);
    if (first !== undefined) issues.push({ path: [index, "name"], message: `the task "${task.name}" is already tasks[${first}] — each name must be unique` });
    else seen.set(task.name, index);
    const cronJob = `${app}-${task.name}`;
    if (cronJob.length > CRONJOB_NAME_MAX) {
      issues.push({
        path: [index, "name"],
        message: `the task's CronJob "${cronJob}" would have ${cronJob.length} characters; Kubernetes allows ${CRONJOB_NAME_MAX} — use a task name of at most ${CRONJOB_NAME_MAX - app.length - 1}`,
      });
    }
  });
  return issues;
}
