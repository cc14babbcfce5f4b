import type { Service, ServicePort } from "kubernetes-types/core/v1";
import type { AppSpec } from "@/lib/schemas/app";
import { extraPortName, namespaceName, workloadName } from "@/server/engine/names";
import { appLabels, selectorLabels } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * The ports an app serves: its main port (named "http") first, then every other port a
 * hostname routes to, in the order they first appear. Shared by the Service and the container.
 * None for a worker (an app without a port, which the schema keeps free of hostnames).
 */
export function servedPorts(app: AppSpec): Array<{ name: string; port: number }> {
  if (app.port === undefined) return [];
  const ports = [{ name: "http", port: app.port }];
  for (const hostname of app.hostnames) {
    const port = hostname.port ?? app.port;
    if (!ports.some((p) => p.port === port)) ports.push({ name: extraPortName(port), port });
  }
  return ports;
}

/**
 * The app's ClusterIP Service, selecting its pods by the stable labels only; undefined for a
 * worker, so pruning removes the Service of an app whose port was removed.
 */
export function renderService(app: AppSpec, project: RenderProject): Service | undefined {
  if (app.port === undefined) return undefined;
  const ports: ServicePort[] = servedPorts(app).map(({ name, port }) => ({ name, port, targetPort: port, protocol: "TCP" }));
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: workloadName(app.name), namespace: namespaceName(project.name), labels: appLabels(project.name, app.name) },
    spec: { type: "ClusterIP", selector: selectorLabels(project.name, app.name), ports },
  };
}
