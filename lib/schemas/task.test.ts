import { describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/schemas/app";
import { issueSentences } from "@/lib/schemas/format-issues";
import { taskPatchSchema, taskSpecSchema } from "@/lib/schemas/task";

const TASK = { name: "cleanup", schedule: "0 3 * * *", command: ["python", "manage.py", "clearsessions"] };

function problems(input: unknown): string[] {
  const parsed = taskSpecSchema.safeParse(input);
  return parsed.success ? [] : issueSentences(parsed.error);
}

describe("taskSpecSchema", () => {
  it("fills Kubernetes-like defaults, with Forbid and UTC", () => {
    expect(taskSpecSchema.parse({ ...TASK, schedule: " @daily " })).toEqual({
      ...TASK,
      schedule: "@daily",
      timeZone: "UTC",
      concurrencyPolicy: "Forbid",
      retries: 0,
      restartPolicy: "Never",
      successfulRunsToKeep: 3,
      failedRunsToKeep: 1,
      suspend: false,
    });
  });

  it("refuses a bad schedule, zone, command or setting with a sentence naming the field", () => {
    expect(problems({ ...TASK, schedule: "0 0 3 * * *" })).toEqual([expect.stringMatching(/^schedule: .*this one has 6 \(Kubernetes has no seconds field\)/)]);
    expect(problems({ ...TASK, timeZone: "Berlin" })).toEqual([expect.stringMatching(/^timeZone: "Berlin" is not an IANA time zone/)]);
    expect(problems({ ...TASK, command: "python manage.py clearsessions" })).toEqual([expect.stringMatching(/^command: expected the command as a list of strings/)]);
    expect(problems({ ...TASK, command: [] })).toEqual([expect.stringMatching(/^command: the command is empty/)]);
    expect(problems({ ...TASK, concurrencyPolicy: "forbid" })).toEqual([expect.stringMatching(/^concurrencyPolicy: expected "Forbid"/)]);
    expect(problems({ ...TASK, retries: -1 })).toEqual(["retries: retries must be between 0 and 20"]);
    expect(problems({ ...TASK, name: "Clean_Up" })).toHaveLength(1);
    expect(problems({ ...TASK, shell: true })).toEqual([expect.stringMatching(/shell/)]);
  });

  it("lets a patch leave everything out but refuses renaming", () => {
    expect(taskPatchSchema.parse({ suspend: true })).toEqual({ suspend: true });
    expect(taskPatchSchema.safeParse({ name: "other" }).success).toBe(false);
  });
});

describe("tasks in the app spec", () => {
  const app = { name: "web", image: "nginx:1.27", port: 8080 };

  it("refuses two tasks of one name", () => {
    const parsed = appSpecSchema.safeParse({ ...app, tasks: [TASK, TASK] });
    expect(parsed.success || issueSentences(parsed.error)).toEqual([expect.stringMatching(/^tasks\[1\]\.name: the task "cleanup" is already tasks\[0\]/)]);
  });

  it("refuses a task whose CronJob name would pass 52 characters", () => {
    const long = "a".repeat(30);
    const parsed = appSpecSchema.safeParse({ ...app, name: long, tasks: [{ ...TASK, name: "b".repeat(22) }] });
    expect(parsed.success || issueSentences(parsed.error)).toEqual([expect.stringMatching(/would have 53 characters; Kubernetes allows 52 — use a task name of at most 21/)]);
  });
});
