/**
 * Scale benchmark for the simulated cluster: 1,000 apps (Namespace-less Deployment + Service +
 * ConfigMap + Secret + Ingress each, 5,000+ objects) and 10,000 pods, then the time to list all
 * pods over HTTP, the process memory, and watch event throughput.
 * Run: npx tsx bench/sim/index.ts   (targets: list < 1000 ms, rss < 500 MB)
 */
import { startSim } from "@/server/sim/start-sim";

const APPS = 1000;
const PODS = 10_000;

const sim = await startSim({ port: 0, controllers: false, historyLimit: 1000 });
const { store } = sim;
const ref = (group: string, version: string, plural: string) => ({ group, version, plural });
const ns = "bench";
store.create(ref("", "v1", "namespaces"), { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });

for (let i = 0; i < APPS; i++) {
  const name = `app-${i}`;
  const labels = { app: name, "app.kubernetes.io/managed-by": "berth" };
  store.create(ref("apps", "v1", "deployments"), {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns, labels },
    spec: { replicas: 10, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } } },
  });
  store.create(ref("", "v1", "services"), { apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns, labels }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] } });
  store.create(ref("", "v1", "configmaps"), { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns, labels }, data: { KEY: "value" } });
  store.create(ref("", "v1", "secrets"), { apiVersion: "v1", kind: "Secret", metadata: { name, namespace: ns, labels }, data: { TOKEN: "c2VjcmV0" } });
  store.create(ref("networking.k8s.io", "v1", "ingresses"), { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: ns, labels }, spec: { rules: [{ host: `${name}.example.com` }] } });
}
for (let i = 0; i < PODS; i++) {
  const app = `app-${i % APPS}`;
  store.create(ref("", "v1", "pods"), {
    apiVersion: "v1", kind: "Pod",
    metadata: { name: `${app}-7d9f8c6b5-${String(i).padStart(5, "0")}`, namespace: ns, labels: { app, "pod-template-hash": "7d9f8c6b5" } },
    spec: { nodeName: "sim-node-1", containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80, protocol: "TCP" }] }] },
    status: { phase: "Running", podIP: `10.42.${Math.floor(i / 250)}.${i % 250}`, containerStatuses: [{ name: "web", ready: true, restartCount: 0, image: "nginx:1.27", state: { running: { startedAt: new Date().toISOString() } } }] },
  });
}

const headers = { Authorization: `Bearer ${sim.adminToken}` };
async function timeList(): Promise<{ ms: number; count: number }> {
  const t = performance.now();
  const res = await fetch(`${sim.httpUrl}/api/v1/pods`, { headers });
  const body = (await res.json()) as { items: unknown[] };
  return { ms: performance.now() - t, count: body.items.length };
}
await timeList(); // warm-up
const runs = [await timeList(), await timeList(), await timeList()];
const listMs = Math.min(...runs.map((r) => r.ms));
if (runs[0].count !== PODS) throw new Error(`expected ${PODS} pods, listed ${runs[0].count}`);

// Watch throughput: one HTTP watch receiving N modifications.
const N = 5000;
const ac = new AbortController();
const res = await fetch(`${sim.httpUrl}/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${store.currentResourceVersion()}`, { headers, signal: ac.signal });
const reader = res.body!.getReader();
const t0 = performance.now();
let received = 0;
const reading = (async () => {
  const decoder = new TextDecoder();
  while (received < N) {
    const { value, done } = await reader.read();
    if (done) break;
    received += (decoder.decode(value).match(/\n/g) ?? []).length;
  }
})();
for (let i = 0; i < N; i++) {
  const cm = store.get(ref("", "v1", "configmaps"), ns, `app-${i % APPS}`)!;
  cm.data = { KEY: `v${i}` };
  store.update(ref("", "v1", "configmaps"), cm);
  if (i % 500 === 0) await new Promise((r) => setImmediate(r));
}
await Promise.race([reading, new Promise((r) => setTimeout(r, 30_000))]);
const watchPerS = received / ((performance.now() - t0) / 1000);
ac.abort();

const rssMb = process.memoryUsage().rss / 1024 / 1024;
const objects = APPS * 5 + PODS + 1;
console.log(`objects=${objects} list_runs_ms=${runs.map((r) => r.ms.toFixed(0)).join(",")} watch_received=${received}`);
console.log(
  `RESULT list_10000_pods_ms=${listMs.toFixed(0)} rss_mb=${rssMb.toFixed(0)} watch_events_per_s=${watchPerS.toFixed(0)} ratio_list_to_1s_target=${(listMs / 1000).toFixed(2)} ratio_rss_to_500mb_target=${(rssMb / 500).toFixed(2)}`,
);
await sim.stop();
process.exit(0);
