import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as app from "@/app/api/projects/[project]/apps/[app]/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as databases from "@/app/api/projects/[project]/databases/route";
import * as database from "@/app/api/projects/[project]/databases/[database]/route";
import * as dbBackups from "@/app/api/projects/[project]/databases/[database]/backups/route";
import * as dbSchedule from "@/app/api/projects/[project]/databases/[database]/backups/schedule/route";
import * as volumeSchedule from "@/app/api/projects/[project]/apps/[app]/volumes/[volume]/backups/schedule/route";
import { getDb } from "@/server/db/client";
import { openApiFixture } from "@/server/http/testing/api-fixture";
import { readObject } from "@/server/kube/read-object";

/**
 * Deleting what a backup schedule is of (a database, an app with a volume) ends the schedule:
 * the row goes and the CronJob is suspended, so it no longer runs — and fails — against a
 * workload that is gone; the CronJob and the files stay, for a database made again under the name.
 */
const api = openApiFixture(async () => {
  await api.call(projects.POST, "/api/projects", { method: "POST", body: { name: "gone" } });
});
const call = api.call;
const P = { project: "gone" };

async function cronJobOf(name: string) {
  return (await readObject(api.fx.cluster.kubeConfig, { apiVersion: "batch/v1", kind: "CronJob", namespace: "gone", name })) as unknown as { spec: { suspend?: boolean; schedule: string } } | undefined;
}

describe("backups of a deleted database or app", () => {
  it("deleting a database, keeping its volume, removes its schedule and suspends its CronJob; made again, it has no schedule", async () => {
    expect((await call(databases.POST, "/api/projects/gone/databases?wait=true", { method: "POST", params: P, body: { name: "pg", engine: "postgresql" } })).body.operation.status).toBe("succeeded");
    const set = await call(dbSchedule.PUT, "/api/projects/gone/databases/pg/backups/schedule", { method: "PUT", params: { ...P, database: "pg" }, body: { schedule: "0 3 * * *" } });
    expect(set.status).toBe(200);
    expect((await cronJobOf("pg-backup"))?.spec.suspend).toBe(false);

    const deleted = await call(database.DELETE, "/api/projects/gone/databases/pg?wait=true", { method: "DELETE", params: { ...P, database: "pg" } });
    expect(deleted.body.operation.status).toBe("succeeded");
    expect(await getDb().backupSchedule.count({ where: { targetKind: "database", targetName: "pg" } })).toBe(0);
    expect(await cronJobOf("pg-backup")).toMatchObject({ spec: { suspend: true } });

    expect((await call(databases.POST, "/api/projects/gone/databases?wait=true", { method: "POST", params: P, body: { name: "pg", engine: "postgresql" } })).body.operation.status).toBe("succeeded");
    expect((await call(dbBackups.GET, "/api/projects/gone/databases/pg/backups", { params: { ...P, database: "pg" } })).body.schedule).toBeNull();
  }, 90_000);

  it("deleting an app removes the schedules of its volumes and suspends their CronJobs", async () => {
    await call(apps.POST, "/api/projects/gone/apps", { method: "POST", params: P, body: { name: "web", image: "nginx:1.27", port: 80, volumes: [{ name: "data", mountPath: "/data", size: "1Gi" }] } });
    expect((await call(deploy.POST, "/api/projects/gone/apps/web/deploy?wait=true", { method: "POST", params: { ...P, app: "web" } })).body.operation.status).toBe("succeeded");
    expect((await call(volumeSchedule.PUT, "/api/projects/gone/apps/web/volumes/data/backups/schedule", { method: "PUT", params: { ...P, app: "web", volume: "data" }, body: { schedule: "@daily" } })).status).toBe(200);
    expect((await cronJobOf("web-data-backup"))?.spec.suspend).toBe(false);

    const deleted = await call(app.DELETE, "/api/projects/gone/apps/web?wait=true", { method: "DELETE", params: { ...P, app: "web" } });
    expect(deleted.body.operation.status).toBe("succeeded");
    expect(await getDb().backupSchedule.count({ where: { targetKind: "volume" } })).toBe(0);
    expect((await cronJobOf("web-data-backup"))?.spec.suspend).toBe(true);
  }, 90_000);
});
