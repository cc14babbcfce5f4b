/**
 * `npm run sim -- --port 0 --kubeconfig <file>`: runs the simulated cluster standalone on
 * 127.0.0.1 until SIGTERM/SIGINT, after writing a kubeconfig for it.
 */
import { parseArgs } from "node:util";
import { startSim } from "@/server/sim/start-sim";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    kubeconfig: { type: "string" },
    "read-only-kubeconfig": { type: "string" },
    "log-rate": { type: "string" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sim: --port must be a number between 0 and 65535, got "${values.port}"`);
  process.exit(2);
}

const sim = await startSim({ port, logRate: values["log-rate"] ? Number(values["log-rate"]) : undefined });
if (values.kubeconfig) await sim.writeKubeconfig(values.kubeconfig);
if (values["read-only-kubeconfig"]) await sim.writeKubeconfig(values["read-only-kubeconfig"], { readOnly: true });
console.log(`sim listening on ${sim.url}`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await sim.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
