/** Shared helpers for the controllers' tests: deployment and StatefulSet factories and a bounded wait. */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";

export function deployment(name: string, image: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return applyDefaults({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } },
      ...extra,
    },
  });
}

/** A StatefulSet of postgres pods with one claim template `data`, its pods probed with pg_isready. */
export function statefulSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return applyDefaults({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "db", image: "postgres:16", readinessProbe: { exec: { command: ["pg_isready"] } } }] } },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      ...extra,
    },
  });
}

/** Polls `check` every 10 ms until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function podsIn(store: SimStore, ns = "default"): KubeObject[] {
  return store.list(R.pods, ns);
}
