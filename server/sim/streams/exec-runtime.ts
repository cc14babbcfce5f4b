/**
 * The settings of the simulated API server and node that a real cluster fixes by its versions:
 * which exec subprotocols the API server accepts (v1.28 has no v5; v1.30 on prefers it) and how
 * the container runtime writes a failed start (exec-start-failure.ts). When several orders are
 * allowed, each failed start draws one, and its delay, from a seeded generator, so one seed
 * always gives the same sequence.
 */
import { MISSING_BINARY_ORDERS, type MissingBinaryOrder } from "@/server/sim/streams/exec-start-failure";

export interface ExecRuntimeOptions {
  /** Subprotocols the server accepts, preferred first. Default: v5, v4 and channel.k8s.io (v1.30+). */
  protocols?: string[];
  /** Orders a failed start may use. Default: the recorded containerd one only. */
  missingBinaryOrders?: MissingBinaryOrder[];
  /** Seed of the draws (default 1). */
  seed?: number;
}

export const DEFAULT_EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io", "channel.k8s.io"];
/** The recorded spread between the empty frame and the failure status (05a, 05b, 05d: 18–147 ms). */
const FAILURE_DELAY_MS = { min: 18, max: 147 };

/** mulberry32: small, fast and good enough to spread test orders. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ExecRuntime {
  protocols = DEFAULT_EXEC_PROTOCOLS;
  private orders: MissingBinaryOrder[] = ["empty-then-status"];
  private random = seededRandom(1);

  constructor(options: ExecRuntimeOptions = {}) {
    this.configure(options);
  }

  /** Changes the settings for the execs that start from now on; a given seed restarts its sequence. */
  configure(options: ExecRuntimeOptions): void {
    if (options.protocols) this.protocols = options.protocols;
    if (options.missingBinaryOrders) {
      const unknown = options.missingBinaryOrders.find((o) => !MISSING_BINARY_ORDERS.includes(o));
      if (unknown || options.missingBinaryOrders.length === 0) throw new Error(`missingBinaryOrders: expected some of ${MISSING_BINARY_ORDERS.join(", ")}`);
      this.orders = options.missingBinaryOrders;
    }
    if (options.seed !== undefined) this.random = seededRandom(options.seed);
  }

  /** The order and delay of the next failed start. */
  nextFailure(): { order: MissingBinaryOrder; delayMs: number } {
    const order = this.orders[Math.floor(this.random() * this.orders.length)];
    const delayMs = FAILURE_DELAY_MS.min + Math.floor(this.random() * (FAILURE_DELAY_MS.max - FAILURE_DELAY_MS.min + 1));
    return { order, delayMs };
  }
}
