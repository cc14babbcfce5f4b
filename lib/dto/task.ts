import { z } from "zod";
import { taskSpecSchema } from "@/lib/schemas/task";

/** How a run ended, or that it is still going. */
export const taskRunOutcomeSchema = z.enum(["running", "succeeded", "failed"]);
export type TaskRunOutcome = z.infer<typeof taskRunOutcomeSchema>;

/** One run of a task: a Job the CronJob (or "Run now") made, and its pods. */
export const taskRunSchema = z.object({
  /** The Job's name. */
  name: z.string(),
  /** "schedule": made by the CronJob controller; "manual": Run now (or `kubectl create job --from`). */
  trigger: z.enum(["schedule", "manual"]),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Whole seconds from start to finish (or to now while running). */
  durationSeconds: z.number().nullable(),
  outcome: taskRunOutcomeSchema,
  /** What happened, in a sentence, when it is not a plain success. */
  message: z.string().nullable(),
  /** The command's exit code in the run's last finished attempt, when it has one. */
  exitCode: z.number().nullable(),
  /** The run's pods (one per attempt, newest first) while they exist: each has a log. */
  pods: z.array(z.object({ name: z.string(), phase: z.string(), exitCode: z.number().nullable() })),
});
export type TaskRun = z.infer<typeof taskRunSchema>;

/** Answer of `GET …/tasks/:task/runs`, newest first. */
export const taskRunListSchema = z.object({ runs: z.array(taskRunSchema) });
export type TaskRunList = z.infer<typeof taskRunListSchema>;

/** A task as the Tasks tab shows it: its spec, its schedule in words, what comes next and how the last run went. */
export const taskViewSchema = z.object({
  spec: taskSpecSchema,
  /** The CronJob `<app>-<task>`. */
  cronJobName: z.string(),
  /** False until the app is deployed with this task. */
  isDeployed: z.boolean(),
  description: z.string(),
  /** The next three run times (ISO), empty while suspended. */
  nextRuns: z.array(z.string()),
  lastRun: taskRunSchema.nullable(),
  /** Warnings from the CronJob's events (missed schedules, …), newest first. */
  warnings: z.array(z.string()),
});
export type TaskView = z.infer<typeof taskViewSchema>;

/** Answer of `GET …/tasks` and of the writes on it. */
export const taskListSchema = z.object({ tasks: z.array(taskViewSchema) });
export type TaskList = z.infer<typeof taskListSchema>;
