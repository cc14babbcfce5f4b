/**
 * `npm run bench -- apply`: applies 100 rendered apps (Secret, PVC, Deployment, Service, Ingress
 * each, over 10 namespaces) to one simulated API server three ways, in one run:
 *   engine — Berth's applyObjects per app (kinds in order, one kind's objects in parallel), 4 apps
 *            at a time as the operation queue runs deploys (its default concurrency);
 *   kubectl — `kubectl apply --server-side -f <dir>` of the same manifests as YAML files;
 *   raw    — a bare concurrent server-side-apply PATCH loop (the floor).
 * Each contender gets a fresh API server and its own namespaces, so all do the same work from scratch
 * (kubectl's time includes its start and discovery, as a user would pay it).
 * The simulated API server runs in its own process (as a real one would), with its controllers
 * off so pods being created for earlier contenders do not slow later ones down. Target: engine ≥ 3× faster than kubectl and within 1.5× of raw.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import https from "node:https";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { applyObjects } from "@/server/engine/apply-objects";
import { loadFiles } from "@/server/kube/find-cluster";
import type { KubeObject } from "@/server/kube/kube-object";
import { kubeconfigYaml } from "@/server/sim/write-kubeconfig";
import { renderBenchApps, uniqueObjects, APP_COUNT } from "@/bench/apply/render-bench-apps";
import { rawApply } from "@/bench/apply/raw-apply";

const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const RAW_CONCURRENCY = 16;
/** The operation queue's default: deploys of different apps run 4 at a time. */
const ENGINE_APP_CONCURRENCY = 4;
/** Each contender runs this many times (fresh server each time); the median counts. `-- --rounds N`. */
const ROUNDS = Math.max(1, Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 3);

async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function time(label: string, run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  const ms = Math.round(performance.now() - start);
  console.log(`${label.padEnd(8)} ${ms} ms`);
  return ms;
}

function runKubectl(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(KUBECTL, args, { env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

async function writeManifests(dir: string, apps: KubeObject[][]): Promise<void> {
  const { namespaces, rest } = uniqueObjects(apps);
  const docs = (objects: KubeObject[]) => objects.map((o) => stringify(o)).join("---\n");
  // kubectl reads a directory's files in name order: namespaces first, then one file per app.
  await writeFile(path.join(dir, "000-namespaces.yaml"), docs(namespaces));
  await Promise.all(rest.map((objects, i) => writeFile(path.join(dir, `${String(i + 1).padStart(3, "0")}-app.yaml`), docs(objects))));
}

type SimInfo = { url: string; caCert: string; adminToken: string };

/** Starts bench/apply/sim-process.ts and reads its first line; bounded by a timeout. */
function startSimProcess(): Promise<{ info: SimInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "sim-process.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the simulated API server did not start within 60 s")), 60_000);
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n")) {
        clearTimeout(timer);
        resolve({ info: JSON.parse(line) as SimInfo, child });
      }
    });
    child.on("exit", (code) => reject(new Error(`the simulated API server exited (${code}) before it started`)));
  });
}

/** How many of the rendered kinds exist in namespaces starting with `prefix-`. */
async function countObjects(sim: SimInfo, prefix: string): Promise<number> {
  const paths = ["/api/v1/secrets", "/api/v1/persistentvolumeclaims", "/apis/apps/v1/deployments", "/api/v1/services", "/apis/networking.k8s.io/v1/ingresses"];
  let total = 0;
  for (const p of paths) {
    const list = await new Promise<{ items: KubeObject[] }>((resolve, reject) => {
      https
        .get(new URL(p, sim.url), { ca: sim.caCert, headers: { Authorization: `Bearer ${sim.adminToken}` }, timeout: 30_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        })
        .on("error", reject);
    });
    total += list.items.filter((o) => o.metadata.namespace?.startsWith(`${prefix}-`)).length;
  }
  return total;
}

const EXPECTED = APP_COUNT * 5;

/**
 * Runs one contender against a fresh simulated API server (its own process), warmed with 20
 * throwaway apps, then checks every object arrived. A fresh server per contender means none
 * pays for a store the others filled.
 */
async function contendMedian(label: string, prefix: string, run: (sim: SimInfo, kubeconfigPath: string, work: string) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) times.push(await contend(ROUNDS > 1 ? `${label}#${round}` : label, prefix, run));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function contend(label: string, prefix: string, run: (sim: SimInfo, kubeconfigPath: string, work: string) => Promise<unknown>): Promise<number> {
  const { info: sim, child } = await startSimProcess();
  const work = await mkdtemp(path.join(os.tmpdir(), "berth-bench-apply-"));
  try {
    const kubeconfigPath = path.join(work, "kubeconfig.yaml");
    await writeFile(kubeconfigPath, kubeconfigYaml(sim.url, sim.caCert, sim.adminToken), { mode: 0o600 });
    const warm = uniqueObjects(renderBenchApps("b-warm").slice(0, 20));
    await rawApply({ url: sim.url, caCert: sim.caCert, token: sim.adminToken, namespaces: warm.namespaces, objects: warm.rest.flat(), concurrency: RAW_CONCURRENCY });
    const ms = await time(label, () => run(sim, kubeconfigPath, work));
    const n = await countObjects(sim, prefix);
    if (n !== EXPECTED) throw new Error(`${label}: ${n} objects in the cluster, expected ${EXPECTED} — it did not do the whole job.`);
    return ms;
  } finally {
    child.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
  }
}

console.log(`Applying ${APP_COUNT} apps (${EXPECTED} objects + 10 namespaces), each contender against a fresh simulated API server`);

const engineApps = renderBenchApps("b-engine");
const engineMs = await contendMedian("engine", "b-engine", (_sim, kubeconfigPath) => {
  const kubeConfig = loadFiles([kubeconfigPath]);
  return inPool(engineApps, ENGINE_APP_CONCURRENCY, (objects) => applyObjects(kubeConfig, objects));
});

const kubectlApps = renderBenchApps("b-kubectl");
const kubectlMs = await contendMedian("kubectl", "b-kubectl", async (_sim, kubeconfigPath, work) => {
  const manifests = path.join(work, "manifests");
  await mkdir(manifests);
  await writeManifests(manifests, kubectlApps);
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, KUBECACHEDIR: path.join(work, "kube-cache"), HOME: work };
  return runKubectl(["apply", "--server-side", "--field-manager=bench-kubectl", "-f", manifests], env);
});

const raw = uniqueObjects(renderBenchApps("b-raw"));
const rawMs = await contendMedian("raw", "b-raw", (sim) =>
  rawApply({ url: sim.url, caCert: sim.caCert, token: sim.adminToken, namespaces: raw.namespaces, objects: raw.rest.flat(), concurrency: RAW_CONCURRENCY }),
);

const kubectlOverEngine = kubectlMs / engineMs;
const engineOverRaw = engineMs / rawMs;
console.log(`median of ${ROUNDS}: engine ${engineMs} ms · kubectl ${kubectlMs} ms · raw ${rawMs} ms`);
console.log(`kubectl/engine ${kubectlOverEngine.toFixed(2)}× (target ≥ 3) · engine/raw ${engineOverRaw.toFixed(2)}× (target ≤ 1.5)`);
console.log(
  `RESULT engine_ms=${engineMs} kubectl_ms=${kubectlMs} raw_ms=${rawMs} kubectl_over_engine=${kubectlOverEngine.toFixed(2)} engine_over_raw=${engineOverRaw.toFixed(2)}`,
);
