/**
 * The Job controller, after kube-controller-manager's job_controller.go as v1.32 runs it: keeps
 * `parallelism` pods running until `completions` have Succeeded; a failed pod counts once
 * (restartPolicy Never makes a new pod, OnFailure restarts the container in place and its
 * restarts count), and past `backoffLimit` or `activeDeadlineSeconds` the Job's active pods are
 * killed. The terminal condition waits for them: first FailureTarget / SuccessCriteriaMet, then
 * Failed / Complete once no pod is terminating (v1.31+; v1.28 wrote the terminal one at once).
 * `suspend` deletes the pods and resumes later; `ttlSecondsAfterFinished` deletes a finished Job.
 * Deadlines and TTLs read the sim clock (sim-clock.ts).
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { finishedCondition, hasCondition } from "@/server/sim/controllers/job-conditions";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { isPodReady, podFromTemplate } from "@/server/sim/controllers/replicaset-controller";
import { R, controllerOf, isControlledBy, keyOf, nowIso, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const phaseOf = (p: KubeObject) => (p.status as Obj | undefined)?.phase as string | undefined;
const isFinished = (p: KubeObject) => phaseOf(p) === "Succeeded" || phaseOf(p) === "Failed";

const BACKOFF = { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
const DEADLINE = { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
const COMPLETED = { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" };

/** Container restarts of running pods, which count as failures under OnFailure (pastBackoffLimitOnFailure). */
function restartsOf(pods: KubeObject[]): number {
  let n = 0;
  for (const p of pods) {
    if (phaseOf(p) !== "Running" && phaseOf(p) !== "Pending") continue;
    const s = (p.status ?? {}) as Obj;
    for (const c of [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])]) n += c.restartCount ?? 0;
  }
  return n;
}

export function startJobController(store: SimStore): SimController {
  // Pods already counted in status.succeeded/failed, per Job uid: the real controller's
  // uncountedTerminatedPods + finalizer bookkeeping, so a pod that disappears still counts once.
  const counted = new Map<string, { succeeded: Set<string>; failed: Set<string> }>();

  const queue = createWorkQueue("job", (key) => {
    const { namespace, name } = splitKey(key);
    const job = store.get(R.jobs, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = job.spec as Obj;
    const old = (job.status ?? {}) as Obj;
    if (finishedCondition(job)) return expireAfterTtl(job, key);
    const uid = job.metadata.uid ?? "";
    const tally = counted.get(uid) ?? { succeeded: new Set<string>(), failed: new Set<string>() };
    counted.set(uid, tally);
    const pods = store.list(R.pods, namespace).filter((p) => isControlledBy(p, job));
    for (const p of pods) {
      if (phaseOf(p) === "Succeeded") tally.succeeded.add(p.metadata.uid ?? "");
      if (phaseOf(p) === "Failed") tally.failed.add(p.metadata.uid ?? "");
    }
    const succeeded = Math.max(old.succeeded ?? 0, tally.succeeded.size);
    let failed = Math.max(old.failed ?? 0, tally.failed.size);
    const terminating = () => store.list(R.pods, namespace).filter((p) => isControlledBy(p, job) && p.metadata.deletionTimestamp && !isFinished(p));
    const running = () => store.list(R.pods, namespace).filter((p) => isControlledBy(p, job) && !p.metadata.deletionTimestamp && !isFinished(p));
    const now = nowIso();
    const status: Obj = { ...old, uncountedTerminatedPods: {} };
    const conditions: Obj[] = [...(old.conditions ?? [])];
    const setCondition = (type: string, s: "True" | "False", why: { reason: string; message: string }) => {
      const i = conditions.findIndex((c) => c.type === type);
      if (i >= 0 && conditions[i].status === s) return;
      const c = { type, status: s, lastProbeTime: now, lastTransitionTime: now, ...why };
      if (i >= 0) conditions[i] = c;
      else conditions.push(c);
    };
    /** Kills the running pods; under a failure each counts as failed, as the real controller does. */
    const killRunning = (asFailed: boolean) => {
      for (const p of running()) {
        try {
          store.delete(R.pods, namespace, p.metadata.name);
          if (asFailed && !tally.failed.has(p.metadata.uid ?? "")) {
            tally.failed.add(p.metadata.uid ?? "");
            failed++;
          }
        } catch {
          // Already gone: nothing to kill.
        }
      }
    };

    const target = conditions.find((c) => (c.type === "FailureTarget" || c.type === "SuccessCriteriaMet") && c.status === "True");
    if (!target) {
      const deadlineAt = spec.activeDeadlineSeconds && old.startTime ? Date.parse(old.startTime) + spec.activeDeadlineSeconds * 1000 : Infinity;
      const backoffLimit = spec.backoffLimit ?? 6;
      const restarts = spec.template?.spec?.restartPolicy === "OnFailure" ? restartsOf(pods) : 0;
      const pastBackoff = failed > backoffLimit || (restarts > 0 && (backoffLimit === 0 || restarts >= backoffLimit));
      if (succeeded >= (spec.completions ?? 1)) {
        setCondition("SuccessCriteriaMet", "True", COMPLETED);
        killRunning(false);
      } else if (pastBackoff || simClock.now() >= deadlineAt) {
        const why = pastBackoff ? BACKOFF : DEADLINE;
        setCondition("FailureTarget", "True", why);
        killRunning(true);
      } else if (spec.suspend) {
        if (!hasCondition(job, "Suspended")) {
          setCondition("Suspended", "True", { reason: "JobSuspended", message: "Job suspended" });
          recordEvent(store, job, "Normal", "Suspended", "Job suspended", "job-controller");
        }
        killRunning(false);
        delete status.startTime;
      } else {
        if (hasCondition(job, "Suspended")) {
          setCondition("Suspended", "False", { reason: "JobResumed", message: "Job resumed" });
          recordEvent(store, job, "Normal", "Resumed", "Job resumed", "job-controller");
        }
        status.startTime ??= now;
        const want = Math.min(spec.parallelism ?? 1, (spec.completions ?? 1) - succeeded);
        for (let n = running().length; n < want; n++) {
          const pod = podFromTemplate(store, job, spec.template, { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name });
          recordEvent(store, job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, "job-controller");
        }
        if (Number.isFinite(deadlineAt)) queue.after(key, deadlineAt - simClock.now());
      }
    }
    const done = conditions.find((c) => (c.type === "FailureTarget" || c.type === "SuccessCriteriaMet") && c.status === "True");
    const stillTerminating = terminating().length;
    if (done && stillTerminating === 0 && running().length === 0) {
      const complete = done.type === "SuccessCriteriaMet";
      setCondition(complete ? "Complete" : "Failed", "True", { reason: done.reason, message: done.message });
      if (complete) {
        status.completionTime = now;
        recordEvent(store, job, "Normal", "Completed", "Job completed", "job-controller");
      } else recordEvent(store, job, "Warning", done.reason, done.message, "job-controller");
    }
    const active = running().length;
    status.conditions = conditions.length ? conditions : undefined;
    status.active = active || undefined;
    status.ready = running().filter(isPodReady).length;
    status.terminating = stillTerminating;
    status.succeeded = succeeded || undefined;
    status.failed = failed || undefined;
    const clean = JSON.parse(JSON.stringify(status));
    const fresh = store.get(R.jobs, namespace, name);
    if (fresh && stableStringify(fresh.status ?? {}) !== stableStringify(clean)) store.update(R.jobs, { ...fresh, status: clean }, { checkResourceVersion: false });
    if (finishedCondition({ ...job, status: clean })) queue.add(key);
  });

  /** The TTL-after-finished controller: a finished Job goes (with its pods) after its TTL. */
  function expireAfterTtl(job: KubeObject, key: string): void {
    const ttl = (job.spec as Obj).ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null) return;
    const finished = ((job.status as Obj).conditions as Obj[]).find((c) => c.type === finishedCondition(job));
    const at = Date.parse((job.status as Obj).completionTime ?? finished?.lastTransitionTime) + ttl * 1000;
    if (simClock.now() < at) return queue.after(key, at - simClock.now());
    store.delete(R.jobs, job.metadata.namespace, job.metadata.name, { propagationPolicy: "Background" });
  }

  let unsubscribe: (() => void) | undefined;
  let unwatchClock: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.jobs)) {
          if (e.type === "DELETED") counted.delete(e.object.metadata.uid ?? "");
          else queue.add(keyOf(e.object));
        } else if (sameRef(e.resource, R.pods)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "Job") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        }
      });
      // A clock jump can pass an activeDeadlineSeconds or a TTL: look at every Job again.
      unwatchClock = simClock.onChange(() => {
        for (const j of store.list(R.jobs)) queue.add(keyOf(j));
      });
      for (const j of store.list(R.jobs)) queue.add(keyOf(j));
    },
    stop() {
      unsubscribe?.();
      unwatchClock?.();
      queue.stop();
    },
  };
}
