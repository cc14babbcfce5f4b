/**
 * The simulated scheduler and kubelet for the single node `sim-node-1`. A new pod is bound
 * once its PersistentVolumeClaims are Bound (asking the provisioner for WaitForFirstConsumer
 * claims), then each container walks the real kubelet's states with short, configurable delays:
 * ContainerCreating → Running (ready after the readiness probe's initialDelaySeconds; failing
 * probes as probe-behaviour.ts decides, a liveness or startup failure restarting the container), with the
 * image-tag failures of image-behaviour.ts and the registry answers of registry-pull.ts
 * (CrashLoopBackOff with back-off, ErrImagePull ⇄ ImagePullBackOff). Job pods exit 0 and Succeed. Every step records the kubelet's Event.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { execProbeFailure } from "@/server/sim/controllers/exec-probe";
import { fullImageName, selfExitCode } from "@/server/sim/controllers/image-behaviour";
import { planProbes, probeKillEvents, type ProbeKind } from "@/server/sim/controllers/probe-behaviour";
import { pullFailedEvent, pullFailureOf, type PrivateRegistry } from "@/server/sim/controllers/registry-pull";
import { permissionCrash, terminationMessage } from "@/server/sim/controllers/volume-permissions";
import { recordedOutput, runContainerProcess, terminationFile } from "@/server/sim/controllers/container-process";
import { buildPodStatus, containerIdFor, type ContainerState, type PodState } from "@/server/sim/controllers/pod-status";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { NODE_NAME, R, controllerOf, keyOf, nowIso, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { checkPodVolumes } from "@/server/sim/controllers/schedule-volumes";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KubeletOptions {
  /** Base step of every transition (ms). */
  tickMs: number;
  /** How long one "second" of probe delay lasts (ms), so tests can shorten initialDelaySeconds. */
  secondMs: number;
  /** The registry that pulls only with a matching login (registry-pull.ts has the default). */
  privateRegistry?: PrivateRegistry;
}

export function startKubelet(store: SimStore, opts: KubeletOptions): SimController {
  const states = new Map<string, PodState>();
  const blockedBy = new Map<string, string>();
  let ipCounter = 0;
  const tick = opts.tickMs;

  const queue = createWorkQueue("kubelet", (key) => {
    const { namespace, name } = splitKey(key);
    const pod = store.get(R.pods, namespace, name);
    if (!pod || pod.metadata.deletionTimestamp) {
      states.delete(key);
      // A gracefully deleted pod: its containers stop on SIGTERM, then the kubelet removes it.
      if (pod && !pod.metadata.finalizers?.length) store.delete(R.pods, namespace, name);
      return;
    }
    let state = states.get(key);
    if (state && state.uid !== pod.metadata.uid) state = undefined;
    if (!state) {
      if ((pod.status as Obj | undefined)?.phase === "Succeeded" || (pod.status as Obj | undefined)?.phase === "Failed") return;
      state = schedule(pod, key);
      if (!state) return;
    }
    advance(pod, state, key);
  });

  function schedule(pod: KubeObject, key: string): PodState | undefined {
    const blocked = checkPodVolumes(store, pod);
    if (blocked) {
      if (blocked.message && blockedBy.get(key) !== blocked.message) {
        blockedBy.set(key, blocked.message);
        recordEvent(store, pod, "Warning", "FailedScheduling", blocked.message, "default-scheduler");
        writeStatus(pod, { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: nowIso(), reason: "Unschedulable", message: blocked.message }], qosClass: (pod.status as Obj | undefined)?.qosClass });
      }
      return undefined;
    }
    blockedBy.delete(key);
    const now = nowIso();
    const n = ipCounter++;
    const state: PodState = {
      uid: pod.metadata.uid ?? "",
      scheduledAt: now,
      podIP: `10.42.${Math.floor(n / 250)}.${(n % 250) + 4}`,
      initDone: true,
      containers: ((pod.spec as Obj).containers as Obj[]).map((c) => ({
        name: c.name, image: c.image, crashExitCode: selfExitCode(c as { image: string }) ?? permissionCrash(pod.spec as Obj, c)?.exitCode, stage: "creating", nextAt: Date.now() + tick * 3, restartCount: 0, crashes: 0, pullAttempts: 0, pulled: false, ready: false, readyAt: Infinity,
      })),
    };
    states.set(key, state);
    runInitContainers(pod, state);
    const spec = pod.spec as Obj;
    if (!spec.nodeName) {
      spec.nodeName = NODE_NAME;
      pod = store.update(R.pods, pod, { checkResourceVersion: false });
      recordEvent(store, pod, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${NODE_NAME}`, "default-scheduler");
    }
    if (state.initFailed) for (const c of state.containers) Object.assign(c, { stage: "initBlocked", nextAt: Infinity });
    else for (const c of state.containers) recordEvent(store, pod, "Normal", "Pulling", `Pulling image "${c.image}"`, "kubelet", `spec.containers{${c.name}}`);
    writeStatus(pod, buildPodStatus(pod, state, now));
    return state;
  }

  /**
   * Init containers run one after another before the pod's containers, each to its end (the
   * sim runs their processes at once); the first that fails stops the rest, and under
   * restartPolicy Never fails the pod, as the kubelet does.
   */
  function runInitContainers(pod: KubeObject, state: PodState): void {
    const inits = ((pod.spec as Obj).initContainers ?? []) as Obj[];
    state.inits = [];
    for (const spec of inits) {
      const containerID = containerIdFor(state.uid, spec.name, 0);
      const startedAt = nowIso();
      const run = runContainerProcess(store, pod, spec, containerID);
      const exitCode = run?.code ?? selfExitCode(spec as { image: string }) ?? 0;
      const message = run?.startError ?? messageOf(pod, spec, exitCode, false);
      state.inits.push({ name: spec.name, image: spec.image, containerID, exitCode, reason: run?.startError ? "StartError" : exitCode === 0 ? "Completed" : "Error", startedAt, finishedAt: nowIso(), ...(message ? { message } : {}) });
      if (run?.startError) recordEvent(store, pod, "Warning", "Failed", `Error: ${run.startError}`, "kubelet", `spec.initContainers{${spec.name}}`);
      for (const reason of ["Pulled", "Created", "Started"]) {
        const text = reason === "Pulled" ? `Container image "${spec.image}" already present on machine` : reason === "Created" ? `Created container: ${spec.name}` : `Started container ${spec.name}`;
        recordEvent(store, pod, "Normal", reason, text, "kubelet", `spec.initContainers{${spec.name}}`);
      }
      if (exitCode !== 0) {
        state.initFailed = true;
        return;
      }
    }
  }

  /** The terminated state's message: the termination file, else (FallbackToLogsOnError, a failure) the log's tail. */
  function messageOf(pod: KubeObject, spec: Obj, exitCode: number, killed: boolean, containerID?: string): string | undefined {
    const file = terminationFile(store, pod, spec);
    if (file) return file;
    return terminationMessage(pod.spec as Obj, spec, exitCode, killed, recordedOutput(store, containerID ?? containerIdFor(pod.metadata.uid ?? "", spec.name, 0)));
  }

  function start(pod: KubeObject, c: ContainerState, now: number): void {
    const field = `spec.containers{${c.name}}`;
    if (!c.pulled) {
      c.pulled = true;
      const secs = (tick * 3) / 1000;
      recordEvent(store, pod, "Normal", "Pulled", `Successfully pulled image "${c.image}" in ${secs.toFixed(3)}s (${secs.toFixed(3)}s including waiting). Image size: 72955450 bytes.`, "kubelet", field);
    } else {
      recordEvent(store, pod, "Normal", "Pulled", `Container image "${c.image}" already present on machine`, "kubelet", field);
    }
    recordEvent(store, pod, "Normal", "Created", `Created container: ${c.name}`, "kubelet", field);
    recordEvent(store, pod, "Normal", "Started", `Started container ${c.name}`, "kubelet", field);
    const spec = (pod.spec as Obj).containers.find((x: Obj) => x.name === c.name) as Obj;
    c.stage = "running";
    c.waitingMessage = undefined;
    c.startedAt = nowIso();
    c.containerID = containerIdFor(pod.metadata.uid ?? "", c.name, c.restartCount);
    const run = runContainerProcess(store, pod, spec, c.containerID);
    if (run) c.crashExitCode = run.code === 0 ? undefined : run.code;
    c.startError = run?.startError;
    if (c.startError) recordEvent(store, pod, "Warning", "Failed", `Error: ${c.startError}`, "kubelet", field);
    // A process the sim ran ends after its sleeps (in probe "seconds"); a server or a Job's unknown program as before.
    const isJob = controllerOf(pod)?.kind === "Job";
    c.exitsAt = run ? now + tick * 3 + run.sleptSeconds * opts.secondMs : c.crashExitCode !== undefined ? now + tick * 3 : isJob ? now + tick * 4 : Infinity;
    const execProbe = (kind: ProbeKind, probe: Obj) => execProbeFailure(store, kind, probe, spec, pod);
    const plan = planProbes(spec, (pod.status as Obj | undefined)?.podIP ?? "", opts.secondMs, tick, execProbe);
    c.readyAt = now + plan.readyAfterMs;
    c.ready = c.readyAt <= now;
    c.probeKill = plan.kill ? { probe: plan.kill.probe, at: now + plan.kill.afterMs, output: plan.kill.output } : undefined;
    if (plan.readinessFailure !== undefined) recordEvent(store, pod, "Warning", "Unhealthy", plan.readinessFailure, "kubelet", field);
    c.nextAt = Math.min(c.exitsAt, c.ready ? Infinity : c.readyAt, c.probeKill?.at ?? Infinity);
  }

  function exit(pod: KubeObject, c: ContainerState, exitCode: number, now: number, killed = false): void {
    const spec = (pod.spec as Obj).containers.find((x: Obj) => x.name === c.name) as Obj;
    const message = c.startError ?? messageOf(pod, spec, exitCode, killed, c.containerID);
    const t = { exitCode, reason: c.startError ? "StartError" : exitCode === 0 ? "Completed" : "Error", ...(message ? { message } : {}), startedAt: c.startedAt!, finishedAt: nowIso(), containerID: c.containerID! };
    c.ready = false;
    c.probeKill = undefined;
    c.startedAt = undefined;
    const policy = (pod.spec as Obj).restartPolicy ?? "Always";
    if (policy === "Never" || (policy === "OnFailure" && exitCode === 0)) {
      c.stage = "done";
      c.final = t;
      c.nextAt = Infinity;
      return;
    }
    c.last = t;
    c.crashes++;
    if (c.crashes === 1) {
      // The first restart is immediate; back-off starts with the second failure, as in the kubelet.
      c.stage = "exited";
      c.nextAt = now + tick;
      return;
    }
    const backoffSeconds = Math.min(300, 10 * 2 ** (c.crashes - 2));
    c.stage = "crashBackOff";
    c.waitingMessage = `back-off ${backoffSeconds < 60 ? `${backoffSeconds}s` : `${Math.floor(backoffSeconds / 60)}m${backoffSeconds % 60 ? `${backoffSeconds % 60}s` : "0s"}`} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    recordEvent(store, pod, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, "kubelet", `spec.containers{${c.name}}`);
    c.nextAt = now + tick * Math.min(16, 2 ** (c.crashes - 1));
  }

  /**
   * A failing liveness or startup probe: the kubelet reports the failure, kills the container
   * (SIGKILL after the grace period here: exit code 137, reason Error) and restarts it under the
   * same back-off as a crash.
   */
  function killByProbe(pod: KubeObject, c: ContainerState, now: number): void {
    const kill = c.probeKill!;
    for (const e of probeKillEvents(kill.probe, c.name, kill.output)) recordEvent(store, pod, e.type, e.reason, e.message, "kubelet", `spec.containers{${c.name}}`);
    exit(pod, c, 137, now, true);
  }

  function step(pod: KubeObject, c: ContainerState, now: number): void {
    const field = `spec.containers{${c.name}}`;
    switch (c.stage) {
      case "creating":
      case "pullBackOff":
        const failure = pullFailureOf(store, pod, c.image, opts.privateRegistry);
        if (failure) {
          if (c.stage === "pullBackOff") recordEvent(store, pod, "Normal", "Pulling", `Pulling image "${c.image}"`, "kubelet", field);
          c.pullAttempts++;
          c.stage = "pullError";
          c.waitingMessage = failure.message;
          recordEvent(store, pod, "Warning", "Failed", pullFailedEvent(c.image, failure), "kubelet", field);
          recordEvent(store, pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet", field);
          c.nextAt = now + tick * 2;
        } else start(pod, c, now);
        return;
      case "pullError":
        c.stage = "pullBackOff";
        c.waitingMessage = `Back-off pulling image "${c.image}"`;
        recordEvent(store, pod, "Normal", "BackOff", `Back-off pulling image "${c.image}"`, "kubelet", field);
        recordEvent(store, pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", field);
        c.nextAt = now + tick * Math.min(16, 2 ** (c.pullAttempts + 1));
        return;
      case "running":
        if (c.probeKill && now >= c.probeKill.at) {
          killByProbe(pod, c, now);
          return;
        }
        if (!c.ready && now >= c.readyAt) {
          c.ready = true;
          c.nextAt = Math.min(Math.max(now, c.exitsAt ?? Infinity), c.probeKill?.at ?? Infinity);
          if (c.nextAt > now) return;
        }
        exit(pod, c, c.crashExitCode ?? 0, now);
        return;
      case "exited":
      case "crashBackOff":
        c.restartCount++;
        start(pod, c, now);
        return;
      default:
        c.nextAt = Infinity;
    }
  }

  function advance(pod: KubeObject, state: PodState, key: string): void {
    const now = Date.now();
    let changed = false;
    for (const c of state.containers) {
      if (c.nextAt <= now) {
        step(pod, c, now);
        changed = true;
      }
    }
    if (changed) {
      const fresh = store.get(R.pods, pod.metadata.namespace, pod.metadata.name);
      if (fresh) writeStatus(fresh, buildPodStatus(fresh, state, nowIso()));
    }
    const next = Math.min(...state.containers.map((c) => c.nextAt));
    if (Number.isFinite(next)) queue.after(key, next - Date.now());
  }

  function writeStatus(pod: KubeObject, status: Obj): void {
    store.update(R.pods, { ...pod, status }, { checkResourceVersion: false });
  }

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.pods)) {
          if (e.type === "DELETED") {
            states.delete(keyOf(e.object));
            blockedBy.delete(keyOf(e.object));
          } else if (e.type === "ADDED") queue.add(keyOf(e.object));
          else if (e.object.metadata.deletionTimestamp) queue.after(keyOf(e.object), tick);
        } else if (sameRef(e.resource, R.pvcs) || (sameRef(e.resource, R.events) && e.object.reason === "ProvisioningFailed")) {
          // A claim changed: pods waiting on claims in that namespace may now schedule (or must say why not).
          for (const p of store.list(R.pods, e.object.metadata.namespace)) if (!states.has(keyOf(p))) queue.add(keyOf(p));
        }
      });
      for (const p of store.list(R.pods)) queue.add(keyOf(p));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}

export { fullImageName };
