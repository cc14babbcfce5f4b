/**
 * How a database tool in a pod reaches its server, as cluster DNS and kube-proxy would route it:
 * `--host` names a Service (`pg`, `pg.ns`, `pg.ns.svc`, `pg.ns.svc.cluster.local`), a
 * StatefulSet pod under its headless Service (`pg-0.pg-headless`), a pod IP or ClusterIP, or the
 * pod itself (`localhost`, `127.0.0.1`). A name that resolves to no ready pod serving the engine
 * is a refused connection; a name nothing answers to is a resolution failure.
 */
import type { KubeObject } from "@/server/sim/contract";
import { engineOf, type Engine } from "@/server/sim/controllers/image-binaries";
import { isPodReady } from "@/server/sim/controllers/replicaset-controller";
import { R } from "@/server/sim/controllers/resources";
import type { Host } from "@/server/sim/shell/process";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Connection =
  | { kind: "unknown-host" }
  | { kind: "refused"; ip: string }
  | { kind: "connected"; ip: string; pod: KubeObject; container: Obj };

const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** The container of `pod` running one of `engines`, when the pod is ready. */
function serving(pod: KubeObject | undefined, engines: Engine[]): Obj | undefined {
  if (!pod || pod.metadata.deletionTimestamp || !isPodReady(pod)) return undefined;
  return ((pod.spec as Obj).containers as Obj[]).find((c) => engines.includes(engineOf(String(c.image)) as Engine));
}

export function connect(host: Host, name: string, engines: Engine[]): Connection {
  const { store } = host;
  const own = host.namespace ?? "default";
  if (!store) return { kind: "unknown-host" };
  const pods = store.list(R.pods, undefined);
  const podConnection = (pod: KubeObject | undefined, ip: string): Connection => {
    const container = serving(pod, engines);
    return container && pod ? { kind: "connected", ip, pod, container } : { kind: "refused", ip };
  };
  if (name === "localhost" || name === "127.0.0.1" || name === "::1") {
    return podConnection(store.get(R.pods, own, host.hostname), name === "localhost" ? "127.0.0.1" : name);
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    const pod = pods.find((p) => (p.status as Obj | undefined)?.podIP === name);
    if (pod) return podConnection(pod, name);
    const svc = store.list(R.services, undefined).find((s) => (s.spec as Obj).clusterIP === name);
    return svc ? serviceConnection(svc) : { kind: "refused", ip: name };
  }
  const labels = name.replace(/\.$/, "").replace(/\.svc(\.cluster\.local)?$/, "").split(".");
  function serviceConnection(svc: KubeObject): Connection {
    const spec = svc.spec as Obj;
    const selected = store!.list(R.pods, svc.metadata.namespace).filter((p) => spec.selector && matches(spec.selector, p.metadata.labels));
    const ready = selected.find((p) => serving(p, engines));
    if (spec.clusterIP === "None") {
      // A headless name resolves to its ready pods' IPs only: with none, there is no such host.
      return ready ? podConnection(ready, (ready.status as Obj).podIP) : { kind: "unknown-host" };
    }
    return ready ? podConnection(ready, spec.clusterIP) : { kind: "refused", ip: spec.clusterIP };
  }
  // <svc>[.<ns>]
  if (labels.length <= 2) {
    const svc = store.get(R.services, labels[1] ?? own, labels[0]);
    if (svc) return serviceConnection(svc);
  }
  // <pod>.<headless svc>[.<ns>]
  if (labels.length === 2 || labels.length === 3) {
    const ns = labels[2] ?? own;
    const svc = store.get(R.services, ns, labels[1]);
    const pod = store.get(R.pods, ns, labels[0]);
    if (svc && pod && (pod.spec as Obj).subdomain === labels[1]) return podConnection(pod, (pod.status as Obj | undefined)?.podIP ?? "");
  }
  return { kind: "unknown-host" };
}
