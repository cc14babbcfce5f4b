import { appSpecSchema } from "@/lib/schemas/app";
import { renderApp } from "@/server/engine/render/render-app";
import type { KubeObject } from "@/server/kube/kube-object";

export const APP_COUNT = 100;
export const PROJECT_COUNT = 10;

/**
 * The bench's 100 apps, each with a secret env var (Secret), a volume (PVC), a Deployment, a
 * Service and a hostname (Ingress), spread over 10 projects whose names start with `prefix` —
 * each contender gets its own prefix, so all three create the same objects from scratch.
 * Returned per app, objects in apply order, Namespace first.
 */
export function renderBenchApps(prefix: string): KubeObject[][] {
  return Array.from({ length: APP_COUNT }, (_, i) => {
    const project = `${prefix}-p${i % PROJECT_COUNT}`;
    const spec = appSpecSchema.parse({
      name: `app-${String(i).padStart(3, "0")}`,
      image: `ghcr.io/acme/service-${i}:1.${i}`,
      port: 8080,
      env: [{ name: "LOG_LEVEL", value: "info" }],
      secretEnv: [{ name: "DATABASE_URL", value: `postgres://app${i}:secret@db:5432/app${i}` }],
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      healthCheck: { path: "/healthz" },
      hostnames: [{ host: `app-${i}.${project}.example.com` }],
      volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
    });
    return renderApp(spec, { name: project }) as unknown as KubeObject[];
  });
}

/** Every object once (the Namespace of a project appears in each of its apps), Namespaces first. */
export function uniqueObjects(apps: KubeObject[][]): { namespaces: KubeObject[]; rest: KubeObject[][] } {
  const namespaces = new Map<string, KubeObject>();
  const rest = apps.map((objects) =>
    objects.filter((o) => {
      if (o.kind !== "Namespace") return true;
      namespaces.set(o.metadata.name, o);
      return false;
    }),
  );
  return { namespaces: [...namespaces.values()], rest };
}
