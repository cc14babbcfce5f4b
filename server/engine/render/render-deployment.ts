import type { Deployment, DeploymentStrategy } from "kubernetes-types/apps/v1";
import type { Container, EnvVar, Probe, ResourceRequirements } from "kubernetes-types/core/v1";
import { isSingleAttach, type AppSpec } from "@/lib/schemas/app";
import { namespaceName, pvcName, secretName, workloadName } from "@/server/engine/names";
import {
  ANNOTATION_RESTARTED_AT,
  ANNOTATION_SECRET_CHECKSUM,
  ANNOTATION_SPEC,
  ANNOTATION_SPEC_VERSION,
  appLabels,
  selectorLabels,
} from "@/server/engine/render/labels";
import { linkAnnotations, linkEnv } from "@/server/engine/databases/render-links";
import { secretChecksum } from "@/server/engine/render/render-secret";
import { servedPorts } from "@/server/engine/render/render-service";
import { encodeSpecAnnotation, SPEC_ANNOTATION_VERSION } from "@/server/engine/render/spec-annotation";
import { DEFAULT_PROGRESS_DEADLINE_SECONDS, type RenderOptions, type RenderProject } from "@/server/engine/render/types";

/**
 * Recreate when any volume attaches to one pod at a time: a rolling update starts the new pod
 * before stopping the old one, and the new pod would wait for the volume forever
 * (Multi-Attach error). Otherwise a rolling update that never drops below the desired count.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */
export function deploymentStrategy(app: AppSpec): DeploymentStrategy {
  if (app.volumes.some((v) => isSingleAttach(v.accessMode))) return { type: "Recreate" };
  return { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } };
}

function envOf(app: AppSpec): EnvVar[] {
  const plain: EnvVar[] = app.env.map(({ name, value }) => ({ name, value }));
  const secret: EnvVar[] = app.secretEnv.map(({ name }) => ({
    name,
    valueFrom: { secretKeyRef: { name: secretName(app.name), key: name } },
  }));
  return [...plain, ...secret, ...linkEnv(app.links)];
}

function resourcesOf(app: AppSpec): ResourceRequirements | undefined {
  const { requests, limits } = app.resources ?? {};
  const clean = (r?: { cpu?: string; memory?: string }) =>
    r && (r.cpu || r.memory) ? { ...(r.cpu ? { cpu: r.cpu } : {}), ...(r.memory ? { memory: r.memory } : {}) } : undefined;
  const out: ResourceRequirements = {};
  if (clean(requests)) out.requests = clean(requests);
  if (clean(limits)) out.limits = clean(limits);
  return out.requests || out.limits ? out : undefined;
}

/**
 * Readiness gates traffic quickly; liveness is slower to give up (a minute of failures) so a
 * slow start or a busy moment does not become a restart loop.
 */
function probesOf(app: AppSpec): Pick<Container, "readinessProbe" | "livenessProbe"> {
  if (!app.healthCheck) return {};
  const httpGet = { path: app.healthCheck.path, port: app.healthCheck.port ?? app.port, scheme: "HTTP" };
  const readinessProbe: Probe = { httpGet, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 };
  const livenessProbe: Probe = { httpGet, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 };
  return { readinessProbe, livenessProbe };
}

function containerOf(app: AppSpec): Container {
  const env = envOf(app);
  const resources = resourcesOf(app);
  return {
    name: app.name,
    image: app.image,
    ...(app.command.length > 0 ? { command: app.command } : {}),
    ...(app.args.length > 0 ? { args: app.args } : {}),
    ports: servedPorts(app).map(({ name, port }) => ({ name, containerPort: port, protocol: "TCP" })),
    ...(env.length > 0 ? { env } : {}),
    ...(resources ? { resources } : {}),
    ...probesOf(app),
    ...(app.volumes.length > 0 ? { volumeMounts: app.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })) } : {}),
  };
}

/**
 * The app's Deployment. Its `berth.dev/spec` annotation holds the spec without secret values
 * (see spec-annotation.ts). The pod template carries `berth.dev/restartedAt` (from the options,
 * never the clock) and a checksum of the secret values so a secret change rolls the pods.
 *
 * Pods get no service-account token and no Service env links: apps Berth runs do not talk to the
 * Kubernetes API, and the legacy `<SVC>_PORT` variables collide with apps' own settings.
 */
export function renderDeployment(app: AppSpec, project: RenderProject, options: RenderOptions = {}): Deployment {
  const labels = appLabels(project.name, app.name);
  const checksum = secretChecksum(app);
  const podAnnotations: Record<string, string> = {
    ...(options.restartedAt ? { [ANNOTATION_RESTARTED_AT]: options.restartedAt } : {}),
    ...(checksum ? { [ANNOTATION_SECRET_CHECKSUM]: checksum } : {}),
    ...linkAnnotations(options.linksChecksum),
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: workloadName(app.name),
      namespace: namespaceName(project.name),
      labels,
      annotations: { [ANNOTATION_SPEC]: encodeSpecAnnotation(app), [ANNOTATION_SPEC_VERSION]: SPEC_ANNOTATION_VERSION },
    },
    spec: {
      replicas: app.replicas,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: options.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
      selector: { matchLabels: selectorLabels(project.name, app.name) },
      strategy: deploymentStrategy(app),
      template: {
        metadata: { labels, ...(Object.keys(podAnnotations).length > 0 ? { annotations: podAnnotations } : {}) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          containers: [containerOf(app)],
          ...(app.volumes.length > 0
            ? { volumes: app.volumes.map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: pvcName(app.name, v.name) } })) }
            : {}),
        },
      },
    },
  };
}
