/**
 * The pods/log and pods/exec handlers the simulated API server calls after it has authenticated
 * the request and loaded the pod.
 */
import type { SimStore, StreamHandlers } from "@/server/sim/contract";
import { createExecHandler } from "@/server/sim/streams/handle-exec";
import { handleLog } from "@/server/sim/streams/handle-log";
import { ExecRuntime } from "@/server/sim/streams/exec-runtime";

export interface StreamOptions {
  /** Lines each running container writes per second (default 2; benchmarks use thousands). */
  logLinesPerSecond?: number;
  /** Alias of logLinesPerSecond (the name start-sim.ts passes). */
  logRate?: number;
  /** The exec subprotocols and failure orders (default: a v1.30 server on containerd, as recorded). */
  exec?: ExecRuntime;
}

export function createStreamHandlers(store: SimStore, opts: StreamOptions = {}): StreamHandlers {
  const rate = opts.logLinesPerSecond ?? opts.logRate ?? 2;
  const exec = createExecHandler(opts.exec ?? new ExecRuntime(), store);
  return {
    handleLog: (req, res, pod, query) => handleLog(store, rate, req, res, pod, query),
    handleExecUpgrade: (req, socket, head, pod, query) => exec(req, socket, head, pod, query),
  };
}
