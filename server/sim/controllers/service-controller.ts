/**
 * Services: the Endpoints object listing ready pods (addresses) and the rest (notReadyAddresses)
 * matching the selector, with target ports resolved by name, as the endpoints controller does.
 * Cluster IPs are the API server's job (http/allocate-cluster-ip.ts), as on a real cluster.
 */
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { stableStringify } from "@/server/sim/controllers/hash";
import { isPodReady } from "@/server/sim/controllers/replicaset-controller";
import { NODE_NAME, R, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function resolvePort(pod: KubeObject, target: unknown): number | undefined {
  if (typeof target === "number") return target;
  for (const c of ((pod.spec as Obj).containers ?? []) as Obj[]) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return /^\d+$/.test(String(target)) ? Number(target) : undefined;
}

export function startServiceController(store: SimStore): SimController {
  const queue = createWorkQueue("service", (key) => {
    const { namespace, name } = splitKey(key);
    const svc = store.get(R.services, namespace, name);
    if (!svc || svc.metadata.deletionTimestamp) return;
    const spec = svc.spec as Obj;
    if (!spec.selector || Object.keys(spec.selector).length === 0) return; // selector-less services own their Endpoints.
    const pods = store.list(R.pods, namespace).filter((p) => matches(spec.selector, p.metadata.labels) && (p.status as Obj | undefined)?.podIP && !["Succeeded", "Failed"].includes((p.status as Obj).phase));
    const address = (p: KubeObject) => ({ ip: (p.status as Obj).podIP, nodeName: NODE_NAME, targetRef: { kind: "Pod", name: p.metadata.name, namespace, uid: p.metadata.uid } });
    const ready = pods.filter(isPodReady).map(address);
    const notReady = pods.filter((p) => !isPodReady(p)).map(address);
    const ports = ((spec.ports ?? []) as Obj[]).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: pods[0] ? resolvePort(pods[0], p.targetPort ?? p.port) ?? p.port : typeof p.targetPort === "number" ? p.targetPort : p.port, protocol: p.protocol ?? "TCP" }));
    const subsets = pods.length === 0 ? undefined : [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }];
    const existing = store.get(R.endpoints, namespace, name);
    const desired: KubeObject = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { ...(existing?.metadata ?? { name, namespace }), labels: { ...(svc.metadata.labels ?? {}), "endpoints.kubernetes.io/managed-by": "endpoint-controller" } },
      ...(subsets ? { subsets } : {}),
    };
    if (!existing) store.create(R.endpoints, desired);
    else if (stableStringify({ ...desired, metadata: desired.metadata.labels }) !== stableStringify({ ...existing, metadata: existing.metadata.labels })) store.update(R.endpoints, desired, { checkResourceVersion: false });
  });

  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.services) && e.type !== "DELETED") queue.add(keyOf(e.object));
        else if (sameRef(e.resource, R.pods)) {
          for (const s of store.list(R.services, e.object.metadata.namespace)) {
            const sel = (s.spec as Obj).selector;
            if (sel && matches(sel, e.object.metadata.labels)) queue.add(keyOf(s));
          }
        }
      });
      for (const s of store.list(R.services)) queue.add(keyOf(s));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
