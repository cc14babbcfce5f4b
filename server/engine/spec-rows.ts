import { z } from "zod";
import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";
import { issueSentences } from "@/lib/schemas/format-issues";

/**
 * The mapping between an app spec and its database rows (App, Hostname, Volume, SecretEnv, AppFile in
 * prisma/schema.prisma). App.spec holds the scalar part as JSON; list entries are rows with a
 * `position` so their order survives. Pure: the caller reads and writes the rows.
 *
 * Row types are structural (the fields this mapping uses), so Prisma's generated row types fit
 * them directly and this module does not import the database client.
 */
export interface AppRow {
  name: string;
  /** JSON of {@link AppCoreSpec}. */
  spec: string;
}
export interface HostnameRow {
  position: number;
  host: string;
  path: string;
  port: number | null;
  tlsSecretName: string | null;
}
export interface VolumeRow {
  position: number;
  name: string;
  size: string;
  mountPath: string;
  accessMode: string;
  storageClass: string | null;
}
export interface SecretEnvRow {
  position: number;
  name: string;
  value: string;
}

export interface FileRow {
  position: number;
  path: string;
  /** Plain text here; the model layer seals a secret file's content at rest. */
  content: string;
  secret: boolean;
}

/** The part of the spec stored as JSON in App.spec. */
export type AppCoreSpec = Omit<AppSpec, "name" | "hostnames" | "volumes" | "secretEnv" | "files">;

export interface SpecRows {
  app: AppRow;
  hostnames: HostnameRow[];
  volumes: VolumeRow[];
  secretEnv: SecretEnvRow[];
  files: FileRow[];
}

/** Splits a parsed spec into rows (without ids or appId: add `appId` when creating them). */
export function rowsFromSpec(spec: AppSpec): SpecRows {
  const { name, hostnames, volumes, secretEnv, files, ...core } = spec;
  return {
    app: { name, spec: JSON.stringify(core satisfies AppCoreSpec) },
    hostnames: hostnames.map((h, position) => ({ position, host: h.host, path: h.path, port: h.port ?? null, tlsSecretName: h.tlsSecretName ?? null })),
    volumes: volumes.map((v, position) => ({
      position,
      name: v.name,
      size: v.size,
      mountPath: v.mountPath,
      accessMode: v.accessMode,
      storageClass: v.storageClass ?? null,
    })),
    secretEnv: secretEnv.map((v, position) => ({ position, name: v.name, value: v.value })),
    files: files.map((f, position) => ({ position, path: f.path, content: f.content, secret: f.secret })),
  };
}

const byPosition = <T extends { position: number }>(rows: readonly T[]) => [...rows].sort((a, b) => a.position - b.position);
const orUndefined = <T>(value: T | null) => (value === null ? undefined : value);

/**
 * Assembles and re-validates the spec from rows. Throws when the stored data no longer passes
 * the schema (a hand-edited database or a rule tightened since), naming every problem.
 * `files` defaults to none for callers that only need the rest of the spec.
 */
export function specFromRows(
  app: AppRow,
  hostnames: readonly HostnameRow[],
  volumes: readonly VolumeRow[],
  secretEnv: readonly SecretEnvRow[],
  files: readonly FileRow[] = [],
): AppSpec {
  let core: unknown;
  try {
    core = JSON.parse(app.spec);
  } catch {
    throw new Error(`The stored spec of app "${app.name}" is not JSON.`);
  }
  const candidate = {
    ...(core as object),
    name: app.name,
    hostnames: byPosition(hostnames).map((h) => ({ host: h.host, path: h.path, port: orUndefined(h.port), tlsSecretName: orUndefined(h.tlsSecretName) })),
    volumes: byPosition(volumes).map((v) => ({
      name: v.name,
      size: v.size,
      mountPath: v.mountPath,
      accessMode: v.accessMode,
      storageClass: orUndefined(v.storageClass),
    })),
    secretEnv: byPosition(secretEnv).map((v) => ({ name: v.name, value: v.value })),
    files: byPosition(files).map((f) => ({ path: f.path, content: f.content, secret: f.secret })),
  };
  const parsed = appSpecSchema.safeParse(dropUndefined(candidate));
  if (!parsed.success) {
    throw new Error(`The stored spec of app "${app.name}" is invalid: ${issueSentences(parsed.error).join("; ")}`);
  }
  return parsed.data;
}

/** Optional fields come back from rows as undefined keys; strict objects accept those, but keep the JSON tidy. */
function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Shape check for the `Operation.payload` and similar JSON columns: parse with a schema or throw naming the column. */
export function parseJsonColumn<T>(column: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${column} is not JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${column} is invalid: ${issueSentences(parsed.error).join("; ")}`);
  return parsed.data;
}
