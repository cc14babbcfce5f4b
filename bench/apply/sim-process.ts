/**
 * Runs the simulated API server (controllers off) in its own process for the apply bench, as a
 * real API server would be: the contenders' client work must not share a CPU thread with the
 * server. Prints one JSON line `{ url, caCert, adminToken }`, then serves until SIGTERM.
 */
import { startSim } from "@/server/sim/start-sim";

const sim = await startSim({ port: 0, controllers: false });
console.log(JSON.stringify({ url: sim.url, caCert: sim.caCert, adminToken: sim.adminToken }));
const stop = () => void sim.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
