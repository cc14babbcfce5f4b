/**
 * Reading an app's rows as a spec, and the record handed to routes. Records never carry secret
 * values (only names): the API shows which secrets are set, never what they are.
 */
import { redactAppSpec, type AppSpec, type StoredAppSpec } from "@/lib/schemas/app";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { specFromRows } from "@/server/engine/spec-rows";
import { decryptSecretValue } from "@/server/secrets/secret-values";

/** Prisma `include` that loads everything `specFromRows` needs. */
export const APP_ROWS = { hostnames: true, volumes: true, secretEnv: true, files: true, project: true } as const;
export type AppWithRows = Prisma.AppGetPayload<{ include: typeof APP_ROWS }>;

export interface AppRecord {
  id: string;
  project: string;
  name: string;
  spec: StoredAppSpec;
  specVersion: number;
  restartedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The app's spec with its secret values decrypted: for what renders, edits or reveals them. */
export function appSpecOf(row: AppWithRows): AppSpec {
  const secretEnv = row.secretEnv.map((r) => ({ ...r, value: decryptSecretValue(r.value) }));
  return specFromRows(row, row.hostnames, row.volumes, secretEnv, openFiles(row));
}

function openFiles(row: AppWithRows) {
  return row.files.map((r) => (r.secret ? { ...r, content: decryptSecretValue(r.content) } : r));
}

export function toAppRecord(row: AppWithRows): AppRecord {
  return {
    id: row.id,
    project: row.project.name,
    name: row.name,
    // Names only: a record never needs the values, so it never decrypts them. A secret file's
    // checksum is of its plaintext, so that one is opened (the checksum is what the annotation shows).
    spec: redactAppSpec(specFromRows(row, row.hostnames, row.volumes, row.secretEnv.map((r) => ({ ...r, value: "" })), openFiles(row))),
    specVersion: row.specVersion,
    restartedAt: row.restartedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The app row with its children, or AppError not_found naming what is missing. */
export async function findAppOrThrow(db: Db, project: string, app: string): Promise<AppWithRows> {
  const row = await db.app.findFirst({ where: { name: app, project: { name: project } }, include: APP_ROWS });
  if (!row) {
    const hasProject = await db.project.findUnique({ where: { name: project }, select: { id: true } });
    throw new AppError({
      code: "not_found",
      message: hasProject ? `Project "${project}" has no app "${app}".` : `There is no project "${project}".`,
    });
  }
  return row;
}
