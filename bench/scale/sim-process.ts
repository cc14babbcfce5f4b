/**
 * The scale bench's simulated API server, in its own process as a real one would be (Berth and
 * the bench must not share its CPU thread), seeded with 50 namespaces, 1,000 apps and 10,000
 * pods, controllers off. Prints one JSON line `{ url, caCert, adminToken, pods }`, then answers
 * commands on stdin, one per line:
 *   `watches`              → `{"watches":N}` (watch streams open right now)
 *   `touch <ns> <pod> <n>` → changes the pod's annotation (a MODIFIED event) → `{"touched":n}`
 */
import readline from "node:readline";
import { startSim } from "@/server/sim/start-sim";
import { MemoryStore } from "@/server/sim/store/memory-store";
import { seedCluster } from "@/bench/scale/seed-cluster";

const POD = { group: "", version: "v1", plural: "pods" };
const store = new MemoryStore({ historyLimit: 20_000 });
const pods = seedCluster(store);
const sim = await startSim({ port: 0, controllers: false, store });
console.log(JSON.stringify({ url: sim.url, caCert: sim.caCert, adminToken: sim.adminToken, pods }));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, namespace, name, n] = line.trim().split(" ");
  if (command === "watches") return console.log(JSON.stringify({ watches: sim.openWatchCount() }));
  if (command === "touch") {
    const pod = store.get(POD, namespace, name);
    if (!pod) return console.log(JSON.stringify({ error: `no pod ${namespace}/${name}` }));
    pod.metadata.annotations = { ...pod.metadata.annotations, "bench.berth.dev/touch": n };
    store.update(POD, pod);
    return console.log(JSON.stringify({ touched: Number(n) }));
  }
});
const stop = () => void sim.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
