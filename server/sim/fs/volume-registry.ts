/**
 * Where a simulated cluster keeps its volumes' files, one registry per store (so every sim and
 * every test store has its own): a PersistentVolume's files live as long as the PV (local-path
 * deletes its directory with it), an emptyDir's and a container's writable root as long as
 * their pod. ConfigMap and Secret volumes are built from the object on each mount, read-only as
 * the kubelet projects them.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { R, sameRef } from "@/server/sim/controllers/resources";
import { VolumeFs } from "@/server/sim/fs/volume-fs";

export class VolumeRegistry {
  private readonly volumes = new Map<string, VolumeFs>();

  private get(key: string, seed?: (fs: VolumeFs) => void): VolumeFs {
    let fs = this.volumes.get(key);
    if (!fs) {
      fs = new VolumeFs();
      seed?.(fs);
      this.volumes.set(key, fs);
    }
    return fs;
  }

  /** The files of a bound PersistentVolume. */
  persistent(pvName: string): VolumeFs {
    return this.get(`pv/${pvName}`);
  }

  emptyDir(podUid: string, volume: string): VolumeFs {
    return this.get(`pod/${podUid}/emptyDir/${volume}`);
  }

  /** A container's writable root for its current start; `fresh` starts it again from the image. */
  rootOf(podUid: string, container: string, seed: (fs: VolumeFs) => void, fresh = false): VolumeFs {
    const key = `pod/${podUid}/root/${container}`;
    if (fresh) this.volumes.delete(key);
    return this.get(key, seed);
  }

  dropPersistent(pvName: string): void {
    this.volumes.delete(`pv/${pvName}`);
  }

  dropPod(podUid: string): void {
    for (const key of [...this.volumes.keys()]) if (key.startsWith(`pod/${podUid}/`)) this.volumes.delete(key);
  }
}

const registries = new WeakMap<SimStore, VolumeRegistry>();

/** The store's volumes; the first call starts forgetting those of deleted PVs and pods. */
export function volumesOf(store: SimStore): VolumeRegistry {
  let registry = registries.get(store);
  if (!registry) {
    const created = new VolumeRegistry();
    registry = created;
    registries.set(store, created);
    store.subscribe((e) => {
      if (e.type !== "DELETED") return;
      if (sameRef(e.resource, R.pvs)) created.dropPersistent(e.object.metadata.name);
      else if (sameRef(e.resource, R.pods)) created.dropPod((e.object as KubeObject).metadata.uid ?? "");
    });
  }
  return registry;
}
