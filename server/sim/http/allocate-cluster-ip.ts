/**
 * Cluster IPs for Services, handed out on write as kube-apiserver's service registry does, from
 * k3s's 10.43.0.0/16 service range and unique among the stored Services. The only component of
 * the simulation that picks one (the service controller never does), so the create response
 * already carries the IP, as on a real cluster. An update that omits the IP keeps the allocated one,
 * as the real server patches allocated values back.
 * https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/
 */
import { SimError, type KubeObject, type SimStore } from "@/server/sim/contract";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SERVICES = { group: "", version: "v1", plural: "services" };
/** 10.43.0.1 is the `kubernetes` Service's; the first few addresses stay free as k3s leaves them. */
const FIRST = 10;
const LAST = 250 * 256;

/** Sets spec.clusterIP and spec.clusterIPs on a Service that needs one and has none. */
export function allocateClusterIp(store: SimStore, obj: KubeObject, old?: KubeObject): void {
  if (obj.kind !== "Service") return;
  const spec = obj.spec as Obj | undefined;
  if (!spec || spec.type === "ExternalName" || spec.clusterIP === "None") return;
  if (!spec.clusterIP) {
    const previous = (old?.spec as Obj | undefined)?.clusterIP;
    spec.clusterIP = previous || freeIp(store);
  }
  if (!spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
}

function freeIp(store: SimStore): string {
  const used = new Set(store.list(SERVICES).map((s) => (s.spec as Obj | undefined)?.clusterIP));
  for (let n = FIRST; n < LAST; n++) {
    const ip = `10.43.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    if (!used.has(ip)) return ip;
  }
  throw new SimError(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
}
