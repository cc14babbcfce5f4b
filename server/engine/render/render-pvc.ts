import type { PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { AppSpec, VolumeSpec } from "@/lib/schemas/app";
import { namespaceName, pvcName } from "@/server/engine/names";
import { appLabels, LABEL_VOLUME } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * The PVC behind one of an app's volumes. `storageClassName` is left out unless set, so the
 * cluster's default StorageClass (local-path on k3s) provisions it; an explicit empty string
 * would ask for no class at all and never bind.
 *
 * The API server refuses changes to a bound PVC's spec except growing `requests.storage`
 * (and only where the class allows expansion): a changed access mode or class needs a new volume.
 * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
 */
export function renderPvc(app: AppSpec, volume: VolumeSpec, project: RenderProject): PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: {
      name: pvcName(app.name, volume.name),
      namespace: namespaceName(project.name),
      labels: { ...appLabels(project.name, app.name), [LABEL_VOLUME]: volume.name },
    },
    spec: {
      accessModes: [volume.accessMode],
      resources: { requests: { storage: volume.size } },
      ...(volume.storageClass ? { storageClassName: volume.storageClass } : {}),
    },
  };
}

/** The PVCs of every volume of the app, in spec order. */
export function renderPvcs(app: AppSpec, project: RenderProject): PersistentVolumeClaim[] {
  return app.volumes.map((volume) => renderPvc(app, volume, project));
}
