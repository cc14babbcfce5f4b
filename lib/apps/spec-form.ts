import { advancedFromSpec, advancedSpecInput, emptyAdvancedForm, type AdvancedFormValues } from "@/lib/apps/advanced-form";
import { numberOrText } from "@/lib/apps/form-text";
import type { StoredAppSpec } from "@/lib/schemas/app";

/**
 * The app form's values as typed (strings, lists one item per line) and their mapping to the
 * spec the API takes. Kept apart from the component so it can be tested and reused by the
 * new-app and edit-app pages.
 */
export type AppFormValues = {
  name: string;
  image: string;
  port: string;
  replicas: string;
  command: string;
  args: string;
  env: string;
  secretEnv: string;
  hostnames: string;
  volumes: string;
  healthPath: string;
  healthPort: string;
  cpuRequest: string;
  memoryRequest: string;
  cpuLimit: string;
  memoryLimit: string;
  advanced: AdvancedFormValues;
};

export const emptyAppForm: AppFormValues = {
  name: "",
  image: "",
  port: "80",
  replicas: "1",
  command: "",
  args: "",
  env: "",
  secretEnv: "",
  hostnames: "",
  volumes: "",
  healthPath: "",
  healthPort: "",
  cpuRequest: "",
  memoryRequest: "",
  cpuLimit: "",
  memoryLimit: "",
  advanced: emptyAdvancedForm,
};

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const optional = (text: string) => (text.trim() === "" ? undefined : text.trim());

function pairs(text: string, keepWithoutValue: boolean): Array<{ name: string; value?: string }> {
  return lines(text).map((line) => {
    const at = line.indexOf("=");
    if (at === -1) return keepWithoutValue ? { name: line } : { name: line, value: "" };
    return { name: line.slice(0, at).trim(), value: line.slice(at + 1) };
  });
}

function hostnames(text: string) {
  return lines(text).map((line) => {
    const slash = line.indexOf("/");
    return slash === -1 ? { host: line } : { host: line.slice(0, slash), path: line.slice(slash) };
  });
}

function volumes(text: string) {
  return lines(text).map((line) => {
    const [name = "", size = "", mountPath = ""] = line.split(/\s+/);
    return { name, size, mountPath };
  });
}

function cpuAndMemory(cpu: string, memory: string) {
  const out = { cpu: optional(cpu), memory: optional(memory) };
  return out.cpu || out.memory ? out : undefined;
}

/**
 * The spec to send. In edit mode a secret line without `=` keeps the stored value (the API
 * accepts `{ name }` alone, since the browser never sees secret values).
 */
export function toSpecInput(values: AppFormValues, options: { isEdit: boolean }): Record<string, unknown> {
  const requests = cpuAndMemory(values.cpuRequest, values.memoryRequest);
  const limits = cpuAndMemory(values.cpuLimit, values.memoryLimit);
  return {
    name: values.name.trim(),
    image: values.image.trim(),
    // An empty port makes a worker: no Service, no hostnames.
    port: numberOrText(values.port),
    replicas: numberOrText(values.replicas),
    command: lines(values.command),
    args: lines(values.args),
    env: pairs(values.env, false),
    secretEnv: pairs(values.secretEnv, options.isEdit),
    hostnames: hostnames(values.hostnames),
    volumes: volumes(values.volumes),
    healthCheck: optional(values.healthPath) ? { path: values.healthPath.trim(), port: numberOrText(values.healthPort) } : undefined,
    resources: requests || limits ? { requests, limits } : undefined,
    ...advancedSpecInput(values.advanced),
  };
}

/** The form filled from a stored spec (secret values are never known: names only). */
export function fromSpec(spec: StoredAppSpec): AppFormValues {
  return {
    name: spec.name,
    image: spec.image,
    port: spec.port === undefined ? "" : String(spec.port),
    replicas: String(spec.replicas),
    command: spec.command.join("\n"),
    args: spec.args.join("\n"),
    env: spec.env.map((v) => `${v.name}=${v.value}`).join("\n"),
    secretEnv: spec.secretEnv.map((v) => v.name).join("\n"),
    hostnames: spec.hostnames.map((h) => `${h.host}${h.path === "/" ? "" : h.path}`).join("\n"),
    volumes: spec.volumes.map((v) => `${v.name} ${v.size} ${v.mountPath}`).join("\n"),
    healthPath: spec.healthCheck?.path ?? "",
    healthPort: spec.healthCheck?.port ? String(spec.healthCheck.port) : "",
    cpuRequest: spec.resources?.requests?.cpu ?? "",
    memoryRequest: spec.resources?.requests?.memory ?? "",
    cpuLimit: spec.resources?.limits?.cpu ?? "",
    memoryLimit: spec.resources?.limits?.memory ?? "",
    advanced: advancedFromSpec(spec),
  };
}
