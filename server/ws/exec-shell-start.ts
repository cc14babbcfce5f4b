/**
 * Whether a shell Berth exec'd really runs. A real node answers the exec of a missing binary
 * after the upgrade, in one of several orders (../shared/real-k8s/05a, 05b, 05d):
 * - containerd 1.6, every recorded run: an empty stdout frame, then an InternalError status
 *   carrying runc's "executable file not found", then close;
 * - the same without the empty frame (status only);
 * - dockershim: runc's text on stdout, then exit code 126.
 * So neither an empty frame nor the runtime's own failure text means the shell started; its
 * first other output does (a prompt, a banner), or silence long past the recorded 18–147 ms.
 */
import type { ExecOutcome } from "@/server/kube/exec-stream";

/** How runc's messages begin, as containerd, CRI-O and dockershim pass them on. */
const RUNTIME_FAILURE_PREFIXES = ["OCI runtime exec failed", "OCI runtime exec error", "exec failed:", "rpc error:", "error executing command", "failed to exec", "Internal error occurred"];
const MISSING_BINARY = /executable file not found|no such file or directory|not found in \$PATH/i;

/** A shell that printed nothing this long after the upgrade is taken as running (a prompt-less shell). */
export const SILENT_START_MS = 2000;
/** Output held back while undecided; past this it cannot be a runtime's one-line failure. */
export const MAX_HELD_OUTPUT = 16 * 1024;

/** What the output so far says: not enough yet, the runtime's failure text, or the shell itself. */
export type EarlyOutput = "undecided" | "runtime-failure" | "shell-output";

export function classifyEarlyOutput(text: string): EarlyOutput {
  const start = text.trimStart();
  if (start === "") return "undecided";
  if (RUNTIME_FAILURE_PREFIXES.some((p) => start.startsWith(p))) return "runtime-failure";
  if (text.length <= MAX_HELD_OUTPUT && RUNTIME_FAILURE_PREFIXES.some((p) => p.startsWith(start))) return "undecided";
  return "shell-output";
}

/** Whether an exec that never started its shell ended because the binary does not exist. */
export function isMissingBinary(outcome: ExecOutcome | undefined, heldOutput: string): boolean {
  if (outcome?.code === null && MISSING_BINARY.test(outcome.message)) return true;
  return classifyEarlyOutput(heldOutput) === "runtime-failure" && MISSING_BINARY.test(heldOutput);
}
