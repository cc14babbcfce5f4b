/**
 * What the service-account and root-CA controllers do for every namespace: create the
 * `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap. (Deleting a namespace's
 * contents is done by the store's delete path, so it is not repeated here.)
 */
import type { SimController, SimStore } from "@/server/sim/contract";
import { R, keyOf, sameRef } from "@/server/sim/controllers/resources";
import { createWorkQueue } from "@/server/sim/controllers/work-queue";

const FAKE_CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\ndmVyLWNhQDE3MDAwMDAwMDAwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAwMDAw\nWjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVyLWNhQDE3MDAwMDAwMDA=\n-----END CERTIFICATE-----\n";

export function startNamespaceController(store: SimStore): SimController {
  const queue = createWorkQueue("namespace", (name) => {
    const ns = store.get(R.namespaces, undefined, name);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (!store.get(R.serviceaccounts, name, "default")) store.create(R.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: name } });
    if (!store.get(R.configmaps, name, "kube-root-ca.crt")) {
      store.create(R.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kube-root-ca.crt", namespace: name, annotations: { "kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } }, data: { "ca.crt": FAKE_CA } });
    }
  });
  let unsubscribe: (() => void) | undefined;
  return {
    start() {
      unsubscribe = store.subscribe((e) => {
        if (sameRef(e.resource, R.namespaces) && e.type === "ADDED") queue.add(keyOf(e.object));
        if (sameRef(e.resource, R.serviceaccounts) && e.type === "DELETED" && e.object.metadata.name === "default") queue.add(e.object.metadata.namespace ?? "");
      });
      for (const ns of store.list(R.namespaces)) queue.add(ns.metadata.name);
    },
    stop() {
      unsubscribe?.();
      queue.stop();
    },
  };
}
