/**
 * A container's file system as the kubelet sets it up: the image's root (a few files the sim's
 * userland shows: /etc/hostname, /etc/os-release, …), an empty termination-message file at
 * `terminationMessagePath`, and every volumeMount: a claim's PersistentVolume, the pod's
 * emptyDir, a ConfigMap or Secret projected read-only, a `subPath` created in its volume when
 * missing (kubelet/volumemanager does so, with the volume's permissions).
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";
import { ContainerFs, normalisePath, splitPath, type Mount } from "@/server/sim/fs/container-fs";
import { volumesOf } from "@/server/sim/fs/volume-registry";
import { VolumeFs } from "@/server/sim/fs/volume-fs";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

const ROOT_DIRS = ["bin", "dev", "etc", "home", "lib", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr/bin", "usr/lib", "usr/local/bin", "usr/sbin", "usr/share", "var/lib", "var/log", "var/run"];

function imageFiles(image: string, hostname: string): Record<string, string> {
  const files: Record<string, string> = {
    "/etc/hostname": `${hostname}\n`,
    "/etc/hosts": `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n`,
    "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\n",
    "/etc/resolv.conf": "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.43.0.10\noptions ndots:5\n",
  };
  if (!/(^|\/)(busybox)(:|$)/.test(image)) {
    files["/etc/os-release"] = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n';
  }
  if (/(^|\/)nginx(:|$)/.test(image)) {
    files["/proc/1/cmdline"] = "nginx: master process nginx -g daemon off;";
    files["/usr/share/nginx/html/index.html"] = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n</html>\n";
    files["/usr/share/nginx/html/50x.html"] = "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n</html>\n";
  }
  return files;
}

/** A container's root as its image ships it, for a process the sim runs outside any pod (tests, a probe without a store). */
export function imageRoot(image: string, hostname: string): VolumeFs {
  const fs = new VolumeFs();
  seedRoot(image, hostname, DEFAULT_TERMINATION_MESSAGE_PATH)(fs);
  return fs;
}

function seedRoot(image: string, hostname: string, terminationPath: string): (fs: VolumeFs) => void {
  return (fs) => {
    for (const dir of ROOT_DIRS) fs.mkdirp(splitPath(dir));
    for (const [path, text] of Object.entries(imageFiles(image, hostname))) {
      fs.mkdirp(splitPath(path).slice(0, -1));
      fs.writeFile(splitPath(path), Buffer.from(text));
    }
    const term = splitPath(normalisePath(terminationPath));
    fs.mkdirp(term.slice(0, -1));
    fs.writeFile(term, Buffer.alloc(0));
  };
}

/** A ConfigMap's or Secret's keys as files (an `items` list picks and renames them). */
function projected(store: SimStore, namespace: string | undefined, source: Obj, isSecret: boolean): VolumeFs {
  const fs = new VolumeFs();
  const obj = store.get(isSecret ? { group: "", version: "v1", plural: "secrets" } : R.configmaps, namespace, isSecret ? source.secretName : source.name) as Obj | undefined;
  const data: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries((obj?.data ?? {}) as Record<string, string>)) data[k] = isSecret ? Buffer.from(v, "base64") : Buffer.from(v);
  for (const [k, v] of Object.entries((obj?.binaryData ?? {}) as Record<string, string>)) data[k] = Buffer.from(v, "base64");
  const items = (source.items ?? Object.keys(data).map((key) => ({ key, path: key }))) as Obj[];
  for (const item of items) {
    if (!data[item.key]) continue;
    const segs = splitPath(item.path);
    fs.mkdirp(segs.slice(0, -1));
    fs.writeFile(segs, data[item.key]);
  }
  return fs;
}

function volumeFs(store: SimStore, pod: KubeObject, volume: Obj): VolumeFs {
  const registry = volumesOf(store);
  const ns = pod.metadata.namespace;
  const claimName = volume.persistentVolumeClaim?.claimName;
  if (claimName) {
    const pvc = store.get(R.pvcs, ns, claimName) as Obj | undefined;
    return registry.persistent(pvc?.spec?.volumeName ?? `unbound/${ns}/${claimName}`);
  }
  if (volume.configMap) return projected(store, ns, volume.configMap, false);
  if (volume.secret) return projected(store, ns, volume.secret, true);
  // emptyDir, and every source the sim does not model (hostPath, nfs, …) as scratch space for the pod.
  return registry.emptyDir(pod.metadata.uid ?? pod.metadata.name, volume.name);
}

/** Every container of the pod, init containers included, by name. */
export function containerSpecOf(pod: KubeObject, name: string): Obj | undefined {
  const spec = pod.spec as Obj;
  return [...((spec.initContainers ?? []) as Obj[]), ...((spec.containers ?? []) as Obj[])].find((c) => c.name === name);
}

/**
 * The file system `container` sees. `fresh` gives it a new writable root (the container starts
 * again from its image); otherwise an exec or probe sees what the running container wrote.
 */
export function containerFs(store: SimStore, pod: KubeObject, container: Obj, fresh = false): ContainerFs {
  const volumes = new Map(((pod.spec as Obj).volumes ?? []).map((v: Obj) => [v.name, v]) as Array<[string, Obj]>);
  const terminationPath = String(container.terminationMessagePath ?? DEFAULT_TERMINATION_MESSAGE_PATH);
  const root = volumesOf(store).rootOf(pod.metadata.uid ?? pod.metadata.name, container.name, seedRoot(String(container.image ?? ""), pod.metadata.name, terminationPath), fresh);
  const mounts: Mount[] = [];
  for (const m of (container.volumeMounts ?? []) as Obj[]) {
    const volume = volumes.get(m.name);
    if (!volume) continue;
    const fs = volumeFs(store, pod, volume);
    const base = splitPath(String(m.subPath ?? ""));
    const isProjection = Boolean(volume.configMap || volume.secret);
    if (base.length > 0 && !isProjection) fs.mkdirp(base);
    mounts.push({ at: splitPath(normalisePath(String(m.mountPath))), fs, base, readOnly: Boolean(m.readOnly) || isProjection });
  }
  return new ContainerFs(root, mounts);
}
