/**
 * The environment a process in a simulated container sees, as the kubelet builds it: the image's
 * PATH and HOME, HOSTNAME, then `envFrom` and `env` in order — plain values with `$(VAR)`
 * references to earlier variables expanded, and values from Secrets, ConfigMaps and the pod's own
 * fields — so `env` in a terminal or an exec probe shows DATABASE_URL from its Secret.
 * https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
 * A reference to a missing Secret, ConfigMap or key is left out (a real kubelet would refuse to
 * start the container with CreateContainerConfigError; the sim does not model that).
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRETS = { group: "", version: "v1", plural: "secrets" };

function sourceData(store: SimStore | undefined, namespace: string | undefined, ref: Obj | undefined, isSecret: boolean): Record<string, string> | undefined {
  if (!store || !ref?.name) return undefined;
  const obj = store.get(isSecret ? SECRETS : R.configmaps, namespace, ref.name) as Obj | undefined;
  if (!obj) return undefined;
  if (!isSecret) return (obj.data ?? {}) as Record<string, string>;
  const decoded = Object.entries((obj.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]);
  return { ...Object.fromEntries(decoded), ...((obj.stringData ?? {}) as Record<string, string>) };
}

function fieldOf(pod: KubeObject, path: string): string | undefined {
  const fields: Record<string, string | undefined> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "metadata.uid": pod.metadata.uid,
    "spec.nodeName": (pod.spec as Obj).nodeName,
    "spec.serviceAccountName": (pod.spec as Obj).serviceAccountName,
    "status.podIP": (pod.status as Obj | undefined)?.podIP,
    "status.hostIP": (pod.status as Obj | undefined)?.hostIP,
  };
  if (path in fields) return fields[path];
  // metadata.labels['batch.kubernetes.io/job-name'], metadata.annotations['…']
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? "";
  return undefined;
}

/** The argv the kubelet starts: command + args with `$(VAR)` expanded from the container's env. */
export function containerArgv(container: Obj, env: Record<string, string>): string[] {
  return [...((container.command ?? []) as string[]), ...((container.args ?? []) as string[])].map((a) => expandReferences(String(a), env));
}

/**
 * `$(VAR)` → the variable's value when defined earlier, `$$(VAR)` → a literal `$(VAR)`, an
 * unknown `$(X)` left as written: the kubelet's expansion of env values and of command/args.
 */
export function expandReferences(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && name in env ? env[name] : m));
}

export function containerEnv(store: SimStore | undefined, pod: KubeObject, container: Obj): Record<string, string> {
  const env: Record<string, string> = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOSTNAME: pod.metadata.name, HOME: "/root" };
  const ns = pod.metadata.namespace;
  for (const from of (container.envFrom ?? []) as Obj[]) {
    const data = sourceData(store, ns, from.secretRef ?? from.configMapRef, Boolean(from.secretRef));
    for (const [k, v] of Object.entries(data ?? {})) env[`${from.prefix ?? ""}${k}`] = v;
  }
  for (const e of (container.env ?? []) as Obj[]) {
    if (typeof e.value === "string") env[e.name] = expandReferences(e.value, env);
    else if (e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef;
      const value = sourceData(store, ns, ref, Boolean(e.valueFrom.secretKeyRef))?.[ref.key];
      if (value !== undefined) env[e.name] = value;
    } else if (e.valueFrom?.fieldRef) {
      const value = fieldOf(pod, e.valueFrom.fieldRef.fieldPath);
      if (value !== undefined) env[e.name] = value;
    } else if (e.value === undefined && !e.valueFrom) env[e.name] = "";
  }
  return env;
}
