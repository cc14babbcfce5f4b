import { z } from "zod";
import { appFileIssues, appFileSchema, MAX_FILES, redactFiles, storedAppFileSchema } from "@/lib/schemas/app-files";
import { databaseLinkSchema, linkVariables } from "@/lib/schemas/database-link";
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
import { probesSchema } from "@/lib/schemas/probe";
import { parseQuantity, quantity } from "@/lib/schemas/quantity";
import { securityContextSchema } from "@/lib/schemas/security-context";
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
  /** Left out: a worker (no Service, no hostnames). */
  port: portNumber.optional(),
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
  /** The readiness HTTP check (kept as written by earlier clients); `probes` adds TCP, command, liveness and startup. */
  healthCheck: healthCheckSchema.optional(),
  probes: probesSchema.optional(),
  securityContext: securityContextSchema.optional(),
  hostnames: listOf(hostnameSpecSchema, "{ host, path? }", 50, "hostnames"),
  volumes: listOf(volumeSpecSchema, "{ name, size, mountPath }", 20, "volumes"),
  files: listOf(appFileSchema, "{ path, content, secret? }", MAX_FILES, "files"),
  // Optional rather than defaulted: an app without links keeps its spec (and annotation) as before.
  links: z
    .array(databaseLinkSchema, { error: "expected a list of { database, env?, parts? }" })
    .max(20, { error: "at most 20 database links" })
    .optional(),
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

/**
 * An app without a port is a worker: nothing can route to it, and a check of "its port" has no
 * port to use. Readiness is either the old `healthCheck` or `probes.readiness`, not both.
 */
function checkWorker(spec: z.output<typeof appSpecObject>, ctx: Ctx) {
  if (spec.healthCheck && spec.probes?.readiness) {
    ctx.addIssue({ code: "custom", path: ["probes", "readiness"], message: "the readiness check is set twice (healthCheck and probes.readiness) — keep one" });
  }
  if (spec.port !== undefined) return;
  if (spec.hostnames.length > 0) {
    ctx.addIssue({ code: "custom", path: ["hostnames"], message: "a worker has no port, so it cannot have hostnames — add a port or remove the hostnames" });
  }
  if (spec.healthCheck && spec.healthCheck.port === undefined) {
    ctx.addIssue({ code: "custom", path: ["healthCheck", "port"], message: "a worker has no port, so the HTTP health check needs its own port — set one, add a port to the app, or use a command probe" });
  }
  for (const kind of ["readiness", "liveness", "startup"] as const) {
    const probe = spec.probes?.[kind];
    if (probe && probe.type !== "command" && probe.port === undefined) {
      ctx.addIssue({ code: "custom", path: ["probes", kind, "port"], message: `a worker has no port, so the ${probe.type.toUpperCase()} ${kind} probe needs its own port — set one, add a port to the app, or use a command probe` });
    }
  }
}

/** A link's variables must not shadow the app's own env or another link's (the later would silently win). */
function refuseLinkClashes(ctx: Ctx, spec: z.output<typeof appSpecObject>) {
  const taken = new Map<string, string>([...spec.env, ...spec.secretEnv].map((v) => [v.name, "the app's env"]));
  const links = spec.links ?? [];
  refuseDuplicates(ctx, links, "links", (l) => l.database, "the database", "database");
  links.forEach((link, i) => {
    for (const variable of linkVariables(link)) {
      const owner = taken.get(variable.name);
      if (owner) {
        ctx.addIssue({ code: "custom", path: ["links", i, "env"], message: `the link sets ${variable.name}, which ${owner} already sets — pick another env name` });
      } else taken.set(variable.name, `the link to "${link.database}"`);
    }
  });
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
  refuseLinkClashes(ctx, spec);
  refuseDuplicates(ctx, spec.hostnames, "hostnames", (h) => `${h.host}${h.path}`, "the host and path", "host");
  refuseDuplicates(ctx, spec.volumes, "volumes", (v) => v.name, "the name", "name");
  refuseOverlappingMounts(ctx, spec.volumes);
  for (const issue of appFileIssues(spec.files, spec.volumes)) ctx.addIssue({ code: "custom", ...issue });
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
  checkWorker(spec, ctx);
  const ports = new Set([spec.port, ...spec.hostnames.map((h) => h.port ?? spec.port)]);
  if (ports.size > 10) {
    ctx.addIssue({ code: "custom", path: ["hostnames"], message: "the hostnames route to more than 10 different ports — use at most 10" });
  }
  const ownSecrets = new Map([[`${spec.name}-env`, "secret env"], [`${spec.name}-secret-files`, "secret files"]]);
  spec.hostnames.forEach((h, i) => {
    const what = h.tlsSecretName === undefined ? undefined : ownSecrets.get(h.tlsSecretName);
    if (what) {
      ctx.addIssue({
        code: "custom",
        path: ["hostnames", i, "tlsSecretName"],
        message: `"${h.tlsSecretName}" is the Secret Berth keeps this app's ${what} in — name the certificate Secret differently`,
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
 * Files keep their path and a checksum: contents live in `<app>-files` / `<app>-secret-files`.
 */
export const storedAppSpecSchema = appSpecObject.extend({
  secretEnv: z.array(strictObject({ name: envName })).max(200).default([]),
  files: z.array(storedAppFileSchema).max(MAX_FILES).default([]),
});
export type StoredAppSpec = z.output<typeof storedAppSpecSchema>;

/** Drops secret values from a spec, keeping their names, and file contents, keeping checksums. */
export function redactAppSpec(spec: AppSpec): StoredAppSpec {
  return { ...spec, secretEnv: spec.secretEnv.map(({ name }) => ({ name })), files: redactFiles(spec.files) };
}

/** Body of `PUT /api/projects/:project/apps/:app/scale`. */
export const scaleSchema = strictObject({ replicas: appSpecObject.shape.replicas.unwrap() });
/**
 * Body of `POST .../deploy`, optional: `{ image }` sets the spec's image and deploys it as one
 * revision (what a CI job sends after pushing a tag); without a body the current spec deploys.
 */
export const deployBodySchema = strictObject({ image: imageReference.optional() }).optional();
export type DeployBody = z.infer<typeof deployBodySchema>;
/** Body of `POST .../rollback`. */
export const rollbackSchema = strictObject({ revision: z.number({ error: requiredOr("expected a revision number") }).int({ error: "expected a whole revision number" }).min(1, { error: "revisions start at 1" }) });
