import { z } from "zod";
import { getDb } from "@/server/db/client";
import { APP_ROWS, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";
import { getProject } from "@/server/engine/model/get-project";
import { parseJsonColumn } from "@/server/engine/spec-rows";

/** The apps of a project, by name; AppError not_found when the project does not exist. */
export async function listApps(project: string): Promise<AppRecord[]> {
  await getProject(project);
  const rows = await getDb().app.findMany({ where: { project: { name: project } }, orderBy: { name: "asc" }, include: APP_ROWS });
  return rows.map(toAppRecord);
}

/**
 * What lists show of an app and what its status needs of its intent, read without validating
 * and redacting the whole spec (which costs more than the query once there are 1,000 apps).
 * An AppRecord has this shape too.
 */
export interface AppListRecord {
  id: string;
  project: string;
  name: string;
  updatedAt: string;
  spec: { image: string; replicas: number; port?: number; hostnames: Array<{ host: string }>; volumes: Array<{ name: string }>; tasks: Array<{ name: string }> };
}

/** The part of App.spec (JSON) that lists read; the rest of it is not parsed. */
const listedCore = z.object({ image: z.string(), replicas: z.number().int(), port: z.number().int().optional(), tasks: z.array(z.object({ name: z.string() })).default([]) });

/**
 * Every app of every project, by project then name, in four statements whatever the number of
 * apps: each table is read whole and joined here. (Prisma's `include` filters the child tables
 * by `IN (…app ids)` and splits that list into chunks under SQLite's parameter limit, so its
 * statement count grows with the apps.)
 */
export async function listAllApps(): Promise<AppListRecord[]> {
  const db = getDb();
  const [apps, projects, hostnames, volumes] = await Promise.all([
    db.app.findMany({ select: { id: true, projectId: true, name: true, spec: true, updatedAt: true } }),
    db.project.findMany({ select: { id: true, name: true } }),
    db.hostname.findMany({ select: { appId: true, host: true, position: true }, orderBy: { position: "asc" } }),
    db.volume.findMany({ select: { appId: true, name: true, position: true }, orderBy: { position: "asc" } }),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const hostnamesOf = byApp(hostnames);
  const volumesOf = byApp(volumes);
  const records = apps.map((a): AppListRecord => {
    const core = parseJsonColumn(`The spec of app "${a.name}"`, a.spec, listedCore);
    return {
      id: a.id,
      project: projectName.get(a.projectId)!,
      name: a.name,
      updatedAt: a.updatedAt.toISOString(),
      spec: { ...core, hostnames: hostnamesOf(a.id), volumes: volumesOf(a.id) },
    };
  });
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // as SQLite orders text
  return records.sort((a, b) => byCodePoint(a.project, b.project) || byCodePoint(a.name, b.name));
}

function byApp<T extends { appId: string }>(rows: T[]): (appId: string) => T[] {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const own = out.get(row.appId);
    if (own) own.push(row);
    else out.set(row.appId, [row]);
  }
  return (appId) => out.get(appId) ?? [];
}

/** What a project's health needs of an app: its name and the replicas its spec asks for. */
export interface AppScaleRecord {
  project: string;
  name: string;
  spec: { replicas: number };
}

/**
 * Every app of every project with its replicas alone, in one statement that reads the number
 * out of the spec in SQLite (json_extract): the project list rolls up health from these, and
 * reading and parsing 1,000 whole specs with their hostnames and volumes (listAllApps) for it
 * was most of its cost, and of the garbage its tail latency paid for. Unordered.
 */
export async function listAllAppScales(): Promise<AppScaleRecord[]> {
  const rows = await getDb().$queryRaw<Array<{ project: string; name: string; replicas: unknown }>>`
    SELECT p.name AS project, a.name AS name, json_extract(a.spec, '$.replicas') AS replicas
    FROM App a JOIN Project p ON p.id = a.projectId`;
  return rows.map((row) => {
    const replicas = typeof row.replicas === "number" || typeof row.replicas === "bigint" ? Number(row.replicas) : Number.NaN;
    if (!Number.isInteger(replicas)) throw new Error(`The spec of app "${row.name}" is invalid: replicas is not an integer.`);
    return { project: row.project, name: row.name, spec: { replicas } };
  });
}
