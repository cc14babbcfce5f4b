/**
 * Reading a Database row as a spec, credentials and the summary routes return. Credentials are
 * sealed at rest (server/secrets); this module is the one place that seals and opens them.
 */
import { DATABASE_ENGINES, type DatabaseEngine, type DatabaseSpec } from "@/lib/schemas/database";
import type { DatabaseSummary } from "@/lib/dto/database";
import type { Database, Prisma, PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { connectionInfo, generatePassword } from "@/server/engine/databases/credentials";
import { ENGINES, imageOf } from "@/server/engine/databases/engines";
import type { DatabaseCredentials } from "@/server/engine/databases/render-database";
import { decryptSecretValue, encryptSecretValue } from "@/server/secrets/secret-values";

type Db = PrismaClient | Prisma.TransactionClient;
export type DatabaseRow = Database;

function engineOf(row: Pick<Database, "engine">): DatabaseEngine {
  if (!(DATABASE_ENGINES as readonly string[]).includes(row.engine)) throw new Error(`Unknown database engine "${row.engine}" in the database`);
  return row.engine as DatabaseEngine;
}

export function databaseSpecOf(row: Database): DatabaseSpec {
  return { name: row.name, engine: engineOf(row), version: row.version, size: row.size, nodePort: row.nodePort };
}

/** Fresh credentials for `engine`, sealed for the row. */
export function sealedNewCredentials(engine: DatabaseEngine): { password: string; rootPassword: string | null } {
  return { password: encryptSecretValue(generatePassword()), rootPassword: ENGINES[engine].hasRootPassword ? encryptSecretValue(generatePassword()) : null };
}

/** The row's credentials in plain text: only for what renders the Secret or reveals the password. */
export function credentialsOf(row: Pick<Database, "password" | "rootPassword">): DatabaseCredentials {
  return { password: decryptSecretValue(row.password), rootPassword: row.rootPassword === null ? null : decryptSecretValue(row.rootPassword) };
}

/** Plain credentials (restore-from-cluster reads them from the live Secret), sealed for the row. */
export function sealCredentials(credentials: DatabaseCredentials): { password: string; rootPassword: string | null } {
  return { password: encryptSecretValue(credentials.password), rootPassword: credentials.rootPassword === null ? null : encryptSecretValue(credentials.rootPassword) };
}

export function toDatabaseSummary(row: Database, project: string, linkedApps: string[]): DatabaseSummary {
  const spec = databaseSpecOf(row);
  return {
    name: row.name,
    project,
    engine: spec.engine,
    version: spec.version,
    image: imageOf(spec.engine, spec.version),
    size: spec.size,
    nodePort: spec.nodePort,
    connection: connectionInfo({ name: row.name, engine: spec.engine, namespace: project }),
    linkedApps,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The database row, or AppError not_found naming what is missing. */
export async function findDatabaseOrThrow(db: Db, project: string, name: string): Promise<Database> {
  const row = await db.database.findFirst({ where: { name, project: { name: project } } });
  if (!row) {
    const hasProject = await db.project.findUnique({ where: { name: project }, select: { id: true } });
    throw new AppError({ code: "not_found", message: hasProject ? `Project "${project}" has no database "${name}".` : `There is no project "${project}".` });
  }
  return row;
}
