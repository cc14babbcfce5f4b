/**
 * The simulated API server in its own process for the log bench, as a real API server would
 * be: Berth and the sim must not share a CPU thread. Args: <kubeconfig path> <log lines/s>.
 * Prints "ready" once the kubeconfig is written, then serves until SIGTERM.
 */
import { startSim } from "@/server/sim/start-sim";

const [kubeconfig, rate] = process.argv.slice(2);
const sim = await startSim({ port: 0, logRate: Number(rate), controllerOptions: { tickMs: 20 } });
await sim.writeKubeconfig(kubeconfig);
console.log("ready");
const stop = () => void sim.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
