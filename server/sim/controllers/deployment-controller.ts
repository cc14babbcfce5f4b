/**
 * The Deployment controller: one ReplicaSet per pod template (`<deploy>-<pod-template-hash>`,
 * revision annotations, controller ownerReference), rolled out with RollingUpdate (maxSurge /
 * maxUnavailable, following rolling.go's scale-up and scale-down arithmetic) or Recreate (old
 * pods gone before the new ReplicaSet scales up); old ReplicaSets are kept at 0 up to
 * revisionHistoryLimit. Availability is counted from ready pods in the store, so it is never stale.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { computeStatus, fenceposts, setCondition, type Counts } from "@/server/sim/controllers/deployment-status";
import { podTemplateHash, stableStringify } from "@/server/sim/controllers/hash";
import { recordEvent } from "@/server/sim/controllers/record-event";
import { isPodReady, podsOf } from "@/server/sim/controllers/replicaset-controller";
import { R, clone, controllerOf, controllerRef, isControlledBy, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REVISION = "deployment.kubernetes.io/revision";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX = "deployment.kubernetes.io/max-replicas";

const specReplicas = (rs: KubeObject) => ((rs.spec as Obj).replicas ?? 0) as number;
const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);

export function startDeploymentController(store: SimStore): SimController {
  const deadlines = new Map<string, number>();
  const queue = createWorkQueue("deployment", (key) => {
    const { namespace, name } = splitKey(key);
    const d = store.get(R.deployments, namespace, name);
    if (d && !d.metadata.deletionTimestamp) sync(d, key);
  });

  function scale(d: KubeObject, rs: KubeObject, to: number): KubeObject {
    const from = specReplicas(rs);
    const { maxSurge } = fenceposts(d);
    const replicas = (d.spec as Obj).replicas ?? 1;
    const next = clone(rs);
    (next.spec as Obj).replicas = to;
    next.metadata.annotations = { ...next.metadata.annotations, [DESIRED]: String(replicas), [MAX]: String(replicas + maxSurge) };
    if (from === to && stableStringify(next.metadata.annotations) === stableStringify(rs.metadata.annotations)) return rs;
    const updated = store.update(R.replicasets, next, { checkResourceVersion: false });
    if (from !== to) recordEvent(store, d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, "deployment-controller");
    return updated;
  }

  function createNewRS(d: KubeObject, hash: string, replicas: number, revision: number): KubeObject {
    const spec = d.spec as Obj;
    const { maxSurge } = fenceposts(d);
    const template = clone(spec.template);
    template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
    const annotations = { ...(d.metadata.annotations ?? {}) };
    delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
    const rs = store.create(R.replicasets, {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(template.metadata.labels as Record<string, string>) },
        annotations: { ...annotations, [DESIRED]: String(spec.replicas ?? 1), [MAX]: String((spec.replicas ?? 1) + maxSurge), [REVISION]: String(revision) },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas,
        minReadySeconds: spec.minReadySeconds,
        selector: { ...clone(spec.selector), matchLabels: { ...(spec.selector?.matchLabels ?? {}), "pod-template-hash": hash } },
        template,
      },
    });
    if (replicas > 0) recordEvent(store, d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, "deployment-controller");
    return rs;
  }

  function sync(d: KubeObject, key: string): void {
    const spec = d.spec as Obj;
    const replicas = spec.replicas ?? 1;
    const owned = () => store.list(R.replicasets, d.metadata.namespace).filter((rs) => isControlledBy(rs, d));
    const hash = podTemplateHash(spec.template, (d.status as Obj | undefined)?.collisionCount);
    let all = owned();
    let newRS = all.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    let conditions: Obj[] = [...(((d.status as Obj | undefined)?.conditions ?? []) as Obj[])];
    const maxRevision = Math.max(0, ...all.filter((rs) => rs !== newRS).map(revisionOf));
    const { maxSurge, maxUnavailable } = fenceposts(d);
    const recreate = spec.strategy?.type === "Recreate";
    // Pods above a ReplicaSet's spec are about to go (not-ready ones first), so they neither
    // count as available nor free surge room until they are gone.
    const available = (rs: KubeObject) => Math.min(specReplicas(rs), podsOf(store, rs).filter(isPodReady).length);
    const footprint = (rs: KubeObject) => Math.max(specReplicas(rs), podsOf(store, rs).length);

    if (!spec.paused) {
      if (!newRS) {
        const others = all.filter((rs) => specReplicas(rs) > 0 || podsOf(store, rs).length > 0);
        let initial = replicas;
        if (recreate) initial = others.length > 0 ? 0 : replicas;
        else if (others.length > 0) initial = Math.max(0, Math.min(replicas, replicas + maxSurge - all.reduce((n, rs) => n + specReplicas(rs), 0)));
        newRS = createNewRS(d, hash, initial, maxRevision + 1);
        if (spec.progressDeadlineSeconds != null) conditions = setCondition(conditions, "Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${newRS.metadata.name}"`);
      } else {
        if (revisionOf(newRS) <= maxRevision) {
          // A rollback to an older template: the reused ReplicaSet becomes the newest revision.
          newRS.metadata.annotations = { ...newRS.metadata.annotations, [REVISION]: String(maxRevision + 1) };
          newRS = store.update(R.replicasets, newRS, { checkResourceVersion: false });
        }
        if (spec.progressDeadlineSeconds != null && !conditions.some((c) => c.type === "Progressing")) {
          conditions = setCondition(conditions, "Progressing", "True", "FoundNewReplicaSet", `Found new replica set "${newRS.metadata.name}"`);
        }
      }
      all = owned();
      const old = all.filter((rs) => rs.metadata.uid !== newRS!.metadata.uid).sort((a, b) => revisionOf(a) - revisionOf(b));
      if (recreate) {
        for (const rs of old) if (specReplicas(rs) > 0) scale(d, rs, 0);
        const oldPods = old.reduce((n, rs) => n + podsOf(store, rs).length, 0);
        if (oldPods === 0) newRS = scale(d, newRS, replicas);
      } else {
        // Scale up the new ReplicaSet within maxSurge (rolling.go NewRSNewReplicas).
        const total = all.reduce((n, rs) => n + footprint(rs), 0);
        let want = specReplicas(newRS);
        if (old.every((rs) => specReplicas(rs) === 0)) want = replicas;
        else if (want > replicas) want = replicas;
        else if (total < replicas + maxSurge) want = Math.min(replicas, want + (replicas + maxSurge - total));
        newRS = scale(d, newRS, want);
        // Scale down old ReplicaSets without going below minAvailable (reconcileOldReplicaSets).
        const minAvailable = replicas - maxUnavailable;
        const allSpec = specReplicas(newRS) + old.reduce((n, rs) => n + specReplicas(rs), 0);
        const newUnavailable = Math.max(0, specReplicas(newRS) - available(newRS));
        const maxScaledDown = allSpec - minAvailable - newUnavailable;
        if (maxScaledDown > 0 && old.some((rs) => specReplicas(rs) > 0)) {
          let scaledDown = 0;
          for (const rs of old) {
            const unhealthy = specReplicas(rs) - available(rs);
            if (scaledDown >= maxScaledDown || specReplicas(rs) === 0 || unhealthy <= 0) continue;
            const n = Math.min(maxScaledDown - scaledDown, unhealthy);
            scale(d, rs, specReplicas(rs) - n);
            scaledDown += n;
          }
          const oldNow = owned().filter((rs) => rs.metadata.uid !== newRS!.metadata.uid).sort((a, b) => revisionOf(a) - revisionOf(b));
          const availableNow = available(newRS) + oldNow.reduce((n, rs) => n + available(rs), 0);
          let budget = availableNow - minAvailable;
          for (const rs of oldNow) {
            if (budget <= 0) break;
            if (specReplicas(rs) === 0) continue;
            const n = Math.min(specReplicas(rs), budget);
            scale(d, rs, specReplicas(rs) - n);
            budget -= n;
          }
        }
      }
      cleanupHistory(d);
    }

    all = owned();
    const pods = (rs: KubeObject) => podsOf(store, rs);
    const counts: Counts = { replicas: 0, updated: 0, ready: 0, available: 0, totalSpec: 0, oldReplicas: 0 };
    for (const rs of all) {
      const ps = pods(rs);
      const ready = ps.filter(isPodReady).length;
      counts.replicas += ps.length;
      counts.ready += ready;
      counts.available += ready;
      counts.totalSpec += specReplicas(rs);
      if (newRS && rs.metadata.uid === newRS.metadata.uid) counts.updated = ps.length;
      else counts.oldReplicas += ps.length;
    }
    const fresh = store.get(R.deployments, d.metadata.namespace, d.metadata.name);
    if (!fresh) return;
    const status = computeStatus({ ...fresh, status: { ...(fresh.status as Obj), conditions } }, counts, newRS?.metadata.name, simClock.now());
    const next = clone(fresh);
    next.status = status;
    if (newRS) {
      const current = all.find((rs) => rs.metadata.uid === newRS!.metadata.uid) ?? newRS;
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: String(revisionOf(current)) };
    }
    if (stableStringify(next.status) !== stableStringify(fresh.status) || stableStringify(next.metadata.annotations) !== stableStringify(fresh.metadata.annotations)) {
      store.update(R.deployments, next, { checkResourceVersion: false });
    }
    const progressing = (status.conditions as Obj[]).find((c) => c.type === "Progressing");
    if (progressing?.status === "True" && progressing.reason !== "NewReplicaSetAvailable" && spec.progressDeadlineSeconds != null) {
      const at = Date.parse(progressing.lastUpdateTime) + spec.progressDeadlineSeconds * 1000 + 1100;
      if (deadlines.get(key) !== at) {
        deadlines.set(key, at);
        queue.after(key, at - simClock.now());
      }
    }
  }

  function cleanupHistory(d: KubeObject): void {
    const limit = (d.spec as Obj).revisionHistoryLimit ?? 10;
    const hash = podTemplateHash((d.spec as Obj).template, (d.status as Obj | undefined)?.collisionCount);
    const idle = store
      .list(R.replicasets, d.metadata.namespace)
      .filter((rs) => isControlledBy(rs, d) && rs.metadata.labels?.["pod-template-hash"] !== hash && specReplicas(rs) === 0 && podsOf(store, rs).length === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) store.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name);
  }

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.deployments) && e.type !== "DELETED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.replicasets)) {
          const owner = controllerOf(e.object);
          if (owner?.kind === "Deployment") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        } else if (sameRef(e.resource, R.pods)) {
          const rsRef = controllerOf(e.object);
          if (rsRef?.kind !== "ReplicaSet") return;
          const owner = controllerOf(store.get(R.replicasets, e.object.metadata.namespace, rsRef.name) ?? e.object);
          if (owner?.kind === "Deployment") queue.add(`${e.object.metadata.namespace}/${owner.name}`);
        }
      });
      for (const d of store.list(R.deployments)) queue.add(keyOf(d));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
