/**
 * A container's own process, run when the kubelet starts it: command + args (`$(VAR)` expanded
 * from its env), with no shell in between unless argv[0] is one, in the container's file system
 * (fs/pod-mounts.ts: a fresh root from the image and the pod's volumes). The sim runs it to its
 * end at once when every program it names is one the sim's userland has — `sh -c` scripts,
 * busybox applets, the database images' dump and restore tools — and records its exit code and
 * output (the container's log). A server (an image's default entrypoint, `nginx`, `postgres`,
 * an app binary) is not run: the container keeps running with generated log lines, as before.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { containerArgv, containerEnv } from "@/server/sim/controllers/container-env";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { hasEngineBinary, isEngineProgram, isEngineServer } from "@/server/sim/controllers/image-binaries";
import { R, sameRef } from "@/server/sim/controllers/resources";
import { startEngineServer } from "@/server/sim/engines/server-start";
import { containerFs } from "@/server/sim/fs/pod-mounts";
import { commandNames } from "@/server/sim/shell/command-names";
import { knownProgram } from "@/server/sim/shell/shell";
import { imagePrograms, runArgv } from "@/server/sim/streams/exec-commands";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ProcessRun {
  code: number;
  /** stdout and stderr as the log merges them, in the order written. */
  output: Buffer;
  /** What its `sleep`s add up to (Infinity for `sleep infinity`): the process ends that much later. */
  sleptSeconds: number;
  /** The runtime could not start it (exit code 128, reason StartError): containerd's message. */
  startError?: string;
}

const SHELLS = new Set(["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"]);

/** Whether the sim can run `argv` to its end in `image` (every program it names exists there and is no server). */
export function isRunnable(argv: string[], image: string): boolean {
  if (argv.length === 0) return false;
  const options = { external: imagePrograms(image), hasBash: hasBash(image) };
  const known = (name: string) => knownProgram(name, options) && !isEngineServer(image, name);
  if (SHELLS.has(argv[0]) && argv[1] === "-c") {
    const names = commandNames(argv[2] ?? "");
    return names !== undefined && names.every((n) => n === "" || known(n));
  }
  return known(argv[0]);
}

/**
 * containerd's refusal when argv[0] is a database tool the image does not ship (`pg_dump` in
 * busybox, `mysqldump` in mariadb:11): the one missing program the sim can be sure of, since it
 * knows those images' programs; an app image's own binaries are unknown to it, so it runs them.
 */
function missingEngineProgram(argv: string[], image: string): string | undefined {
  const program = argv[0];
  if (!program || !isEngineProgram(program) || hasEngineBinary(image, program) || isEngineServer(image, program)) return undefined;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`;
}

/** Per store: pod uid → container instance id → what it printed; a deleted pod's go with it. */
const outputs = new WeakMap<SimStore, Map<string, Map<string, Buffer>>>();
/** A log longer than this keeps its end, as a rotated container log would. */
const MAX_LOG_BYTES = 1024 * 1024;

function outputsOf(store: SimStore): Map<string, Map<string, Buffer>> {
  let byPod = outputs.get(store);
  if (!byPod) {
    const created = new Map<string, Map<string, Buffer>>();
    byPod = created;
    outputs.set(store, created);
    store.subscribe((e) => {
      if (e.type === "DELETED" && sameRef(e.resource, R.pods)) created.delete(e.object.metadata.uid ?? "");
    });
  }
  return byPod;
}

/** What the container instance `containerID` printed, when the sim ran its process. */
export function recordedOutput(store: SimStore, containerID: string | undefined): Buffer | undefined {
  if (!containerID) return undefined;
  for (const byContainer of outputsOf(store).values()) {
    const found = byContainer.get(containerID);
    if (found) return found;
  }
  return undefined;
}

/** Runs the container's process in a fresh root when it is runnable; undefined when it is a server the sim does not run. */
export function runContainerProcess(store: SimStore, pod: KubeObject, container: Obj, containerID: string): ProcessRun | undefined {
  const env = containerEnv(store, pod, container);
  const argv = containerArgv(container, env);
  const image = String(container.image ?? "");
  const fs = containerFs(store, pod, container, true);
  const missing = missingEngineProgram(argv, image);
  if (missing) return { code: 128, output: Buffer.alloc(0), sleptSeconds: 0, startError: missing };
  if (!isRunnable(argv, image)) {
    startEngineServer(store, pod, container);
    return undefined;
  }
  const r = runArgv(argv, { env, cwd: String(container.workingDir ?? "/"), hostname: pod.metadata.name, shell: argv[0].endsWith("bash") ? "bash" : "sh", hasBash: hasBash(image), size: undefined, image, fs, store, namespace: pod.metadata.namespace });
  const all = Buffer.concat((r.chunks ?? []).map((c) => c.data));
  const output = all.length > MAX_LOG_BYTES ? all.subarray(all.length - MAX_LOG_BYTES) : all;
  const byPod = outputsOf(store);
  const podUid = pod.metadata.uid ?? pod.metadata.name;
  if (!byPod.has(podUid)) byPod.set(podUid, new Map());
  byPod.get(podUid)!.set(containerID, output);
  return { code: r.exit ?? r.code, output, sleptSeconds: r.sleptSeconds ?? 0 };
}

/** The kubelet's cap on a termination message file (pkg/kubelet/kuberuntime: maxContainerTerminationMessageLength). */
const MAX_MESSAGE_BYTES = 4096;
/** FallbackToLogsOnError reads at most this much of the log's end (kubecontainer.MaxContainerTerminationMessageLogLines / Length). */
const FALLBACK_LINES = 80;
const FALLBACK_BYTES = 2048;

/** The last 80 lines of `log`, at most its last 2048 bytes, as the kubelet takes them. */
export function logTail(log: Buffer): string {
  const text = log.toString("utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const tail = `${lines.slice(-FALLBACK_LINES).join("\n")}${text.endsWith("\n") ? "\n" : ""}`;
  const bytes = Buffer.from(tail);
  return bytes.length > FALLBACK_BYTES ? bytes.subarray(bytes.length - FALLBACK_BYTES).toString("utf8") : tail;
}

/** What the container wrote to its terminationMessagePath (at most 4096 bytes), "" when nothing. */
export function terminationFile(store: SimStore, pod: KubeObject, container: Obj): string {
  try {
    const bytes = containerFs(store, pod, container).readFile(String(container.terminationMessagePath ?? "/dev/termination-log"));
    return bytes.subarray(0, MAX_MESSAGE_BYTES).toString("utf8");
  } catch {
    return "";
  }
}
