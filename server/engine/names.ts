/**
 * Names of the objects Berth derives from a project and an app. Every name stays within the
 * Kubernetes limit of its kind (63 for labels and RFC 1123 labels, 253 for subdomains); a name
 * that would be longer is cut and given a hash of the full name, so two different long names
 * never truncate to the same result.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 *
 * Pure and isomorphic (no node:crypto): the UI may show the names Berth will create.
 */

/** FNV-1a (32-bit) of `text` as 8 hex digits. Not a security hash: only a collision breaker. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * `full` when it fits in `max` characters; otherwise its head (trailing '-' and '.' removed so
 * the result stays a valid RFC 1123 name) plus '-' and {@link shortHash} of `full`.
 */
export function boundedName(full: string, max = 63): string {
  if (full.length <= max) return full;
  const head = full.slice(0, max - 9).replace(/[-.]+$/, "");
  return `${head}-${shortHash(full)}`;
}

/** The Namespace of a project: its own name (project names are refused for `kube-*`, `default`, `berth`). */
export function namespaceName(project: string): string {
  return project;
}

/** Deployment, Service and Ingress of an app share the app's name (≤ 30 characters by schema). */
export function workloadName(app: string): string {
  return app;
}

/** The Secret holding an app's secret env values. */
export function secretName(app: string): string {
  return boundedName(`${app}-env`);
}

/** The ConfigMap holding an app's plain config files. */
export function filesConfigMapName(app: string): string {
  return boundedName(`${app}-files`);
}

/** The Secret holding an app's secret config files (apart from `<app>-env`, which env reads key by key). */
export function secretFilesName(app: string): string {
  return boundedName(`${app}-secret-files`);
}

/**
 * The PVC of one of an app's volumes. Kept ≤ 63 (not 253) so it can also appear in label values
 * and event messages untruncated.
 *
 * Two apps of one project can derive the same PVC name (app "a-b" volume "c", app "a" volume
 * "b-c"); {@link pvcNameConflicts} finds that before saving.
 */
export function pvcName(app: string, volume: string): string {
  return boundedName(`${app}-${volume}`);
}

/** The `app.kubernetes.io/instance` label value: `<project>-<app>`, ≤ 63. */
export function instanceName(project: string, app: string): string {
  return boundedName(`${project}-${app}`);
}

/** A named Service/container port for a port that is not the app's main port ("http"). */
export function extraPortName(port: number): string {
  return `port-${port}`;
}

/**
 * The PVC names of `app` that another app of the same project already derives, as sentences
 * for a 409. `others` are the project's other apps (by name, with their volume names).
 */
export function pvcNameConflicts(
  app: { name: string; volumes: Array<{ name: string }> },
  others: Array<{ name: string; volumes: Array<{ name: string }> }>,
): string[] {
  const taken = new Map<string, string>();
  for (const other of others) {
    if (other.name === app.name) continue;
    for (const volume of other.volumes) taken.set(pvcName(other.name, volume.name), `app "${other.name}" volume "${volume.name}"`);
  }
  return app.volumes.flatMap((volume) => {
    const name = pvcName(app.name, volume.name);
    const owner = taken.get(name);
    return owner ? [`volume "${volume.name}" would create the PVC "${name}", which ${owner} already uses — rename the volume`] : [];
  });
}

/**
 * The `kubernetes.io/dockerconfigjson` Secret of a project's registry login: `registry-<host>`
 * with a port's ':' as '-' (a Secret name is an RFC 1123 subdomain, so the host's dots stay).
 * App-derived names have no dots and end in their own suffixes, so they never collide with it.
 */
export function registrySecretName(server: string): string {
  return boundedName(`registry-${server.replace(":", "-")}`, 253);
}

/**
 * The CronJob of one of an app's scheduled tasks. Not bounded: the task schema keeps
 * `<app>-<task>` within the CronJob limit of 52, and a hashed name would hide which task it is.
 * Two apps of one project can derive the same name (app "a-b" task "c", app "a" task "b-c").
 */
export function cronJobName(app: string, task: string): string {
  return `${app}-${task}`;
}
