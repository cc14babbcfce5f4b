/**
 * The status page's backup warnings: for every scheduled target, whether its backups are
 * overdue. One database query for the schedules and one Job list per project that has any, so
 * a board of many apps without backups costs nothing more.
 */
import type { Job } from "kubernetes-types/batch/v1";
import type { StatusBoard } from "@/lib/dto/status-board";
import { getDb } from "@/server/db/client";
import { backupWarning } from "@/server/engine/backups/backup-warning";
import { LABEL_BACKUP_OF, LABEL_RESTORE } from "@/server/engine/backups/render-backup";
import { databaseSubject, volumeSubject } from "@/server/engine/backups/backup-subject";
import { namespaceName } from "@/server/engine/names";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { listObjects } from "@/server/kube/list-managed";

/** The backup directory of a schedule row's target (the `berth.dev/backup-of` value of its Jobs). */
function dirOf(project: string, targetKind: string, targetName: string): string {
  if (targetKind === "database") return databaseSubject(project, { name: targetName, engine: "postgresql", image: "" }).dir;
  const [app = "", volume = ""] = targetName.split("/");
  return volumeSubject(project, app, volume, {}).dir;
}

/** When each backup directory's newest successful run finished, from the project's backup Jobs. */
function lastSuccesses(jobs: Job[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const job of jobs) {
    const dir = job.metadata?.labels?.[LABEL_BACKUP_OF];
    const done = job.status?.completionTime;
    if (!dir || !done || job.metadata?.labels?.[LABEL_RESTORE] === "true") continue;
    if (!job.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True")) continue;
    if ((last.get(dir) ?? "") < done) last.set(dir, done);
  }
  return last;
}

/** Warnings by `<project>/database/<name>` and `<project>/volume/<app>/<volume>`; a project whose Jobs cannot be read gives none. */
export async function readBackupWarnings(now = new Date()): Promise<Map<string, string>> {
  const rows = await getDb().backupSchedule.findMany({ include: { project: { select: { name: true } } } });
  const projects = [...new Set(rows.map((r) => r.project.name))];
  const jobsByProject = new Map<string, Job[]>();
  await Promise.all(
    projects.map(async (project) => {
      const list = await listObjects(clusterKubeConfig(), resourceKindNamed("Job"), { namespace: namespaceName(project), labelSelector: LABEL_BACKUP_OF }).catch(() => null);
      if (list) jobsByProject.set(project, list.items as unknown as Job[]);
    }),
  );
  const warnings = new Map<string, string>();
  for (const row of rows) {
    const jobs = jobsByProject.get(row.project.name);
    if (!jobs) continue;
    const lastSuccessAt = lastSuccesses(jobs).get(dirOf(row.project.name, row.targetKind, row.targetName)) ?? null;
    const warning = backupWarning({ schedule: row, lastSuccessAt, now });
    if (warning) warnings.set(`${row.project.name}/${row.targetKind}/${row.targetName}`, warning);
  }
  return warnings;
}

/** The board with `backupWarning` on each database and app (an app's first overdue volume, named). */
export function withBackupWarnings(board: Pick<StatusBoard, "apps" | "databases">, warnings: Map<string, string>): Pick<StatusBoard, "apps" | "databases"> {
  return {
    apps: board.apps.map((entry) => {
      const prefix = `${entry.project}/volume/${entry.app}/`;
      const hit = [...warnings].find(([key]) => key.startsWith(prefix));
      return { ...entry, backupWarning: hit ? `Volume "${hit[0].slice(prefix.length)}": ${hit[1]}` : null };
    }),
    databases: board.databases.map((entry) => ({ ...entry, backupWarning: warnings.get(`${entry.project}/database/${entry.database}`) ?? null })),
  };
}
