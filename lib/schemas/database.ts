import { z } from "zod";
import { appNameSchema } from "@/lib/schemas/app";
import { requiredOr, strictObject } from "@/lib/schemas/kube-validators";
import { parseQuantity, quantity } from "@/lib/schemas/quantity";

/**
 * A database's spec as the REST routes, the forms and the StatefulSet annotation see it. The
 * engine table (which image a version runs, its port and tools) is server/engine/databases/engines.ts;
 * this module only knows which engines and version lines exist, so the form can offer them.
 */

export const DATABASE_ENGINES = ["postgresql", "mysql", "mariadb", "redis", "valkey", "mongodb"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** The version lines each engine offers; the first is the default. Each is pinned to one image tag. */
export const DATABASE_VERSIONS: Record<DatabaseEngine, readonly string[]> = {
  postgresql: ["17", "16"],
  mysql: ["8.4"],
  mariadb: ["11.4"],
  redis: ["7.4"],
  valkey: ["8.0"],
  mongodb: ["7.0"],
};

/** The major version of a version line: what decides whether the data files can be reused as they are. */
export function majorOf(engine: DatabaseEngine, version: string): string {
  // PostgreSQL's major is the first number since 10; the others' data formats change between x.y lines.
  return engine === "postgresql" ? version.split(".")[0] : version.split(".").slice(0, 2).join(".");
}

export const DEFAULT_DATABASE_SIZE = "1Gi";

/** Names share the project's namespace with apps (Services, Secrets), so they follow the app rule. */
export const databaseNameSchema = appNameSchema;

const engineSchema = z.enum(DATABASE_ENGINES, { error: `expected one of ${DATABASE_ENGINES.join(", ")}` });
const storageSize = quantity("storage");

export const createDatabaseSchema = strictObject({
  name: databaseNameSchema,
  engine: engineSchema,
  version: z.string({ error: requiredOr("expected a version such as \"17\"") }).optional(),
  size: storageSize.default(DEFAULT_DATABASE_SIZE),
  nodePort: z.boolean({ error: "expected true or false" }).default(false),
}).superRefine((input, ctx) => {
  const versions = DATABASE_VERSIONS[input.engine];
  if (input.version !== undefined && !versions.includes(input.version)) {
    ctx.addIssue({ code: "custom", path: ["version"], message: `${input.engine} offers version ${versions.join(" or ")}; "${input.version}" is not one of them` });
  }
});
export type CreateDatabaseInput = z.input<typeof createDatabaseSchema>;

/** A database as stored and rendered: every field resolved. */
export interface DatabaseSpec {
  name: string;
  engine: DatabaseEngine;
  version: string;
  size: string;
  nodePort: boolean;
}

/** The spec a create request asks for, with the engine's default version filled in. */
export function resolveDatabaseSpec(input: z.output<typeof createDatabaseSchema>): DatabaseSpec {
  return { ...input, version: input.version ?? DATABASE_VERSIONS[input.engine][0] };
}

/** The spec copied onto the StatefulSet (`berth.dev/spec`): no credentials in it. */
export const storedDatabaseSpecSchema = strictObject({
  name: databaseNameSchema,
  engine: engineSchema,
  version: z.string(),
  size: storageSize,
  nodePort: z.boolean().default(false),
});

/** Body of `PATCH …/databases/:name`: what may change after creation. */
export const updateDatabaseSchema = strictObject({
  version: z.string({ error: "expected a version such as \"17\"" }).optional(),
  size: storageSize.optional(),
  nodePort: z.boolean({ error: "expected true or false" }).optional(),
});
export type UpdateDatabaseInput = z.infer<typeof updateDatabaseSchema>;

/** True when `next` is a larger storage quantity than `current`. */
export function isLarger(next: string, current: string): boolean {
  const a = parseQuantity(next);
  const b = parseQuantity(current);
  return a !== undefined && b !== undefined && a > b;
}

