import type { Ingress, IngressRule, IngressTLS } from "kubernetes-types/networking/v1";
import type { AppSpec } from "@/lib/schemas/app";
import { namespaceName, workloadName } from "@/server/engine/names";
import { appLabels } from "@/server/engine/render/labels";
import type { RenderOptions, RenderProject } from "@/server/engine/render/types";

/**
 * One Ingress per app holding all its hostnames (one rule per host, one Prefix path per
 * hostname entry), or undefined when the app has none — pruning then removes a former Ingress.
 * TLS entries only for hostnames that name a certificate Secret; otherwise TLS is the user's
 * gateway's job. `ingressClassName` is left out unless given, so the cluster's default class
 * (Traefik on k3s) serves it.
 * https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export function renderIngress(app: AppSpec, project: RenderProject, options: RenderOptions = {}): Ingress | undefined {
  if (app.hostnames.length === 0) return undefined;
  const service = workloadName(app.name);
  const rules: IngressRule[] = [];
  const tls: IngressTLS[] = [];
  for (const hostname of app.hostnames) {
    let rule = rules.find((r) => r.host === hostname.host);
    if (!rule) {
      rule = { host: hostname.host, http: { paths: [] } };
      rules.push(rule);
    }
    rule.http!.paths.push({
      path: hostname.path,
      pathType: "Prefix",
      // The schema refuses hostnames on a worker, so an app with hostnames has a port.
      backend: { service: { name: service, port: { number: (hostname.port ?? app.port)! } } },
    });
    if (hostname.tlsSecretName) {
      let entry = tls.find((t) => t.secretName === hostname.tlsSecretName);
      if (!entry) {
        entry = { hosts: [], secretName: hostname.tlsSecretName };
        tls.push(entry);
      }
      if (!entry.hosts!.includes(hostname.host)) entry.hosts!.push(hostname.host);
    }
  }
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: workloadName(app.name), namespace: namespaceName(project.name), labels: appLabels(project.name, app.name) },
    spec: {
      ...(options.ingressClassName ? { ingressClassName: options.ingressClassName } : {}),
      rules,
      ...(tls.length > 0 ? { tls } : {}),
    },
  };
}
