/**
 * Import: creates a project from a project file (lib/schemas/project-file.ts) through the same
 * steps the API takes one by one — the project, its registry logins (and their Secret sync), its
 * databases (and their first apply), its apps, and a first deploy of each app the file gave
 * every secret value of — in one transaction with the audit rows of each, so a clash or a bad
 * value leaves nothing half-created. The queue runs the applies after the commit.
 */
import { projectNameSchema } from "@/lib/schemas/project";
import type { DatabaseCredentials } from "@/server/engine/databases/render-database";
import type { OmittedSecret, ProjectFile } from "@/lib/schemas/project-file";
import { auditChange, type Acting } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { credentialsOf, sealCredentials } from "@/server/engine/databases/database-record";
import { ENGINES } from "@/server/engine/databases/engines";
import { insertApp } from "@/server/engine/model/create-app";
import { sealRegistryPassword } from "@/server/engine/model/registry-record";
import { insertDatabase, keptVolumeFor } from "@/server/engine/operations/create-database";
import { queueDeploy, wakeQueue, type Tx } from "@/server/engine/operations/enqueue-operation";
import { queueRegistrySync } from "@/server/engine/operations/queue-registry-sync";
import { readProjectFile } from "@/server/engine/project-file/read-project-file";

export interface ProjectImport {
  project: string;
  apps: string[];
  databases: string[];
  /** Registry logins created (those with a password in the file). */
  registries: string[];
  /** Apps whose first deploy is queued: every app the file gave all its secret values. */
  deployed: string[];
  /** What the file left out and the import left to be set, with where to set it. */
  toSet: Array<OmittedSecret & { where: string }>;
  message: string;
}

/** Says which resource of the file a refusal is about, so the sentence leads back to the file. */
async function inResource<T>(label: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof AppError) throw new AppError({ code: err.code, message: `${label}: ${err.message} Nothing was imported.` });
    throw err;
  }
}

function whereToSet(projectName: string, secret: OmittedSecret): string {
  const [kind, name] = secret.resource.split(" ");
  if (kind === "registry") return `/projects/${projectName}`;
  return secret.what.startsWith("secret file") ? `/projects/${projectName}/apps/${name}/files` : `/projects/${projectName}/apps/${name}/environment`;
}

/** The name to import as: the one asked for (checked like a new project's), else the file's. */
function projectNameFor(file: ProjectFile, as: string | undefined): string {
  if (as === undefined) return file.metadata.name;
  const checked = projectNameSchema.safeParse(as);
  if (!checked.success) throw new AppError({ code: "invalid", message: `The project name "${as}" cannot be used: ${checked.error.issues[0].message}. Nothing was imported.` });
  return checked.data;
}

/**
 * The file's credentials over the fresh ones the database was made with: a root password only
 * for engines that have one, and the fresh one kept when the file has none.
 */
function importedCredentials(engine: keyof typeof ENGINES, fresh: DatabaseCredentials, given: DatabaseCredentials): DatabaseCredentials {
  return { password: given.password, rootPassword: ENGINES[engine].hasRootPassword ? (given.rootPassword ?? fresh.rootPassword) : null };
}

async function insertProject(tx: Tx, by: Acting, name: string, file: ProjectFile): Promise<{ id: string; name: string }> {
  if (await tx.project.findUnique({ where: { name }, select: { id: true } })) {
    throw new AppError({ code: "conflict", message: `A project named "${name}" already exists; nothing was imported — import the file under another name.` });
  }
  const row = await tx.project.create({ data: { name, displayName: file.metadata.displayName ?? null } });
  await auditChange(tx, by, "project.create", name);
  return { id: row.id, name };
}

/**
 * Imports the file's text as project `as` (the file's own name when left out). Parse and
 * schema errors name their line and column; an existing project name is a 409.
 */
export async function importProject(by: Acting, text: string, options: { as?: string } = {}): Promise<ProjectImport> {
  const { file, omitted } = readProjectFile(text);
  const name = projectNameFor(file, options.as);
  const missing = new Set(omitted.map((o) => o.resource));
  const toDeploy = file.spec.apps.filter((a) => !missing.has(`app ${a.name}`)).map((a) => a.name);
  const registries = file.spec.registries.filter((r) => r.password !== undefined);
  // A volume kept from an earlier project of this name holds data initialised with its own
  // credentials: the database reuses them, as Create database does, rather than the file's.
  const kept = await Promise.all(file.spec.databases.map(({ spec }) => keptVolumeFor(name, spec)));
  await getDb().$transaction(async (tx) => {
    const project = await insertProject(tx, by, name, file);
    for (const login of registries) {
      await tx.registryCredential.create({ data: { projectId: project.id, server: login.server, username: login.username, password: sealRegistryPassword(login.password!) } });
      await auditChange(tx, by, "registry.add", name, { server: login.server, username: login.username });
      await queueRegistrySync(tx, by, name, login.server);
    }
    for (const [index, { spec, credentials }] of file.spec.databases.entries()) {
      await inResource(`Database "${spec.name}"`, () => insertDatabase(tx, by, project, spec, kept[index]));
      if (!credentials || kept[index]) continue;
      const row = await tx.database.findFirstOrThrow({ where: { projectId: project.id, name: spec.name } });
      await tx.database.update({ where: { id: row.id }, data: sealCredentials(importedCredentials(spec.engine, credentialsOf(row), credentials)) });
    }
    for (const spec of file.spec.apps) await inResource(`App "${spec.name}"`, () => insertApp(tx, by, project, spec));
    for (const app of toDeploy) await queueDeploy(tx, by, { project: name, app }, { kind: "deploy", action: "app.deploy", change: (_, row) => row });
    await auditChange(tx, by, "project.import", name, { from: file.metadata.name, apps: file.spec.apps.map((a) => a.name), databases: file.spec.databases.map((d) => d.spec.name), secretsLeftToSet: omitted.length });
  });
  wakeQueue();
  const toSet = omitted.map((o) => ({ ...o, where: whereToSet(name, o) }));
  const waiting = file.spec.apps.length - toDeploy.length;
  return {
    project: name,
    apps: file.spec.apps.map((a) => a.name),
    databases: file.spec.databases.map((d) => d.spec.name),
    registries: registries.map((r) => r.server),
    deployed: toDeploy,
    toSet,
    message:
      toSet.length === 0
        ? `Imported project "${name}"; its databases and apps are being deployed.`
        : `Imported project "${name}". ${toSet.length} secret value${toSet.length > 1 ? "s were" : " was"} not in the file and ${toSet.length > 1 ? "are" : "is"} left empty to be set` +
          (waiting > 0 ? `; the ${waiting} app${waiting > 1 ? "s" : ""} needing ${toSet.length > 1 ? "them" : "it"} will deploy once you set ${toSet.length > 1 ? "them" : "it"} and press Deploy.` : "."),
  };
}
