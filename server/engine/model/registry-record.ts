/**
 * Registry logins as the API shows them, and the apps a login is for. Shared by the list query
 * and the add, update and remove operations.
 */
import type { RegistryCredential as RegistryView } from "@/lib/dto/registry";
import { registryOfImage } from "@/lib/schemas/registry";
import type { Prisma, PrismaClient, RegistryCredential } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { registrySecretName } from "@/server/engine/names";
import type { RegistryLogin } from "@/server/engine/render/render-registry-secret";
import { decryptSecretValue, encryptSecretValue } from "@/server/secrets/secret-values";

type Db = PrismaClient | Prisma.TransactionClient;

/** A password as it is stored: sealed (RegistryCredential.password is listed in server/secrets/secret-columns.ts). */
export function sealRegistryPassword(password: string): string {
  return encryptSecretValue(password);
}

/** The login with its password opened, for rendering its Secret and nothing else. */
export function registryLoginOf(row: RegistryCredential): RegistryLogin {
  return { server: row.server, username: row.username, password: decryptSecretValue(row.password) };
}

/** An app's image from its spec column (the scalar JSON part), without decrypting anything. */
function imageOf(spec: string): string | undefined {
  try {
    const image = (JSON.parse(spec) as { image?: unknown }).image;
    return typeof image === "string" ? image : undefined;
  } catch {
    return undefined;
  }
}

/** The project's apps whose image is pulled from `server`, by name; `deployed` has the ones with a revision. */
export async function appsOnRegistry(db: Db, projectId: string, server: string): Promise<{ all: string[]; deployed: string[] }> {
  const apps = await db.app.findMany({ where: { projectId }, select: { name: true, spec: true, _count: { select: { revisions: true } } }, orderBy: { name: "asc" } });
  const on = apps.filter((a) => {
    const image = imageOf(a.spec);
    return image !== undefined && registryOfImage(image) === server;
  });
  return { all: on.map((a) => a.name), deployed: on.filter((a) => a._count.revisions > 0).map((a) => a.name) };
}

export function toRegistryView(row: RegistryCredential, usedBy: string[]): RegistryView {
  return {
    server: row.server,
    username: row.username,
    secretName: registrySecretName(row.server),
    usedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findProjectOrThrow(db: Db, name: string) {
  const project = await db.project.findUnique({ where: { name } });
  if (!project) throw new AppError({ code: "not_found", message: `There is no project "${name}".` });
  return project;
}

export async function findRegistryOrThrow(db: Db, project: { id: string; name: string }, server: string): Promise<RegistryCredential> {
  const row = await db.registryCredential.findUnique({ where: { projectId_server: { projectId: project.id, server } } });
  if (!row) throw new AppError({ code: "not_found", message: `Project "${project.name}" has no login for ${server} — add one with POST /api/projects/${project.name}/registries.` });
  return row;
}

/** A project's logins without their passwords (for status sentences); none for an unknown project. */
export function registryLoginsOf(project: string, db: Db = getDb()): Promise<Array<{ server: string; username: string }>> {
  return db.registryCredential.findMany({ where: { project: { name: project } }, select: { server: true, username: true } });
}

/** "web", "web and api", "web, api and worker". */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
