/**
 * An exec whose process cannot start, as a real node reports it. The kubelet and containerd 1.6
 * (recorded in ../shared/real-k8s/05a, 05b, 05d, 05f-3) answer with the upgrade, one empty frame
 * on the lowest writable channel, 18–147 ms later an InternalError Status on channel 3 that
 * carries runc's text, then close 1000. Other runtimes order it differently: no empty frame at
 * all, or (dockershim) runc's text on stdout followed by exit code 126. The simulated runtime can
 * play each order; which one is chosen lives in exec-runtime.ts.
 */
import { randomBytes } from "node:crypto";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { hasEngineBinary } from "@/server/sim/controllers/image-binaries";
import { KNOWN_COMMANDS } from "@/server/sim/streams/exec-commands";

export const MISSING_BINARY_ORDERS = ["empty-then-status", "status-only", "text-then-status"] as const;
/** How a runtime writes a failed start: see the module comment. `empty-then-status` is what the recordings show. */
export type MissingBinaryOrder = (typeof MISSING_BINARY_ORDERS)[number];

/** One frame the server sends, `delayMs` after the previous one. */
export interface PlannedFrame {
  channel: number;
  data: string;
  delayMs: number;
}

/** Files of the simulated image that exist but are not programs (exec answers "permission denied"). */
const DATA_FILES = new Set(["/etc/hostname", "/etc/os-release", "/etc/resolv.conf", "/usr/share/nginx/html/index.html"]);

/** The pause image has no userland at all: not even sh (recorded in 05d-1, 05d-2). */
function hasShell(image: string): boolean {
  return !/(^|\/)pause(:|@|$)/.test(image);
}

/** runc's sentence when `argv` cannot start in a container of `image`; undefined when it starts. */
export function startFailureText(argv: string[], image: string): string | undefined {
  const runc = (why: string) => `OCI runtime exec failed: exec failed: ${why}: unknown`;
  const [cmd] = argv;
  if (cmd === undefined) return runc("args must not be empty");
  const binary = cmd.split("/").pop() ?? cmd;
  const isShell = binary === "sh" || binary === "bash";
  const exists = hasShell(image) && (binary !== "bash" || hasBash(image)) && (((isShell || !cmd.includes("/")) && KNOWN_COMMANDS.has(cmd)) || hasEngineBinary(image, cmd));
  if (exists) return undefined;
  const process = (why: string) => runc(`unable to start container process: exec: "${cmd}": ${why}`);
  if (!cmd.includes("/")) return process("executable file not found in $PATH");
  if (DATA_FILES.has(cmd)) return process("permission denied");
  return process(`stat ${cmd}: no such file or directory`);
}

/** The channel-3 Status of a failed start: InternalError, code 500, the text twice (kubelet's wording). */
export function internalErrorStatus(runcText: string): Record<string, unknown> {
  const cause = `error executing command in container: failed to exec in container: failed to start exec "${randomBytes(32).toString("hex")}": ${runcText}`;
  return { metadata: {}, status: "Failure", message: `Internal error occurred: ${cause}`, reason: "InternalError", details: { causes: [{ message: cause }] }, code: 500 };
}

/** The channel-3 Status of a process that ran and exited non-zero (no `code` field, as recorded in 05c). */
export function nonZeroExitStatus(argv: string[], code: number): Record<string, unknown> {
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${argv.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/**
 * The frames of a failed start in `order`, ending with the status (the caller closes after it).
 * `firstChannel` is the lowest writable channel (1 with stdout, else 2); `statusText` renders a
 * Status for the negotiated subprotocol.
 */
export function startFailureFrames(
  order: MissingBinaryOrder,
  failure: { argv: string[]; runcText: string; firstChannel: number; delayMs: number; tty: boolean },
  statusText: (status: Record<string, unknown>) => string,
): PlannedFrame[] {
  const empty: PlannedFrame = { channel: failure.firstChannel, data: "", delayMs: 0 };
  if (order === "status-only") return [{ channel: 3, data: statusText(internalErrorStatus(failure.runcText)), delayMs: failure.delayMs }];
  if (order === "empty-then-status") return [empty, { channel: 3, data: statusText(internalErrorStatus(failure.runcText)), delayMs: failure.delayMs }];
  return [
    empty,
    { channel: failure.firstChannel, data: `${failure.runcText}${failure.tty ? "\r\n" : "\n"}`, delayMs: failure.delayMs },
    { channel: 3, data: statusText(nonZeroExitStatus(failure.argv, 126)), delayMs: 1 },
  ];
}
