import { describe, expect, it } from "vitest";
import * as sample from "@/app/api/demo/sample/route";
import * as statusBoard from "@/app/api/status/route";
import { listAudit } from "@/server/auth/audit";
import { getDb } from "@/server/db/client";
import { getCluster, setCluster } from "@/server/kube/cluster";
import { openApiFixture } from "@/server/http/testing/api-fixture";

/** The sample project through its route: demo mode only, admin only, idempotent, and deployed for real. */
const api = openApiFixture();
const call = api.call;
const load = (bearer = api.admin) => call(sample.POST, "/api/demo/sample", { method: "POST", bearer });
const counts = async () => ({ projects: await getDb().project.count(), apps: await getDb().app.count(), revisions: await getDb().revision.count(), audit: await getDb().auditEvent.count() });

type BoardApp = { project: string; app: string; status: { health: string; explanation?: string } | null };

async function boardOfSample(): Promise<Map<string, BoardApp>> {
  const board = await call(statusBoard.GET, "/api/status");
  return new Map((board.body.apps as BoardApp[]).filter((a) => a.project === "sample").map((a) => [a.app, a]));
}

describe("the sample project", () => {
  it("is refused on a real cluster with a sentence, and to a viewer, writing nothing", async () => {
    const before = await counts();
    const demo = getCluster();
    setCluster({ ...demo, isSimulated: false });
    try {
      const refused = await load();
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/only for demo mode.*nothing was created/);
    } finally {
      setCluster(demo);
    }
    expect((await load(api.viewer)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("loads a web app, a worker and an app with a missing image, each deployed and audited", async () => {
    const loaded = await load();
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ project: "sample", apps: ["web", "worker", "api"], created: true });
    expect(loaded.body.operations.map((o: { kind: string; app: string }) => `${o.kind} ${o.app}`)).toEqual(["deploy web", "deploy worker", "deploy api"]);
    const audit = (await listAudit({ limit: 20 })).events.map((e) => `${e.action} ${e.target}`);
    expect(audit).toEqual(expect.arrayContaining(["project.create sample", "app.create sample/web", "app.deploy sample/worker", "sample.load sample"]));

    const web = await getDb().app.findFirstOrThrow({ where: { name: "web", project: { name: "sample" } }, include: { hostnames: true, volumes: true } });
    expect(web.hostnames.map((h) => h.host)).toEqual(["web.sample.localhost"]);
    expect(web.volumes.map((v) => v.mountPath)).toEqual(["/data"]);
  });

  it("rolls out to two healthy apps and one failing with the sentence that says its image does not exist", async () => {
    const deadline = Date.now() + 30_000;
    let apps = await boardOfSample();
    const settled = () => apps.get("web")?.status?.health === "Healthy" && apps.get("worker")?.status?.health === "Healthy" && apps.get("api")?.status?.health === "Failed";
    while (!settled() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      apps = await boardOfSample();
    }
    expect(Object.fromEntries([...apps.values()].map((a) => [a.app, a.status?.health]))).toEqual({ web: "Healthy", worker: "Healthy", api: "Failed" });
    expect(apps.get("api")?.status?.explanation).toContain("nginx:does-not-exist");
  }, 40_000);

  it("says it is already there on a second load and changes nothing", async () => {
    const before = await counts();
    const again = await load();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, operations: [] });
    expect(again.body.message).toContain("already there");
    expect(await counts()).toEqual(before);
  });

  it("finishes a load interrupted halfway: only the missing app is made and deployed", async () => {
    const worker = await getDb().app.findFirstOrThrow({ where: { name: "worker", project: { name: "sample" } } });
    await getDb().app.delete({ where: { id: worker.id } });
    const finished = await load();
    expect(finished.status).toBe(201);
    expect(finished.body.operations.map((o: { app: string }) => o.app)).toEqual(["worker"]);
  });
});
