/**
 * Turns the simulated kubelet's per-container state into a Pod's status exactly as the real
 * kubelet reports it: phase, conditions (PodReadyToStartContainers, Initialized, Ready,
 * ContainersReady, PodScheduled), containerStatuses with state/lastState, qosClass.
 */
import type { KubeObject } from "@/server/sim/contract";
import { fullImageName } from "@/server/sim/controllers/image-behaviour";
import { hexId } from "@/server/sim/controllers/hash";
import { NODE_IP } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
  /** The log tail under terminationMessagePolicy FallbackToLogsOnError. */
  message?: string;
}

export interface ContainerState {
  name: string;
  image: string;
  /** Set when the process exits non-zero by itself (a crash loop under restartPolicy Always). */
  crashExitCode?: number;
  /** initBlocked: an init container failed, so this one never starts (waiting PodInitializing). */
  stage: "creating" | "pullError" | "pullBackOff" | "running" | "exited" | "crashBackOff" | "done" | "initBlocked";
  nextAt: number;
  /** The runtime could not start the process (terminated StartError, exit code 128). */
  startError?: string;
  /** When the running process ends by itself (Infinity: it keeps running). */
  exitsAt?: number;
  restartCount: number;
  crashes: number;
  pullAttempts: number;
  pulled: boolean;
  ready: boolean;
  readyAt: number;
  startedAt?: string;
  containerID?: string;
  waitingMessage?: string;
  last?: Terminated;
  final?: Terminated;
  /** A failing liveness or startup probe: when it kills the container, and its output. */
  probeKill?: { probe: "Liveness" | "Startup"; at: number; output: string };
}

export interface PodState {
  uid: string;
  scheduledAt: string;
  podIP: string;
  containers: ContainerState[];
  initDone: boolean;
  /** The init containers' ends, in order (the sim runs them at scheduling). */
  inits?: Array<Terminated & { name: string; image: string }>;
  /** An init container exited non-zero: the others and the pod's containers do not start. */
  initFailed?: boolean;
}

export function containerIdFor(podUid: string, name: string, restartCount: number): string {
  return `containerd://${hexId(`${podUid}/${name}/${restartCount}`)}`;
}

function containerStatus(c: ContainerState): Obj {
  const out: Obj = { name: c.name, image: c.pulled ? fullImageName(c.image) : c.image, imageID: c.pulled ? `${fullImageName(c.image).replace(/:[^:/]*$/, "")}@sha256:${hexId(c.image)}` : "" };
  if (c.stage === "running") {
    out.state = { running: { startedAt: c.startedAt } };
    out.containerID = c.containerID;
  } else if (c.stage === "done" || c.stage === "exited") {
    const t = c.final ?? c.last!;
    out.state = { terminated: { exitCode: t.exitCode, reason: t.reason, ...(t.message ? { message: t.message } : {}), startedAt: t.startedAt, finishedAt: t.finishedAt, containerID: t.containerID } };
    out.containerID = t.containerID;
  } else {
    const reason = c.stage === "initBlocked" ? "PodInitializing" : c.stage === "creating" ? "ContainerCreating" : c.stage === "pullError" ? "ErrImagePull" : c.stage === "pullBackOff" ? "ImagePullBackOff" : "CrashLoopBackOff";
    out.state = { waiting: { reason, ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
    if (c.last) out.containerID = c.last.containerID;
  }
  out.lastState = c.last && c.stage !== "exited" ? { terminated: { ...c.last } } : {};
  out.ready = c.ready;
  out.restartCount = c.restartCount;
  out.started = c.stage === "running";
  return out;
}

function condition(type: string, ok: boolean, prev: Obj[] | undefined, now: string, reason?: string, message?: string): Obj {
  const old = prev?.find((c) => c.type === type);
  const status = ok ? "True" : "False";
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    ...(!ok && reason ? { reason, message } : {}),
  };
}

export function qosClassOf(spec: Obj): string {
  const cs: Obj[] = spec.containers ?? [];
  const has = (c: Obj, k: string) => Object.keys(c.resources?.[k] ?? {}).length > 0;
  if (cs.every((c) => !has(c, "requests") && !has(c, "limits"))) return "BestEffort";
  const guaranteed = cs.every((c) => ["cpu", "memory"].every((r) => c.resources?.limits?.[r] && (c.resources?.requests?.[r] ?? c.resources.limits[r]) === c.resources.limits[r]));
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** The status for a scheduled pod; `now` is an RFC 3339 timestamp. */
export function buildPodStatus(pod: KubeObject, state: PodState, now: string): Obj {
  const prev = (pod.status as Obj | undefined)?.conditions as Obj[] | undefined;
  const cs = state.containers;
  const restartPolicy = (pod.spec as Obj).restartPolicy ?? "Always";
  const allDone = cs.every((c) => c.stage === "done");
  let phase = "Pending";
  if (allDone) phase = cs.every((c) => c.final?.exitCode === 0) ? "Succeeded" : "Failed";
  else if (state.initFailed && restartPolicy === "Never") phase = "Failed";
  else if (cs.some((c) => c.startedAt || c.last)) phase = "Running";
  const unready = cs.filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0 && !allDone;
  const notReadyReason = allDone ? "PodCompleted" : "ContainersNotReady";
  const notReadyMessage = allDone ? undefined : `containers with unready status: [${unready.join(" ")}]`;
  const sandboxReady = !allDone || restartPolicy === "Always";
  const status: Obj = {
    phase,
    conditions: [
      condition("PodReadyToStartContainers", sandboxReady, prev, now),
      state.initFailed
        ? condition("Initialized", false, prev, now, "ContainersNotInitialized", `containers with incomplete status: [${state.inits?.at(-1)?.name ?? ""}]`)
        : condition("Initialized", true, prev, now, allDone ? "PodCompleted" : undefined),
      condition("Ready", allReady, prev, now, notReadyReason, notReadyMessage),
      condition("ContainersReady", allReady, prev, now, notReadyReason, notReadyMessage),
      condition("PodScheduled", true, prev, now),
    ],
    hostIP: NODE_IP,
    hostIPs: [{ ip: NODE_IP }],
    podIP: state.podIP,
    podIPs: [{ ip: state.podIP }],
    startTime: state.scheduledAt,
    containerStatuses: cs.map(containerStatus),
    qosClass: qosClassOf(pod.spec as Obj),
  };
  const inits: Obj[] = (pod.spec as Obj).initContainers ?? [];
  if (inits.length > 0) {
    status.initContainerStatuses = inits.map((c) => {
      const ran = state.inits?.find((i) => i.name === c.name);
      const image = { name: c.name, image: fullImageName(c.image), imageID: `${fullImageName(c.image).replace(/:[^:/]*$/, "")}@sha256:${hexId(c.image)}` };
      if (!ran) return { ...image, ready: false, restartCount: 0, started: false, state: { waiting: { reason: "PodInitializing" } }, lastState: {} };
      const terminated = { exitCode: ran.exitCode, reason: ran.reason, ...(ran.message ? { message: ran.message } : {}), startedAt: ran.startedAt, finishedAt: ran.finishedAt, containerID: ran.containerID };
      return { ...image, containerID: ran.containerID, ready: ran.exitCode === 0, restartCount: 0, started: false, state: { terminated }, lastState: {} };
    });
  }
  return status;
}
