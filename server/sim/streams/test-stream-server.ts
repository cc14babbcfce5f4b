/**
 * For the streams' tests: an HTTP server on 127.0.0.1:0 that routes
 * /api/v1/namespaces/{ns}/pods/{name}/log|exec to the stream handlers, like the API layer does.
 */
import { createServer, type Server } from "node:http";
import type { SimStore } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";
import { createStreamHandlers, type StreamOptions } from "@/server/sim/streams/stream-handlers";

export async function startStreamServer(store: SimStore, opts: StreamOptions = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const handlers = createStreamHandlers(store, opts);
  const route = (url: string) => {
    const u = new URL(url, "http://x");
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(log|exec)$/.exec(u.pathname);
    return m ? { pod: store.get(R.pods, m[1], m[2]), kind: m[3], query: u.searchParams } : undefined;
  };
  const server = createServer((req, res) => {
    const r = route(req.url ?? "");
    if (!r?.pod || r.kind !== "log") return void res.writeHead(404).end();
    handlers.handleLog(req, res, r.pod, r.query);
  });
  server.on("upgrade", (req, socket, head) => {
    const r = route(req.url ?? "");
    if (!r?.pod || r.kind !== "exec") return void socket.destroy();
    handlers.handleExecUpgrade(req, socket, head, r.pod, r.query);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
