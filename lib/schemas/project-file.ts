import { z } from "zod";
import { appSpecSchema } from "@/lib/schemas/app";
import { createDatabaseSchema, resolveDatabaseSpec } from "@/lib/schemas/database";
import { requiredOr, strictObject } from "@/lib/schemas/kube-validators";
import { projectCreateSchema } from "@/lib/schemas/project";
import { registryCreateSchema } from "@/lib/schemas/registry";

/**
 * A project as one file (`apiVersion: berth.dev/v1`, `kind: Project`): what "Export" downloads
 * and what Import and `berth import` create a project from. Each resource in it is the API's own
 * create body (an app spec, a database create body, a registry login), checked with the API's
 * schemas, so a file that imports is one the REST API would have accepted piece by piece.
 *
 * Secret values are in the file only when the export asked for them. Without them an app's
 * secret env is `{ name }`, a secret file `{ path, secret: true }`, a registry login has no
 * password and a database no `credentials`; {@link omittedSecretsOf} lists what such a file
 * leaves to be set, and the import fills those in as empty (a database gets fresh credentials).
 */

export const PROJECT_FILE_API_VERSION = "berth.dev/v1";
export const PROJECT_FILE_KIND = "Project";

const secretText = (what: string) => z.string({ error: requiredOr(`expected the ${what} as a string`) }).min(1, { error: `the ${what} must not be empty — leave the field out to have one made` }).max(4096, { error: "at most 4096 characters" });

/** A database's credentials as an export with secrets writes them: the import keeps them, so linked apps and the data files agree. */
export const databaseCredentialsSchema = strictObject({
  password: secretText("password"),
  /** MySQL and MariaDB only. */
  rootPassword: secretText("root password").optional(),
});

type Ctx = z.core.$RefinementCtx<unknown>;

/** Where an issue is; an unknown field's is the field itself, so its line is the one to fix. */
export function issuePath(issue: z.core.$ZodIssue): Array<string | number> {
  const path = issue.path as Array<string | number>;
  return issue.code === "unrecognized_keys" && issue.keys.length > 0 ? [...path, issue.keys[0]] : path;
}

/** Re-reports a nested schema's issues where they are, so the file's line numbers point at them. */
function forwardIssues(error: z.ZodError, ctx: Ctx, under: string[] = []): typeof z.NEVER {
  for (const issue of error.issues) ctx.addIssue({ code: "custom", path: [...under, ...issuePath(issue)], message: issue.message });
  return z.NEVER;
}

const object = z.record(z.string(), z.unknown(), { error: "expected an object" });

/** A database create body, with its credentials beside it when the file carries secrets. */
const databaseEntrySchema = object.transform((entry, ctx) => {
  const { credentials, ...body } = entry;
  const spec = createDatabaseSchema.safeParse(body);
  const secrets = credentials === undefined ? undefined : databaseCredentialsSchema.safeParse(credentials);
  if (secrets && !secrets.success) forwardIssues(secrets.error, ctx, ["credentials"]);
  if (!spec.success) return forwardIssues(spec.error, ctx);
  return { spec: resolveDatabaseSpec(spec.data), credentials: secrets?.success ? { password: secrets.data.password, rootPassword: secrets.data.rootPassword ?? null } : undefined };
});

/** A registry login; the password is left out of an export without secrets. */
const registryEntrySchema = object.transform((entry, ctx) => {
  const parsed = registryCreateSchema.safeParse(entry.password === undefined ? { ...entry, password: "-" } : entry);
  if (!parsed.success) return forwardIssues(parsed.error, ctx);
  return { server: parsed.data.server, username: parsed.data.username, password: entry.password === undefined ? undefined : parsed.data.password };
});

/** Fills a value the file left out with "" so the app schema checks everything else as the API would. */
function withEmptySecrets(app: Record<string, unknown>): Record<string, unknown> {
  const fill = (list: unknown, key: string) =>
    Array.isArray(list) ? list.map((item) => (item && typeof item === "object" && !(key in item) && (key === "value" || (item as { secret?: unknown }).secret === true) ? { ...item, [key]: "" } : item)) : list;
  return { ...app, ...(app.secretEnv !== undefined ? { secretEnv: fill(app.secretEnv, "value") } : {}), ...(app.files !== undefined ? { files: fill(app.files, "content") } : {}) };
}

const appEntrySchema = object.transform((entry, ctx) => {
  const parsed = appSpecSchema.safeParse(withEmptySecrets(entry));
  if (!parsed.success) return forwardIssues(parsed.error, ctx);
  return parsed.data;
});

const list = <T extends z.ZodType>(item: T, what: string, max: number) =>
  z.array(item, { error: `expected a list of ${what}` }).max(max, { error: `at most ${max} ${what}` }).default([]);

export const projectFileSchema = strictObject({
  apiVersion: z.literal(PROJECT_FILE_API_VERSION, { error: `expected "${PROJECT_FILE_API_VERSION}" (the only project file version)` }),
  kind: z.literal(PROJECT_FILE_KIND, { error: `expected "${PROJECT_FILE_KIND}"` }),
  metadata: projectCreateSchema,
  spec: strictObject({
    registries: list(registryEntrySchema, "registry logins", 20),
    databases: list(databaseEntrySchema, "databases", 20),
    apps: list(appEntrySchema, "apps", 100),
  }).default({ registries: [], databases: [], apps: [] }),
}).superRefine((file, ctx) => {
  const owners = new Map<string, string>();
  file.spec.databases.forEach((d, i) => owners.set(d.spec.name, `databases[${i}]`));
  file.spec.apps.forEach((app, i) => {
    const other = owners.get(app.name);
    if (other) ctx.addIssue({ code: "custom", path: ["spec", "apps", i, "name"], message: `"${app.name}" is also spec.${other}'s name — apps and databases share the namespace's Services, so each needs its own name` });
    else owners.set(app.name, `apps[${i}]`);
    (app.links ?? []).forEach((link, j) => {
      if (!file.spec.databases.some((d) => d.spec.name === link.database)) {
        ctx.addIssue({ code: "custom", path: ["spec", "apps", i, "links", j, "database"], message: `the file has no database "${link.database}" — add it under spec.databases or remove the link` });
      }
    });
  });
  const servers = new Map<string, number>();
  file.spec.registries.forEach((r, i) => {
    if (servers.has(r.server)) ctx.addIssue({ code: "custom", path: ["spec", "registries", i, "server"], message: `${r.server} is already spec.registries[${servers.get(r.server)}] — one login per registry` });
    servers.set(r.server, i);
  });
  file.spec.databases.forEach((d, i) => {
    if (owners.get(d.spec.name) !== `databases[${i}]`) ctx.addIssue({ code: "custom", path: ["spec", "databases", i, "name"], message: `the database "${d.spec.name}" appears twice — each needs its own name` });
  });
});
export type ProjectFile = z.output<typeof projectFileSchema>;

/** A secret the file left out, which the import leaves to be set: where, and what to do. */
export interface OmittedSecret {
  /** "app web", "registry ghcr.io" */
  resource: string;
  /** "secret env API_KEY", "secret file /etc/app/token", "password" */
  what: string;
}

/** Every secret value a parsed file leaves out (a database's credentials are made afresh, so they are not listed). */
export function omittedSecretsOf(raw: unknown): OmittedSecret[] {
  const spec = (raw as { spec?: { apps?: unknown; registries?: unknown } } | null)?.spec;
  const out: OmittedSecret[] = [];
  for (const app of Array.isArray(spec?.apps) ? (spec.apps as Array<Record<string, unknown>>) : []) {
    const resource = `app ${String(app?.name)}`;
    for (const v of Array.isArray(app?.secretEnv) ? (app.secretEnv as Array<Record<string, unknown>>) : []) if (v && !("value" in v)) out.push({ resource, what: `secret env ${String(v.name)}` });
    for (const f of Array.isArray(app?.files) ? (app.files as Array<Record<string, unknown>>) : []) if (f && f.secret === true && !("content" in f)) out.push({ resource, what: `secret file ${String(f.path)}` });
  }
  for (const r of Array.isArray(spec?.registries) ? (spec.registries as Array<Record<string, unknown>>) : []) {
    if (r && r.password === undefined) out.push({ resource: `registry ${String(r.server)}`, what: `password for ${String(r.username)}` });
  }
  return out;
}

/** Query of `POST /api/import`: import the file under another project name than its own. */
export const importQuerySchema = strictObject({ project: projectCreateSchema.shape.name.optional() });

/** Query of the export and manifests downloads: `secrets=true` (admin only) writes secret values into the file. */
export const projectDownloadQuerySchema = strictObject({
  secrets: z
    .enum(["true", "false"], { error: "expected true or false (include secret values)" })
    .optional()
    .transform((v) => v === "true"),
});
