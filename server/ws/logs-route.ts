/**
 * The /api/ws/logs gateway route for an app's or a database's pods: any signed-in user (viewers
 * too; a deploy token only for an app in its scope), a valid query, and the per-user stream limit; the session itself is
 * server/ws/logs-session.ts.
 */
import type { IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";
import { logsQuery } from "@/lib/ws-protocol";
import type { Principal } from "@/server/auth/principal";
import type { SharedInformer } from "@/server/kube/informers";
import type { WsGuardedRoute } from "@/server/ws/gateway";
import { handleLogsSession, isResumeMap, type LogsSessionOptions, type LogsSessionStats } from "@/server/ws/logs-session";
import type { StreamLimits } from "@/server/ws/stream-limits";
import { describeQueryError } from "@/server/ws/ws-session-helpers";
import { admitAccess } from "@/server/ws/ws-access";

export interface LogsRouteOptions extends Omit<LogsSessionOptions, "kubeConfig" | "pods"> {
  kubeConfig: () => KubeConfig | undefined;
  pods: (kubeConfig: KubeConfig) => SharedInformer;
  limits: StreamLimits;
  /** Called with each session's counters (tests, the bench). */
  onSession?: (session: { stats(): LogsSessionStats }) => void;
}

export function createLogsRoute(options: LogsRouteOptions): WsGuardedRoute<Principal> {
  const parse = (req: IncomingMessage) => logsQuery.safeParse(Object.fromEntries(new URL(req.url ?? "/", "http://berth.invalid").searchParams));
  return {
    admit(req, principal) {
      const parsed = parse(req);
      if (!parsed.success) return { ok: false, status: 400, message: describeQueryError(parsed.error) };
      // A deploy token reads only its apps' logs (DEPLOYER_CAN), never a database's.
      const { project, app, database } = parsed.data;
      const access = admitAccess(principal, "viewer", database === undefined ? { project, app } : null);
      if (!access.ok) return access;
      if (parsed.data.resume !== undefined && !isResumeMap(parsed.data.resume)) {
        return { ok: false, status: 400, message: 'resume: send a JSON object of "<pod>/<container>": "<timestamp>".' };
      }
      const refusal = options.limits.refusal(principal.userId, "logs");
      return refusal ? { ok: false, status: 429, message: refusal } : { ok: true };
    },
    handle(socket, req, principal) {
      const parsed = parse(req);
      const release = options.limits.acquire(principal.userId, "logs");
      const kubeConfig = options.kubeConfig();
      if (!parsed.success || !release || !kubeConfig) {
        release?.();
        socket.send(JSON.stringify({ type: "error", message: kubeConfig ? "Too many log streams; close one and try again." : "No cluster is connected." }));
        return socket.close(1011, "refused");
      }
      socket.on("close", release);
      const session = handleLogsSession(socket, parsed.data, { ...options, kubeConfig, pods: options.pods(kubeConfig) });
      options.onSession?.(session);
    },
  };
}
