/**
 * The Job controller, minimal: runs `parallelism` pods at a time until `completions` pods have
 * Succeeded (the kubelet makes Job pods exit 0), then marks the Job Complete; failures count
 * against backoffLimit and end in Failed/BackoffLimitExceeded.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { isPodReady, podFromTemplate } from "@/server/sim/controllers/replicaset-controller";
import { R, controllerOf, isControlledBy, keyOf, nowIso, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const phaseOf = (p: KubeObject) => (p.status as Obj | undefined)?.phase as string | undefined;

export function startJobController(store: SimStore): SimController {
  const queue = createWorkQueue("job", (key) => {
    const { namespace, name } = splitKey(key);
    const job = store.get(R.jobs, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = job.spec as Obj;
    const old = (job.status ?? {}) as Obj;
    if ((old.conditions ?? []).some((c: Obj) => (c.type === "Complete" || c.type === "Failed") && c.status === "True")) return;
    const pods = store.list(R.pods, namespace).filter((p) => isControlledBy(p, job));
    const succeeded = pods.filter((p) => phaseOf(p) === "Succeeded").length;
    const failed = pods.filter((p) => phaseOf(p) === "Failed").length;
    let active = pods.filter((p) => !["Succeeded", "Failed"].includes(phaseOf(p) ?? "")).length;
    const completions = spec.completions ?? 1;
    const backoffLimit = spec.backoffLimit ?? 6;
    const status: Obj = { ...old, startTime: old.startTime ?? nowIso(), uncountedTerminatedPods: {} };
    const now = nowIso();
    const cond = (type: string, reason: string, message: string) => ({ type, status: "True", lastProbeTime: now, lastTransitionTime: now, reason, message });
    if (succeeded >= completions) {
      status.completionTime = now;
      status.conditions = [cond("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"), cond("Complete", "CompletionsReached", "Reached expected number of succeeded pods")];
      recordEvent(store, job, "Normal", "Completed", "Job completed", "job-controller");
    } else if (failed > backoffLimit) {
      status.conditions = [cond("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), cond("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit")];
      recordEvent(store, job, "Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit", "job-controller");
    } else if (!spec.suspend) {
      const want = Math.min(spec.parallelism ?? 1, completions - succeeded);
      for (; active < want; active++) {
        const uid = job.metadata.uid ?? "";
        const pod = podFromTemplate(store, job, spec.template, { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name });
        recordEvent(store, job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, "job-controller");
      }
    }
    status.active = pods.filter((p) => !["Succeeded", "Failed"].includes(phaseOf(p) ?? "")).length || undefined;
    status.ready = pods.filter(isPodReady).length;
    status.terminating = 0;
    status.succeeded = succeeded || undefined;
    status.failed = failed || undefined;
    if (status.conditions) delete status.active;
    const clean = JSON.parse(JSON.stringify(status));
    const fresh = store.get(R.jobs, namespace, name);
    if (fresh && stableStringify(fresh.status ?? {}) !== stableStringify(clean)) store.update(R.jobs, { ...fresh, status: clean }, { checkResourceVersion: false });
  });
  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.jobs) && e.type === "ADDED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.jobs) && e.type === "MODIFIED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.pods)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "Job") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        }
      });
      for (const j of store.list(R.jobs)) queue.add(keyOf(j));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
