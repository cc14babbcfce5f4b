import { z } from "zod";
import { imageReference } from "@/lib/schemas/image-reference";
import {
  dns1035Label,
  dnsLabel,
  dnsSubdomain,
  envName,
  hostname,
  ingressPath,
  mountPath,
  normalMountPath,
  portNumber,
  requiredOr,
  strictObject,
  urlPath,
} from "@/lib/schemas/kube-validators";
import { parseQuantity, quantity } from "@/lib/schemas/quantity";
import { taskListIssues, taskSpecSchema } from "@/lib/schemas/task";

/**
 * The spec of an app: everything Berth renders into Kubernetes objects. Used by the REST routes,
 * the app forms, the YAML editor's checks, the database mapping and the Deployment annotation.
 * Every object is strict (an unknown field is an error: a typo must not be silently dropped).
 */

/** At most 30 characters so derived names (`<app>-env`, `<project>-<app>`) fit 63. */
export const APP_NAME_MAX = 30;
const MAX_PLAIN_ENV_BYTES = 128 * 1024;
const MAX_SECRET_ENV_BYTES = 512 * 1024;
/** The spec (without secrets) is copied into a Deployment annotation; all annotations share 256 KiB. */
const MAX_SPEC_BYTES = 200 * 1024;

/** Names the dashboard's own routes use under a project (`/projects/<p>/apps/new`). */
const RESERVED_APP_NAMES = new Set(["new"]);

export const appNameSchema = dns1035Label(APP_NAME_MAX).refine((value) => !RESERVED_APP_NAMES.has(value), {
  message: `"new" is reserved for the New app page — pick another app name`,
});

const stringList = (what: string) =>
  z
    .array(z.string({ error: requiredOr(`each ${what} item must be a string`) }).max(4096, { error: "at most 4096 characters" }), {
      error: `expected a list of strings, e.g. ["--port", "8080"]`,
    })
    .max(100, { error: `at most 100 ${what} items` });

export const envVarSchema = strictObject({
  name: envName,
  value: z.string({ error: requiredOr("expected a string (quote numbers: \"8080\")") }).max(32 * 1024, { error: "at most 32 KiB" }),
});
export type EnvVar = z.infer<typeof envVarSchema>;

export const secretEnvVarSchema = strictObject({
  name: envName,
  value: z.string({ error: requiredOr("expected a string (quote numbers: \"8080\")") }).max(64 * 1024, { error: "at most 64 KiB" }),
});
export type SecretEnvVar = z.infer<typeof secretEnvVarSchema>;

const cpuAndMemory = strictObject({ cpu: quantity("cpu").optional(), memory: quantity("memory").optional() });

export const resourcesSchema = strictObject({ requests: cpuAndMemory.optional(), limits: cpuAndMemory.optional() })
  .superRefine((resources, ctx) => {
    for (const key of ["cpu", "memory"] as const) {
      const request = resources.requests?.[key];
      const limit = resources.limits?.[key];
      if (request === undefined || limit === undefined) continue;
      const r = parseQuantity(request);
      const l = parseQuantity(limit);
      if (r !== undefined && l !== undefined && l < r) {
        ctx.addIssue({
          code: "custom",
          path: ["limits", key],
          message: `the ${key} limit (${limit}) is below the request (${request}) — raise the limit or lower the request`,
        });
      }
    }
  });
export type ResourcesSpec = z.infer<typeof resourcesSchema>;

export const healthCheckSchema = strictObject({ path: urlPath({ allowQuery: true }), port: portNumber.optional() });
export type HealthCheckSpec = z.infer<typeof healthCheckSchema>;

export const hostnameSpecSchema = strictObject({
  host: hostname,
  path: ingressPath.default("/"),
  /** The Service port the Ingress sends traffic to; the app's port when left out. */
  port: portNumber.optional(),
  /** A Secret holding the certificate for this host; without one, TLS ends at the user's gateway. */
  tlsSecretName: dnsSubdomain().optional(),
});
export type HostnameSpec = z.infer<typeof hostnameSpecSchema>;

export const accessModeSchema = z.enum(["ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"], {
  error: 'expected "ReadWriteOnce", "ReadWriteMany" or "ReadWriteOncePod"',
});
export type AccessMode = z.infer<typeof accessModeSchema>;

export const volumeSpecSchema = strictObject({
  name: dnsLabel(),
  size: quantity("storage"),
  mountPath,
  accessMode: accessModeSchema.default("ReadWriteOnce"),
  /** Left out: the cluster's default StorageClass (local-path on k3s). */
  storageClass: dnsSubdomain().optional(),
});
export type VolumeSpec = z.infer<typeof volumeSpecSchema>;

/** Access modes that let only one pod (or node) use the volume at a time. */
export function isSingleAttach(mode: AccessMode): boolean {
  return mode === "ReadWriteOnce" || mode === "ReadWriteOncePod";
}

/** An optional list, empty when left out. */
function listOf<T extends z.ZodType>(item: T, shape: string, max: number, what: string) {
  return z
    .array(item, { error: `expected a list of ${shape}` })
    .max(max, { error: `at most ${max} ${what}` })
    .default([]);
}

const appSpecObject = strictObject({
  name: appNameSchema,
  image: imageReference,
  port: portNumber,
  replicas: z
    .number({ error: requiredOr("expected a number of replicas") })
    .int({ error: "expected a whole number of replicas" })
    .min(0, { error: "replicas must be between 0 (stopped) and 50" })
    .max(50, { error: "replicas must be between 0 (stopped) and 50" })
    .default(1),
  command: stringList("command").default([]),
  args: stringList("args").default([]),
  env: listOf(envVarSchema, "{ name, value }", 200, "variables"),
  secretEnv: listOf(secretEnvVarSchema, "{ name, value }", 200, "variables"),
  resources: resourcesSchema.optional(),
  healthCheck: healthCheckSchema.optional(),
  hostnames: listOf(hostnameSpecSchema, "{ host, path? }", 50, "hostnames"),
  volumes: listOf(volumeSpecSchema, "{ name, size, mountPath }", 20, "volumes"),
  tasks: listOf(taskSpecSchema, "{ name, schedule, command }", 20, "scheduled tasks"),
});

type Ctx = z.core.$RefinementCtx<z.output<typeof appSpecObject>>;

function refuseDuplicates<T>(ctx: Ctx, items: T[], field: string, key: (item: T) => string, what: string, prop: string) {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", path: [field, index, prop], message: `${what} "${k}" is already used by ${field}[${first}] — each must be unique` });
    } else seen.set(k, index);
  });
}

/**
 * Two volumes at one path, or one inside another's directory: the later mount hides part of the
 * earlier one, which the kubelet allows but nobody means.
 */
function refuseOverlappingMounts(ctx: Ctx, volumes: Array<{ mountPath: string }>) {
  const paths = volumes.map((v) => normalMountPath(v.mountPath));
  paths.forEach((path, index) => {
    const other = paths.findIndex((p, i) => i < index && (p === path || path.startsWith(`${p}/`) || p.startsWith(`${path}/`)));
    if (other < 0) return;
    const message =
      paths[other] === path
        ? `the mount path "${path}" is already used by volumes[${other}] — each must be unique`
        : `"${path}" and volumes[${other}]'s "${paths[other]}" are one inside the other, so one mount would hide part of the other — mount each volume at its own directory`;
    ctx.addIssue({ code: "custom", path: ["volumes", index, "mountPath"], message });
  });
}

function byteLength(values: Array<{ name: string; value: string }>): number {
  return values.reduce((sum, v) => sum + new TextEncoder().encode(v.name + v.value).length, 0);
}

/** The cross-field rules: unique names, size budgets, and the single-attach volume rule. */
function checkAppSpec(spec: z.output<typeof appSpecObject>, ctx: Ctx) {
  const envNames = new Map(spec.env.map((v, i) => [v.name, i]));
  refuseDuplicates(ctx, spec.env, "env", (v) => v.name, "the variable", "name");
  spec.secretEnv.forEach((v, i) => {
    if (envNames.has(v.name)) {
      ctx.addIssue({ code: "custom", path: ["secretEnv", i, "name"], message: `"${v.name}" is also set in env[${envNames.get(v.name)}] — keep it in one list` });
    }
  });
  refuseDuplicates(ctx, spec.secretEnv, "secretEnv", (v) => v.name, "the variable", "name");
  refuseDuplicates(ctx, spec.hostnames, "hostnames", (h) => `${h.host}${h.path}`, "the host and path", "host");
  refuseDuplicates(ctx, spec.volumes, "volumes", (v) => v.name, "the name", "name");
  refuseOverlappingMounts(ctx, spec.volumes);
  for (const issue of taskListIssues(spec.name, spec.tasks)) ctx.addIssue({ code: "custom", path: ["tasks", ...issue.path], message: issue.message });
  if (byteLength(spec.env) > MAX_PLAIN_ENV_BYTES) {
    ctx.addIssue({ code: "custom", path: ["env"], message: "the env values add up to more than 128 KiB — move large values into a volume" });
  }
  if (byteLength(spec.secretEnv) > MAX_SECRET_ENV_BYTES) {
    ctx.addIssue({ code: "custom", path: ["secretEnv"], message: "the secret values add up to more than 512 KiB — a Secret holds at most 1 MiB" });
  }
  const annotationBytes = new TextEncoder().encode(JSON.stringify(redactAppSpec(spec))).length;
  if (annotationBytes > MAX_SPEC_BYTES) {
    ctx.addIssue({
      code: "custom",
      path: [],
      message: `the app spec is ${Math.ceil(annotationBytes / 1024)} KiB without secrets; at most 200 KiB fits in the Deployment's annotations — shorten env, command or args`,
    });
  }
  const ports = new Set([spec.port, ...spec.hostnames.map((h) => h.port ?? spec.port)]);
  if (ports.size > 10) {
    ctx.addIssue({ code: "custom", path: ["hostnames"], message: "the hostnames route to more than 10 different ports — use at most 10" });
  }
  spec.hostnames.forEach((h, i) => {
    if (h.tlsSecretName === `${spec.name}-env`) {
      ctx.addIssue({
        code: "custom",
        path: ["hostnames", i, "tlsSecretName"],
        message: `"${h.tlsSecretName}" is the Secret Berth keeps this app's secret env in — name the certificate Secret differently`,
      });
    }
  });
  const single = spec.volumes.find((v) => isSingleAttach(v.accessMode));
  if (single && spec.replicas > 1) {
    ctx.addIssue({
      code: "custom",
      path: ["replicas"],
      message:
        `an app with a ${single.accessMode} volume ("${single.name}") can run only 1 replica — on k3s, local-path volumes ` +
        "can be attached to one pod at a time, so a second replica (or a rolling update) would wait forever. " +
        "Use 1 replica, or a ReadWriteMany storage class.",
    });
  }
}

/** The full app spec, as stored, rendered and edited. */
export const appSpecSchema = appSpecObject.superRefine(checkAppSpec);
export type AppSpec = z.output<typeof appSpecSchema>;
/** What a client may send: defaulted fields (replicas, lists, paths, access modes) may be left out. */
export type AppSpecInput = z.input<typeof appSpecSchema>;

/**
 * The app spec without secret values: what the Deployment's `berth.dev/spec` annotation and
 * revision snapshots hold. Secret values live only in the Secret `<app>-env` and the database.
 */
export const storedAppSpecSchema = appSpecObject
  .extend({ secretEnv: z.array(strictObject({ name: envName })).max(200).default([]) });
export type StoredAppSpec = z.output<typeof storedAppSpecSchema>;

/** Drops secret values from a spec, keeping their names. */
export function redactAppSpec(spec: AppSpec): StoredAppSpec {
  return { ...spec, secretEnv: spec.secretEnv.map(({ name }) => ({ name })) };
}

/** Body of `PUT /api/projects/:project/apps/:app/scale`. */
export const scaleSchema = strictObject({ replicas: appSpecObject.shape.replicas.unwrap() });
/** Body of `POST .../rollback`. */
export const rollbackSchema = strictObject({ revision: z.number({ error: requiredOr("expected a revision number") }).int({ error: "expected a whole revision number" }).min(1, { error: "revisions start at 1" }) });
