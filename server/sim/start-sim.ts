/**
 * Starts the simulated Kubernetes API server in-process: the store, the HTTP server on
 * 127.0.0.1 (plain http, bearer tokens), the simulated controllers and the log/exec streams.
 * Tests start one per file on port 0; `npm run sim` and Berth's demo mode use the same entry.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { SimController } from "@/server/sim/contract";
import { createFaults, FaultState, type SimFaults } from "@/server/sim/faults";
import { handleRequest, handleUpgrade, type SimServerContext } from "@/server/sim/http/handle-request";
import type { PolicyRule } from "@/server/sim/http/rbac";
import { MemoryStore } from "@/server/sim/store/memory-store";
import { SIM_TLS_CERT, SIM_TLS_KEY } from "@/server/sim/tls/sim-certificate";
import { writeKubeconfig } from "@/server/sim/write-kubeconfig";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { simClock, type SimClock } from "@/server/sim/controllers/sim-clock";
import { createStreamHandlers } from "@/server/sim/streams/stream-handlers";
import { ExecRuntime, type ExecRuntimeOptions } from "@/server/sim/streams/exec-runtime";

export interface StartSimOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  host?: "127.0.0.1";
  /** Log lines per second per container produced by pods/log (passed to the streams module). */
  logRate?: number;
  /** Events a watch can resume from before 410 Gone (default 1000). */
  historyLimit?: number;
  /** Period of BOOKMARK events on watches that allow them (default 60 000 ms, kube-apiserver's). */
  bookmarkIntervalMs?: number;
  /** Run the simulated controllers (default true). */
  controllers?: boolean;
  /** Options for the controllers (tickMs etc.), passed through. */
  controllerOptions?: Parameters<typeof startControllers>[1];
  /** Fixed tokens (default: random per start). */
  adminToken?: string;
  readOnlyToken?: string;
  /** Reuse an existing store (used by restart and the bench). */
  store?: MemoryStore;
  /** Exec subprotocols and how failed starts are written (default: v5/v4, the recorded containerd order). */
  exec?: ExecRuntimeOptions;
}

export interface Sim {
  /** https://127.0.0.1:<port> — what kubeconfigs point at (client-go sends tokens only over TLS). */
  url: string;
  /** http://127.0.0.1:<port> — the same server in plain HTTP, for raw requests in tests. */
  httpUrl: string;
  /** PEM of the serving certificate, to trust when calling `url`. */
  caCert: string;
  port: number;
  adminToken: string;
  readOnlyToken: string;
  store: MemoryStore;
  faults: SimFaults;
  /** The exec settings, changeable while the sim runs (tests switch failure orders and subprotocols). */
  exec: ExecRuntime;
  /** The cluster's clock (process-wide): `advance(ms)` / `set(date)` make CronJobs and Job deadlines come due now. */
  clock: SimClock;
  /** Watch streams open right now (bench/fanout proves browsers do not add any). */
  openWatchCount(): number;
  /**
   * Issues a token for `user` that RBAC holds to `rules` (e.g. deploy/berth.yaml's ClusterRole,
   * via clusterRoleRules): the opt-in for tests that check what Berth may not do.
   */
  issueToken(user: string, rules: readonly PolicyRule[]): string;
  /** Writes a kubeconfig for the admin (or the read-only viewer, or an issued token's) user. */
  writeKubeconfig(path: string, opts?: { readOnly?: boolean; token?: string }): Promise<void>;
  /** Stops the server (closing every connection and watch) and the controllers. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port, keeping the store and tokens. */
  restart(opts?: { downMs?: number }): Promise<void>;
}

export async function startSim(opts: StartSimOptions = {}): Promise<Sim> {
  const host = opts.host ?? "127.0.0.1";
  const store = opts.store ?? new MemoryStore({ historyLimit: opts.historyLimit });
  if (!store.peek({ group: "", version: "v1", plural: "namespaces" }, undefined, "default")) {
    store.create({ group: "", version: "v1", plural: "namespaces" }, { apiVersion: "v1", kind: "Namespace", metadata: { name: "default", labels: { "kubernetes.io/metadata.name": "default" } }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
  }
  const adminToken = opts.adminToken ?? randomBytes(24).toString("hex");
  const readOnlyToken = opts.readOnlyToken ?? randomBytes(24).toString("hex");
  const faultState = new FaultState();
  const exec = new ExecRuntime(opts.exec);
  const openWatches = new Set<() => void>();
  let port = opts.port ?? 0;
  const ctx: SimServerContext = {
    store,
    tokens: { adminToken, readOnlyToken, ruleTokens: new Map() },
    faults: faultState,
    streams: createStreamHandlers(store, { logRate: opts.logRate, exec }),
    openWatches,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    serverAddress: () => `${host}:${port}`,
  };
  let controller: SimController | undefined;
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  const listen = async () => {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => void handleRequest(ctx, req, res);
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => handleUpgrade(ctx, req, socket, head);
    const plain = createServer(onRequest).on("upgrade", onUpgrade);
    const secure = createHttpsServer({ cert: SIM_TLS_CERT, key: SIM_TLS_KEY }, onRequest).on("upgrade", onUpgrade);
    // One port, both protocols: a TLS ClientHello starts with byte 0x16.
    server = createNetServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.once("data", (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        (first[0] === 0x16 ? secure : plain).emit("connection", socket);
        process.nextTick(() => socket.resume());
      });
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, host, () => resolve());
    });
    port = (server.address() as { port: number }).port;
    if (opts.controllers !== false) controller ??= startControllers(store, opts.controllerOptions);
  };
  const close = async () => {
    for (const end of [...openWatches]) end();
    const s = server;
    server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      for (const sock of sockets) sock.destroy();
    });
  };
  await listen();
  const url = `https://${host}:${port}`;

  const sim: Sim = {
    url,
    httpUrl: `http://${host}:${port}`,
    caCert: SIM_TLS_CERT,
    port,
    adminToken,
    readOnlyToken,
    store,
    faults: createFaults(faultState, {
      dropWatches: () => {
        for (const end of [...openWatches]) end();
      },
      compactHistory: () => store.compact(),
    }),
    exec,
    clock: simClock,
    openWatchCount: () => openWatches.size,
    issueToken(user, rules) {
      const token = randomBytes(24).toString("hex");
      ctx.tokens.ruleTokens.set(token, { user, rules });
      return token;
    },
    writeKubeconfig: (path, o) => {
      const issued = o?.token ? ctx.tokens.ruleTokens.get(o.token) : undefined;
      if (o?.token && !issued) throw new Error("writeKubeconfig: that token was not issued by this simulator");
      const [token, user] = issued ? [o!.token!, issued.user] : o?.readOnly ? [readOnlyToken, "sim-viewer"] : [adminToken, "sim-admin"];
      return writeKubeconfig(path, url, SIM_TLS_CERT, token, user);
    },
    async stop() {
      controller?.stop();
      controller = undefined;
      await close();
    },
    async restart(o = {}) {
      await close();
      if (o.downMs) await new Promise((r) => setTimeout(r, o.downMs));
      await listen();
    },
  };
  return sim;
}
