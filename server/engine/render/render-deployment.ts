import type { Deployment, DeploymentStrategy } from "kubernetes-types/apps/v1";
import type { Container, EnvVar, PodSpec, ResourceRequirements } from "kubernetes-types/core/v1";
import { isSingleAttach, type AppSpec } from "@/lib/schemas/app";
import { namespaceName, pvcName, secretName, workloadName } from "@/server/engine/names";
import {
  ANNOTATION_FILES_CHECKSUM,
  ANNOTATION_RESTARTED_AT,
  ANNOTATION_SECRET_CHECKSUM,
  ANNOTATION_SPEC,
  ANNOTATION_SPEC_VERSION,
  appLabels,
  selectorLabels,
} from "@/server/engine/render/labels";
import { fileVolumes, filesChecksum } from "@/server/engine/render/render-files";
import { probesOf } from "@/server/engine/render/render-probes";
import { pullSecretsFor } from "@/server/engine/render/render-registry-secret";
import { linkAnnotations, linkEnv } from "@/server/engine/databases/render-links";
import { secretChecksum } from "@/server/engine/render/render-secret";
import { containerSecurityContextOf, podSecurityContextOf } from "@/server/engine/render/render-security-context";
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

/**
 * Link variables come first: the kubelet expands `$(VAR)` only from entries earlier in the list,
 * so an app (or a template) can compose an image's own names from them, e.g.
 * `database__connection__host: $(DATABASE_HOST)`, without copying a credential.
 */
function envOf(app: AppSpec): EnvVar[] {
  const plain: EnvVar[] = app.env.map(({ name, value }) => ({ name, value }));
  const secret: EnvVar[] = app.secretEnv.map(({ name }) => ({
    name,
    valueFrom: { secretKeyRef: { name: secretName(app.name), key: name } },
  }));
  return [...linkEnv(app.links), ...plain, ...secret];
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
 * `FallbackToLogsOnError`: when the process exits with an error and wrote no termination message,
 * the kubelet keeps the tail of its log in the container's terminated state, so the status can
 * quote the last line (a permission error, a missing setting) without reading the logs.
 * https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/#customizing-the-termination-message
 */
function volumeMountsOf(app: AppSpec): Pick<Container, "volumeMounts"> {
  const mounts = [...app.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })), ...fileVolumes(app).volumeMounts];
  return mounts.length > 0 ? { volumeMounts: mounts } : {};
}

function podVolumesOf(app: AppSpec): Pick<PodSpec, "volumes"> {
  const volumes = [
    ...app.volumes.map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: pvcName(app.name, v.name) } })),
    ...fileVolumes(app).volumes,
  ];
  return volumes.length > 0 ? { volumes } : {};
}

function containerOf(app: AppSpec): Container {
  const env = envOf(app);
  const resources = resourcesOf(app);
  const ports = servedPorts(app);
  const securityContext = containerSecurityContextOf(app);
  return {
    name: app.name,
    image: app.image,
    ...(app.command.length > 0 ? { command: app.command } : {}),
    ...(app.args.length > 0 ? { args: app.args } : {}),
    ...(ports.length > 0 ? { ports: ports.map(({ name, port }) => ({ name, containerPort: port, protocol: "TCP" })) } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(resources ? { resources } : {}),
    ...probesOf(app),
    ...(securityContext ? { securityContext } : {}),
    terminationMessagePolicy: "FallbackToLogsOnError",
    ...volumeMountsOf(app),
  };
}

/**
 * The app's Deployment. Its `berth.dev/spec` annotation holds the spec without secret values
 * (see spec-annotation.ts). The pod template carries `berth.dev/restartedAt` (from the options,
 * never the clock) and checksums of the secret values and of the config files, so a change of
 * either rolls the pods. An image on a registry the project has a login for gets that login's
 * Secret as imagePullSecret.
 *
 * Pods get no service-account token and no Service env links: apps Berth runs do not talk to the
 * Kubernetes API, and the legacy `<SVC>_PORT` variables collide with apps' own settings.
 */
export function renderDeployment(app: AppSpec, project: RenderProject, options: RenderOptions = {}): Deployment {
  const labels = appLabels(project.name, app.name);
  const checksum = secretChecksum(app);
  const podSecurityContext = podSecurityContextOf(app);
  const files = filesChecksum(app);
  const pullSecrets = pullSecretsFor(app.image, project.registries ?? []);
  const podAnnotations: Record<string, string> = {
    ...(options.restartedAt ? { [ANNOTATION_RESTARTED_AT]: options.restartedAt } : {}),
    ...(checksum ? { [ANNOTATION_SECRET_CHECKSUM]: checksum } : {}),
    ...(files ? { [ANNOTATION_FILES_CHECKSUM]: files } : {}),
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
          ...(podSecurityContext ? { securityContext: podSecurityContext } : {}),
          containers: [containerOf(app)],
          ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets } : {}),
          ...podVolumesOf(app),
        },
      },
    },
  };
}
