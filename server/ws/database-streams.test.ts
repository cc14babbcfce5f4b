import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as downloadDatabaseLog } from "@/app/api/projects/[project]/databases/[database]/logs/download/route";
import { callRoute, routeRequest } from "@/server/http/testing/route-request";
import { setCluster } from "@/server/kube/cluster";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { databaseLabels, databaseSelector } from "@/server/engine/databases/database-labels";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { deployApp, openTestSocket, startStreamTestEnv, type StreamTestEnv, type TestSocket } from "@/server/ws/testing/stream-test-env";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const output = (s: TestSocket) => s.messages.filter((m) => m.type === "stdout" || m.type === "stderr").map((m) => m.data as string).join("");
const logText = (s: TestSocket) => s.messages.filter((m) => m.type === "lines").flatMap((m) => (m.lines as Array<[number, string, string]>).map((l) => l[2]));

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(30);
  }
}

type PodList = { items: Array<{ metadata: { name: string }; status?: { phase?: string; containerStatuses?: Array<{ state?: { running?: object } }> } }> };

/** A database's StatefulSet as render-database.ts shapes it: container named after the engine, the engine's env. */
async function createDatabase(env: StreamTestEnv, name: string, image: string): Promise<string> {
  const client = kubeClientsFor(env.kubeConfig);
  const labels = databaseLabels("shop", name);
  await client.request({
    method: "POST",
    path: "/apis/apps/v1/namespaces/shop/statefulsets",
    body: {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name, namespace: "shop", labels },
      spec: {
        replicas: 1,
        serviceName: `${name}-headless`,
        selector: { matchLabels: databaseSelector("shop", name) },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: "postgresql",
                image,
                env: [
                  { name: "POSTGRES_USER", value: "app" },
                  { name: "POSTGRES_DB", value: "app" },
                ],
              },
            ],
          },
        },
      },
    },
  });
  const pod = `${name}-0`;
  await waitFor(async () => {
    const list = await client.request<PodList>({ method: "GET", path: "/api/v1/namespaces/shop/pods", query: { labelSelector: `berth.dev/database=${name}` } });
    return list.items.some((p) => p.metadata.name === pod && p.status?.containerStatuses?.every((c) => c.state?.running));
  }, `${pod} running`);
  return pod;
}

/** One run of a task of app `web` as render-cronjob.ts makes it: the pod carries berth.dev/task-of, its container is named after the app; it prints a line and exits 0. */
async function runTask(env: StreamTestEnv): Promise<string> {
  const client = kubeClientsFor(env.kubeConfig);
  const labels = { "app.kubernetes.io/managed-by": "berth", "berth.dev/project": "shop", "berth.dev/task-of": "web" };
  await client.request({
    method: "POST",
    path: "/apis/batch/v1/namespaces/shop/jobs",
    body: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "web-report-1", namespace: "shop", labels },
      spec: { backoffLimit: 0, template: { metadata: { labels }, spec: { restartPolicy: "Never", containers: [{ name: "web", image: "busybox:1.36", command: ["sh", "-c", "echo report written"] }] } } },
    },
  });
  let pod = "";
  await waitFor(async () => {
    const list = await client.request<PodList>({ method: "GET", path: "/api/v1/namespaces/shop/pods", query: { labelSelector: "berth.dev/task-of=web" } });
    pod = list.items.find((p) => p.status?.phase === "Succeeded")?.metadata.name ?? "";
    return pod !== "";
  }, "the task run to finish");
  return pod;
}

let env: StreamTestEnv;
let pgPod: string;

beforeAll(async () => {
  env = await startStreamTestEnv({ limits: { logs: 20, exec: 4 } });
  setCluster({ source: "kubeconfig", origin: "test", kubeConfig: env.kubeConfig, isSimulated: true } as Parameters<typeof setCluster>[0]);
  await deployApp(env, { project: "shop", app: "web", replicas: 1 });
  pgPod = await createDatabase(env, "pg", "postgres:16.6");
}, 30_000);
afterAll(() => env?.stop());

describe("a database's logs and terminal", () => {
  test("the logs socket follows the database's pod, not the apps'", async () => {
    const s = await openTestSocket(env, "/api/ws/logs?project=shop&database=pg&tail=20");
    const opened = await s.waitFor((m) => m.type === "stream" && m.state === "open", 5000, "stream");
    expect(opened).toMatchObject({ pod: pgPod, container: "postgresql" });
    await s.waitFor((m) => m.type === "lines", 5000, "lines");
    expect(s.messages.filter((m) => m.type === "stream").every((m) => m.pod === pgPod)).toBe(true);
    s.ws.close();
  });

  test("the terminal starts psql as the database's user, and it answers SELECT 1; the session is audited", async () => {
    const since = new Date(Date.now() - 1);
    const s = await openTestSocket(env, "/api/ws/exec?project=shop&database=pg");
    expect(await s.waitFor((m) => m.type === "session", 5000, "session")).toMatchObject({ pod: pgPod, container: "postgresql", shell: "psql" });
    await waitFor(() => /app=# $/.test(output(s)), "the psql prompt");
    s.send({ type: "stdin", data: "SELECT 1;\r" });
    await waitFor(() => /\(1 row\)/.test(output(s)), "the answer");
    s.ws.close();
    await s.closed;
    await sleep(200);
    const rows = await getDb().auditEvent.findMany({ where: { action: { in: ["exec.start", "exec.end"] }, target: `shop/${pgPod}/postgresql`, at: { gte: since } }, orderBy: { at: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["exec.start", "exec.end"]);
    expect(JSON.parse(rows[0].detail!)).toMatchObject({ database: "pg", shell: "psql" });
  });

  test("an image without the engine's client falls back to a shell, saying so", async () => {
    const pod = await createDatabase(env, "odd", "busybox:1.36");
    const s = await openTestSocket(env, "/api/ws/exec?project=shop&database=odd");
    await waitFor(() => s.messages.some((m) => m.type === "session" && m.shell !== "psql"), "a shell session");
    expect(s.messages.filter((m) => m.type === "session").at(-1)).toMatchObject({ pod, shell: expect.stringMatching(/^(bash|sh)$/) });
    expect(output(s)).toMatch(/psql is not in this image; starting a shell instead/);
    s.send({ type: "stdin", data: "echo still-here\r" });
    await waitFor(() => /still-here\r\n/.test(output(s)), "the shell's echo");
    s.ws.close();
  }, 20_000);

  test("a viewer may read the database's logs but is refused its terminal; a deploy token is refused both", async () => {
    const viewerLogs = await openTestSocket(env, "/api/ws/logs?project=shop&database=pg", env.viewerToken);
    await viewerLogs.waitFor((m) => m.type === "stream", 5000, "stream");
    viewerLogs.ws.close();
    await expect(openTestSocket(env, "/api/ws/exec?project=shop&database=pg", env.viewerToken)).rejects.toMatchObject({ status: 403 });
    const deployer = (await seedToken({ role: "deployer", userName: "ci", scope: { project: "shop" } })).token;
    await expect(openTestSocket(env, "/api/ws/logs?project=shop&database=pg", deployer)).rejects.toMatchObject({ status: 403, body: expect.stringContaining("deploy token may only") });
    await expect(openTestSocket(env, "/api/ws/exec?project=shop&database=pg", deployer)).rejects.toMatchObject({ status: 403 });
  });

  test("a viewer downloads the database's full log; a deploy token is refused it", async () => {
    const download = (token: string) => callRoute(downloadDatabaseLog, routeRequest("/api/projects/shop/databases/pg/logs/download", { bearer: token }), { project: "shop", database: "pg" });
    const res = await download(env.viewerToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="shop-pg.log"');
    expect((await res.text()).length).toBeGreaterThan(0);
    const deployer = (await seedToken({ role: "deployer", userName: "ci-download", scope: { project: "shop" } })).token;
    expect((await download(deployer)).status).toBe(403);
    const missing = await callRoute(downloadDatabaseLog, routeRequest("/api/projects/shop/databases/nope/logs/download", { bearer: env.viewerToken }), { project: "shop", database: "nope" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("database nope has no pods.");
  });

  test("a query naming both an app and a database, neither, or an unknown parameter is refused with a sentence", async () => {
    await expect(openTestSocket(env, "/api/ws/logs?project=shop&app=web&database=pg")).rejects.toMatchObject({ status: 400, body: expect.stringContaining("either app or database") });
    await expect(openTestSocket(env, "/api/ws/exec?project=shop")).rejects.toMatchObject({ status: 400, body: expect.stringContaining("either app or database") });
    await expect(openTestSocket(env, "/api/ws/logs?project=shop&database=pg&db=x")).rejects.toMatchObject({ status: 400, body: expect.stringContaining("unknown parameter db") });
  });
});

describe("a finished task run's log", () => {
  test("is read to its end over the socket as the Tasks tab's link asks for it, then the stream ends", async () => {
    const pod = await runTask(env);
    const s = await openTestSocket(env, `/api/ws/logs?project=shop&app=web&pod=${pod}&container=web&tail=500`);
    const ended = await s.waitFor((m) => m.type === "stream" && m.state === "ended", 5000, "the stream's end");
    expect(ended).toMatchObject({ pod, container: "web" });
    expect(logText(s)).toContain("report written");
    s.ws.close();
  });
});
