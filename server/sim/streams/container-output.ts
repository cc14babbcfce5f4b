/**
 * What a container whose process the sim ran prints to its log: `sh -c 'echo hi; exit 3'` logs
 * "hi", as on a real node, instead of the generated access-log lines. The kubelet records the
 * output when it runs the process (controllers/container-process.ts); a container the sim does
 * not run (an `nginx -g …`, `python manage.py …`) keeps the generated output.
 */
import type { SimStore } from "@/server/sim/contract";
import { recordedOutput } from "@/server/sim/controllers/container-process";

/** The lines the container instance printed (stdout and stderr, as the log merges them), or undefined. */
export function scriptedOutput(store: SimStore, containerID: string | undefined): string[] | undefined {
  const output = recordedOutput(store, containerID);
  if (!output) return undefined;
  return output.toString("utf8").split("\n").filter((line, i, all) => i < all.length - 1 || line !== "");
}
