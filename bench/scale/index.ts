/**
 * `npm run bench -- scale`: Berth at 1,000 apps. A simulated cluster in its own process holds 50
 * projects, 1,000 apps and 10,000 pods (a tenth of the apps failing, a tenth degraded); Berth runs
 * as the container image runs it (the Dockerfile's runtime files, ENV and CMD; after `npm run build`)
 * pointed at it, on a database seeded with the matching projects, apps and revisions. Prints,
 * side by side with the same information read from the simulated API directly (the floor):
 *   - p50/p95 of GET /api/status, /api/projects, /api/projects/:p and one app's status
 *     (targets: status p95 ≤ 300 ms, the others ≤ 100 ms);
 *   - the database statements each makes, counted at the SQLite adapter by running the same engine
 *     query in this process on Berth's database (constant in the number of apps);
 *   - pod change → `app-status` at a subscribed live client, with 100 clients open (p95 ≤ 250 ms),
 *     and the API watches open with 1 and with 100 clients (one per informed kind, as with 1 app);
 *   - Berth's RSS after start, after the lists and after 100 live clients (≤ 300 MB).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import type { LiveServerMessage } from "@/lib/ws-protocol";
import { generateToken } from "@/server/auth/token-format";
import { closeDb, dbQueryCount, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { listProjectSummaries } from "@/server/engine/queries/list-project-summaries";
import { readAppStatus } from "@/server/engine/queries/read-app-status";
import { readProject } from "@/server/engine/queries/read-project";
import { readStatusBoard } from "@/server/engine/queries/read-status-board";
import { setCluster } from "@/server/kube/cluster";
import { loadFiles } from "@/server/kube/find-cluster";
import { stopInformers } from "@/server/kube/informers";
import { INFORMED_KINDS } from "@/server/kube/kind-registry";
import { kubeconfigYaml } from "@/server/sim/write-kubeconfig";
import { startBerthProcess, startSimProcess, type BerthProcess, type SimProcess } from "@/bench/scale/child-processes";
import { agentsDestroy, getJson, percentile, timeRepeated, type Target } from "@/bench/scale/http-timing";
import { seedModel } from "@/bench/scale/seed-model";
import { APPS_PER_PROJECT, PODS_PER_APP, appName, projectName } from "@/bench/scale/scale-shape";

const REPEATS = { status: 20, other: 40 };
const LIVE_CHANGES = 60;
const LIVE_CLIENTS = 100;
const PROJECT = projectName(7);
const APP = appName(3);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms: number) => `${Math.round(ms)}`.padStart(6);

interface Read {
  label: string;
  times: number;
  berth: string;
  /** The same information straight from the API server: what a client without Berth would list. */
  floor: string[];
  /** The engine query behind the route, run in this process to count its database statements. */
  query: () => Promise<unknown>;
}

const READS: Read[] = [
  { label: "GET /api/status", times: REPEATS.status, berth: "/api/status", floor: ["/apis/apps/v1/deployments", "/apis/apps/v1/replicasets", "/api/v1/pods", "/api/v1/events"], query: readStatusBoard },
  { label: "GET /api/projects", times: REPEATS.other, berth: "/api/projects", floor: ["/api/v1/namespaces", "/apis/apps/v1/deployments", "/api/v1/pods"], query: listProjectSummaries },
  { label: `GET /api/projects/${PROJECT}`, times: REPEATS.other, berth: `/api/projects/${PROJECT}`, floor: [`/api/v1/namespaces/${PROJECT}`, `/apis/apps/v1/namespaces/${PROJECT}/deployments`, `/api/v1/namespaces/${PROJECT}/pods`], query: () => readProject(PROJECT) },
  {
    label: "one app's status",
    times: REPEATS.other,
    berth: `/api/projects/${PROJECT}/apps/${APP}/status`,
    floor: [`/apis/apps/v1/namespaces/${PROJECT}/deployments/${APP}`, `/api/v1/namespaces/${PROJECT}/pods?labelSelector=berth.dev%2Fapp%3D${APP}`, `/api/v1/namespaces/${PROJECT}/events`],
    query: () => readAppStatus(PROJECT, APP),
  },
];

function openLiveClient(berth: BerthProcess, token: string): Promise<{ ws: WebSocket; messages: Array<{ at: number; message: LiveServerMessage }> }> {
  const ws = new WebSocket(`${berth.url.replace(/^http/, "ws")}/api/ws/live`, { headers: { Authorization: `Bearer ${token}`, Origin: berth.url } });
  const messages: Array<{ at: number; message: LiveServerMessage }> = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the live socket did not greet within 30 s")), 30_000);
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as LiveServerMessage;
      if (message.type !== "hello") return void messages.push({ at: performance.now(), message });
      clearTimeout(timer);
      resolve({ ws, messages });
    });
    ws.once("error", reject);
  });
}

async function measureLive(sim: SimProcess, berth: BerthProcess, token: string) {
  const opening = performance.now();
  const first = await openLiveClient(berth, token);
  console.log(`first live client greeted in ${Math.round(performance.now() - opening)} ms`);
  await wait(1000);
  const watches1 = Number((await sim.command("watches")).watches);
  // One after another: each upgrade verifies the token (a deliberately slow hash) before it is greeted.
  const others = [];
  while (others.length < LIVE_CLIENTS - 1) others.push(await openLiveClient(berth, token));
  await wait(1000);
  const watches100 = Number((await sim.command("watches")).watches);
  const latencies: number[] = [];
  for (let i = 0; i < LIVE_CHANGES; i++) {
    const project = projectName((i * 7) % 50);
    const app = appName((i * 3) % APPS_PER_PROJECT);
    const pod = `${app}-5d8f7c9b4-p${i % PODS_PER_APP}`;
    const seen = first.messages.length;
    const start = performance.now();
    await sim.command(`touch ${project} ${pod} ${i}`);
    const deadline = Date.now() + 5000;
    let arrived: number | undefined;
    while (arrived === undefined && Date.now() < deadline) {
      arrived = first.messages.slice(seen).find((m) => m.message.type === "app-status" && m.message.project === project && m.message.app === app)?.at;
      if (arrived === undefined) await wait(2);
    }
    if (arrived === undefined) throw new Error(`no app-status for ${project}/${app} within 5 s of its pod change`);
    latencies.push(arrived - start);
    await wait(50);
  }
  const rss = berth.rssMb();
  for (const client of [first, ...others]) client.ws.close();
  return { latencies: latencies.sort((a, b) => a - b), watches1, watches100, rss };
}

async function countQueries(kubeconfig: string): Promise<number[]> {
  const kubeConfig = loadFiles([kubeconfig]);
  setCluster({ source: "kubeconfig", origin: kubeconfig, kubeConfig, isSimulated: true });
  const counts: number[] = [];
  for (const read of READS) {
    await read.query(); // the first call waits for this process's informers to sync
    const before = dbQueryCount();
    await read.query();
    counts.push(dbQueryCount() - before);
  }
  await stopInformers();
  return counts;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-scale-"));
  const dataDir = path.join(dir, "data");
  let sim: SimProcess | undefined;
  let berth: BerthProcess | undefined;
  try {
    const seeding = performance.now();
    sim = await startSimProcess();
    const kubeconfig = path.join(dir, "kubeconfig.yaml");
    fs.writeFileSync(kubeconfig, kubeconfigYaml(sim.info.url, sim.info.caCert, sim.info.adminToken), { mode: 0o600 });
    process.env.BERTH_DATA_DIR = dataDir;
    await migrateDatabase(dataDir);
    await seedModel(getDb());
    console.log(`seeded ${await getDb().project.count()} projects, ${await getDb().app.count()} apps, ${sim.info.pods} pods in ${Math.round(performance.now() - seeding)} ms`);

    const { token } = generateToken();
    berth = await startBerthProcess({ dataDir, kubeconfig, adminToken: token });
    await wait(1000);
    const rssStart = berth.rssMb();

    const berthTarget: Target = { base: berth.url, token };
    const floorTarget: Target = { base: sim.info.url, token: sim.info.adminToken, ca: sim.info.caCert };
    const rows: Array<{ label: string; berth: number[]; floor: number[] }> = [];
    for (const read of READS) {
      await getJson(berthTarget, read.berth); // warm: informers sync, Next compiles nothing in production but loads the route
      const b = await timeRepeated(read.times, () => getJson(berthTarget, read.berth));
      const f = await timeRepeated(read.times, () => Promise.all(read.floor.map((p) => getJson(floorTarget, p))));
      rows.push({ label: read.label, berth: b, floor: f });
      console.log(`measured ${read.label}: Berth p95 ${fmt(percentile(b, 95))} ms, API p95 ${fmt(percentile(f, 95))} ms`);
    }
    const board = (await getJson(berthTarget, "/api/status")) as { apps: Array<{ status: { health: string } | null }> };
    const healths = board.apps.reduce<Record<string, number>>((acc, e) => ((acc[e.status?.health ?? "null"] = (acc[e.status?.health ?? "null"] ?? 0) + 1), acc), {});
    const rssLists = berth.rssMb();

    const live = await measureLive(sim, berth, token);
    berth.stop();
    berth = undefined;
    const queries = await countQueries(kubeconfig);

    console.log(`\nstatus board: ${board.apps.length} apps, ${JSON.stringify(healths)}`);
    console.log(`\n${"read".padEnd(34)} ${"Berth p50".padStart(9)} ${"p95".padStart(6)}   ${"API p50".padStart(7)} ${"p95".padStart(6)}   DB statements`);
    rows.forEach((row, i) => {
      console.log(`${row.label.padEnd(34)} ${fmt(percentile(row.berth, 50)).padStart(9)} ${fmt(percentile(row.berth, 95))}   ${fmt(percentile(row.floor, 50)).padStart(7)} ${fmt(percentile(row.floor, 95))}   ${queries[i]}`);
    });
    console.log("(ms; API = the same objects listed straight from the simulated API server, in parallel)");
    console.log(`\npod change → app-status at a live client (${LIVE_CLIENTS} clients, ${LIVE_CHANGES} changes, 100 ms debounce included): p50 ${fmt(percentile(live.latencies, 50))} ms, p95 ${fmt(percentile(live.latencies, 95))} ms`);
    console.log(`API watches open: ${live.watches1} with 1 live client, ${live.watches100} with ${LIVE_CLIENTS} (one per informed kind: ${INFORMED_KINDS.length}, as with 1 app)`);
    console.log(`Berth RSS: ${rssStart} MB after start, ${rssLists} MB after the lists, ${live.rss} MB with ${LIVE_CLIENTS} live clients`);
    const byLabel = (i: number) => Math.round(percentile(rows[i].berth, 95));
    console.log(
      `RESULT status_p95_ms=${byLabel(0)} projects_p95_ms=${byLabel(1)} queries_status=${queries[0]} live_p95_ms=${Math.round(percentile(live.latencies, 95))} rss_mb=${Math.max(rssStart, rssLists, live.rss)}` +
        ` project_p95_ms=${byLabel(2)} app_status_p95_ms=${byLabel(3)} queries_projects=${queries[1]} watches=${live.watches100}`,
    );
  } finally {
    berth?.stop();
    sim?.stop();
    agentsDestroy();
    await closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
