/**
 * A StatefulSet pod's stable identity and storage (stateful_set_utils.go): the pod `<sts>-<N>`
 * with hostname `<sts>-<N>` and subdomain `serviceName`, labelled with its name, its index and
 * its revision, and one claim per volumeClaimTemplate named `<claim>-<sts>-<N>`, labelled from
 * the template plus the selector's matchLabels, mounted in place of any volume of that name.
 */
import type { KubeObject } from "@/server/sim/contract";
import { REVISION_LABEL } from "@/server/sim/controllers/statefulset-status";
import { clone, controllerRef } from "@/server/sim/controllers/resources";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

export function podName(sts: KubeObject, ordinal: number): string {
  return `${sts.metadata.name}-${ordinal}`;
}

/** The ordinal in `<sts>-<N>`, or undefined when the name is not one of this set's. */
export function ordinalOf(sts: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${sts.metadata.name}-`;
  const rest = pod.metadata.name.startsWith(prefix) ? pod.metadata.name.slice(prefix.length) : "";
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export function claimTemplates(sts: KubeObject): Obj[] {
  return ((sts.spec as Obj).volumeClaimTemplates ?? []) as Obj[];
}

export function claimName(sts: KubeObject, template: Obj, ordinal: number): string {
  return `${template.metadata?.name}-${sts.metadata.name}-${ordinal}`;
}

/** The claims pod `ordinal` mounts, as they are created when missing. */
export function claimsFor(sts: KubeObject, ordinal: number): KubeObject[] {
  const matchLabels = ((sts.spec as Obj).selector?.matchLabels ?? {}) as Record<string, string>;
  return claimTemplates(sts).map((template) => {
    const claim = clone(template);
    return applyDefaults({
      ...claim,
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { ...claim.metadata, creationTimestamp: undefined, name: claimName(sts, template, ordinal), namespace: sts.metadata.namespace, labels: { ...(claim.metadata?.labels ?? {}), ...matchLabels } },
      status: { phase: "Pending" },
    });
  });
}

/** A new pod for `ordinal` from `template` (the current or the update revision's), owned by the set. */
export function statefulPod(sts: KubeObject, template: Obj, revision: string, ordinal: number): KubeObject {
  const name = podName(sts, ordinal);
  const spec = clone(template.spec ?? {}) as Obj;
  const serviceName = (sts.spec as Obj).serviceName as string | undefined;
  const claimVolumes = claimTemplates(sts).map((t) => ({ name: t.metadata?.name, persistentVolumeClaim: { claimName: claimName(sts, t, ordinal) } }));
  const names = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...((spec.volumes ?? []) as Obj[]).filter((v) => !names.has(v.name)), ...claimVolumes];
  if (spec.volumes.length === 0) delete spec.volumes;
  spec.hostname = name;
  if (serviceName) spec.subdomain = serviceName;
  if (!spec.serviceAccountName) Object.assign(spec, { serviceAccountName: "default", serviceAccount: "default" });
  return applyDefaults({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${sts.metadata.name}-`,
      namespace: sts.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ...(template.metadata?.annotations ? { annotations: clone(template.metadata.annotations) } : {}),
      ownerReferences: [controllerRef(sts)],
    },
    spec,
  });
}
