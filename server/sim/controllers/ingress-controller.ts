/**
 * What Traefik (k3s's ingress controller, via its ServiceLB) does to an Ingress: publishes the
 * node's IP in status.loadBalancer.ingress.
 */
import type { SimController, SimStore } from "@/server/sim/contract";
import { NODE_IP, R, keyOf, sameRef, splitKey } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function startIngressController(store: SimStore): SimController {
  const queue = createWorkQueue("ingress", (key) => {
    const { namespace, name } = splitKey(key);
    const ing = store.get(R.ingresses, namespace, name);
    if (!ing || ing.metadata.deletionTimestamp) return;
    const current = (ing.status as Obj | undefined)?.loadBalancer?.ingress;
    if (current?.length === 1 && current[0].ip === NODE_IP) return;
    store.update(R.ingresses, { ...ing, status: { loadBalancer: { ingress: [{ ip: NODE_IP }] } } }, { checkResourceVersion: false });
  });
  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.ingresses) && e.type !== "DELETED") queue.add(keyOf(e.object));
      });
      for (const i of store.list(R.ingresses)) queue.add(keyOf(i));
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
