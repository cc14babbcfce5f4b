/** Reading a Job's outcome from its conditions, as jobutil.FinishedCondition does. */
import type { KubeObject } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** "Complete" or "Failed" once the Job has finished, undefined while it runs. */
export function finishedCondition(job: KubeObject): "Complete" | "Failed" | undefined {
  const conds = ((job.status as Obj | undefined)?.conditions ?? []) as Obj[];
  return conds.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True")?.type;
}

export function hasCondition(job: KubeObject, type: string): boolean {
  return (((job.status as Obj | undefined)?.conditions ?? []) as Obj[]).some((c) => c.type === type && c.status === "True");
}
