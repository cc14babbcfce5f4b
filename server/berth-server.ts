import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { PAGE_PATH_HEADER } from "@/lib/login-path";
import { answerBareApiResponsesInJson, answerRefusedApiPath, answerUndecodablePagePath, apiPathProblem } from "@/server/http/request-target-guard";
import { runWithRequestContext, type RequestContext } from "@/server/http/request-context";
import { logRequestOnFinish } from "@/server/http/request-log";
import { recordRequestLine } from "@/server/metrics/berth-metrics";
import type { WsGateway } from "@/server/ws/gateway";

export const CLIENT_IP_HEADER = "x-berth-client-ip";

export interface BerthServerOptions {
  /** Serves every HTTP request that is not a WebSocket upgrade (Next's request handler). */
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  gateway: WsGateway;
  /** Upgrades outside /api/ws/ (Next's dev-mode hot reload); refused when absent. */
  otherUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  logLine?: (line: string) => void;
  /** How long shutdown waits for in-flight requests before cutting connections. */
  drainMs?: number;
}

export interface BerthServer {
  server: http.Server;
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, closes WebSockets with 1001, lets in-flight requests finish (bounded). */
  shutdown(): Promise<void>;
}

/**
 * The one HTTP server: Next's pages and routes plus the WebSocket gateway on the same port.
 * Every request runs in a request context (so the log line can name the user) and carries the
 * socket's address in x-berth-client-ip and its path in PAGE_PATH_HEADER (for the signed-in
 * layout's redirect to /login), overwriting anything the client sent. /api paths Next
 * would answer with a 500 or a redirect are refused here first (see request-target-guard).
 */
const KEEP_ALIVE_MS = 65_000;

export function createBerthServer(options: BerthServerOptions): BerthServer {
  const logLine = options.logLine ?? ((line: string) => process.stdout.write(`${line}\n`));
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    req.headers[PAGE_PATH_HEADER] = req.url ?? "/";
    const context: RequestContext = {};
    logRequestOnFinish(req, res, context, (line) => {
      recordRequestLine(line);
      logLine(line);
    });
    runWithRequestContext(context, () => {
      const problem = apiPathProblem(req.url ?? "/");
      if (problem) return answerRefusedApiPath(req, res, problem);
      if (answerUndecodablePagePath(req.url ?? "/", res)) return;
      answerBareApiResponsesInJson(req, res);
      return options.handle(req, res);
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    const pathname = (req.url ?? "/").split("?")[0];
    if (pathname.startsWith("/api/ws/")) return options.gateway.handleUpgrade(req, socket, head);
    if (options.otherUpgrade) return options.otherUpgrade(req, socket, head);
    socket.destroy();
  });
  refuseLaterUpgradeListeners(server);
  // A client (a browser, a proxy's upstream pool, a CI script) reuses an idle connection; with
  // Node's default 5 s the server may close it just as a request goes out, and that request
  // dies with ECONNRESET. Outlast the usual 60 s idle of proxies and load balancers instead;
  // shutdown still closes idle connections at once.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address();
          const actualPort = typeof address === "object" && address ? address.port : port;
          const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
          resolve(`http://${shownHost}:${actualPort}`);
        });
      });
    },
    async shutdown() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      options.gateway.closeAll(1001, "Berth is shutting down");
      // Keep-alive connections become idle as their last request finishes; close each then.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, options.drainMs ?? 8000);
      });
      await Promise.race([closed, deadline]);
      clearInterval(sweep);
      clearTimeout(timer);
    },
  };
}

/**
 * Berth routes every upgrade itself (the gateway, or `otherUpgrade` for Next's dev reload). Next
 * attaches its own upgrade listener to the server of the first request it handles, and that
 * listener ends any handshake whose path matches an app route — /api/ws/* matches the /api
 * catch-all — while the gateway is still authenticating it. Later upgrade listeners are dropped.
 */
function refuseLaterUpgradeListeners(server: http.Server): void {
  const on = server.on.bind(server) as (event: string | symbol, listener: (...args: unknown[]) => void) => http.Server;
  const guarded = ((event: string | symbol, listener: (...args: unknown[]) => void) => (event === "upgrade" ? server : on(event, listener))) as typeof server.on;
  server.on = guarded;
  server.addListener = guarded;
}
