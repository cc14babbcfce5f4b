import { z } from "zod";
import { revisionSchema } from "@/lib/dto/app";
import { appStatusSchema } from "@/lib/dto/app-status";
import { appParam, containerParam, podParam, projectParam } from "@/lib/schemas/route-params";

/**
 * Messages on /api/ws/live. The server speaks first with `hello`; either side may `ping`
 * and the other answers `pong`, which keeps idle proxies from cutting the socket.
 *
 * After `hello` the server pushes what changed in the cluster (from its shared informers,
 * never a watch per browser): `app-status` carries the whole recomputed status of one app
 * (enough to replace the cached status and patch health in lists); `app-removed` says an app's
 * objects are all gone; `projects-changed` says a namespace came or went. Events are debounced
 * per app on the server, so a burst of pod updates arrives as one message.
 *
 * Deploys are pushed too: `revision-progress` is the rollout's progress sentence while the
 * app's pending revision rolls out, and `revision` the whole revision once its outcome is
 * recorded, so the browser never refetches the revision list to learn how a deploy went.
 */
export const liveClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), id: z.number().int().optional() }).strict(),
]);

export const liveServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), user: z.string(), role: z.enum(["admin", "viewer"]) }),
  z.object({ type: z.literal("pong"), id: z.number().int().optional() }),
  z.object({ type: z.literal("error"), message: z.string() }),
  z.object({ type: z.literal("app-status"), project: z.string(), app: z.string(), status: appStatusSchema }),
  z.object({ type: z.literal("app-removed"), project: z.string(), app: z.string() }),
  z.object({ type: z.literal("projects-changed") }),
  z.object({ type: z.literal("revision-progress"), project: z.string(), app: z.string(), message: z.string() }),
  z.object({ type: z.literal("revision"), project: z.string(), app: z.string(), revision: revisionSchema }),
]);

export type LiveClientMessage = z.infer<typeof liveClientMessage>;
export type LiveServerMessage = z.infer<typeof liveServerMessage>;

/**
 * Query of /api/ws/logs. `resume` is a JSON object `{ "<pod>/<container>": "<RFC 3339 timestamp>" }`
 * holding the last line the client has of each stream: after a reconnect the server restarts each
 * stream after that exact line, so nothing is lost or shown twice.
 */
/**
 * A socket's pods belong to one app or one database of the project: exactly one of `app` and
 * `database` is given, and no other parameter than the listed ones.
 */
function withOneOwner<S extends z.ZodRawShape>(shape: S) {
  return z
    .strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown parameter ${issue.keys.join(", ")}` : undefined) })
    .refine((q: { app?: unknown; database?: unknown }) => (q.app === undefined) !== (q.database === undefined), { message: "give either app or database (one of them)", path: ["app"] });
}

const booleanFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export const logsQuery = withOneOwner({
  project: projectParam,
  app: appParam.optional(),
  database: appParam.optional(),
  pod: podParam.optional(),
  container: containerParam.optional(),
  tail: z.coerce.number().int().min(0).max(100_000).optional(),
  sinceTime: z.iso.datetime({ offset: true }).optional(),
  timestamps: booleanFlag.optional(),
  previous: booleanFlag.optional(),
  resume: z.string().max(16_384).optional(),
});
export type LogsQuery = z.infer<typeof logsQuery>;

/** Query of /api/ws/exec; `pod` may be left out to get the app's (or database's) first running pod. */
export const execQuery = withOneOwner({
  project: projectParam,
  app: appParam.optional(),
  database: appParam.optional(),
  pod: podParam.optional(),
  container: containerParam.optional(),
  cols: z.coerce.number().int().min(1).max(1000).default(80),
  rows: z.coerce.number().int().min(1).max(1000).default(24),
});
export type ExecQuery = z.infer<typeof execQuery>;

/** One log line on the wire: [stream id, RFC 3339 timestamp from the API, text]. Tuples keep batches small. */
export const logLine = z.tuple([z.number().int(), z.string(), z.string()]);
export type LogLine = z.infer<typeof logLine>;

/**
 * Messages on /api/ws/logs, server to client. A `stream` message declares a pod/container under
 * a small id before its first lines and again when it ends (`note` says why); `lines` come in
 * batches in time order; `skipped` marks lines the server dropped for a slow client.
 */
export const logsServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stream"), id: z.number().int(), pod: z.string(), container: z.string(), state: z.enum(["open", "ended"]), note: z.string().optional() }),
  z.object({ type: z.literal("lines"), lines: z.array(logLine) }),
  z.object({ type: z.literal("skipped"), count: z.number().int() }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type LogsServerMessage = z.infer<typeof logsServerMessage>;

/** A pod the exec session may attach to, with its running containers. */
export const execTarget = z.object({ pod: z.string(), containers: z.array(z.string()) });

/** Messages on /api/ws/exec, client to server: keystrokes and terminal size. */
export const execClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("stdin"), data: z.string().max(32_768) }).strict(),
  z.object({ type: z.literal("resize"), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
]);
export type ExecClientMessage = z.infer<typeof execClientMessage>;

/**
 * Messages on /api/ws/exec, server to client. `session` comes once the shell runs (which pod,
 * container and shell, and the other pods one could pick) — again when a database's client was
 * missing and a shell took its place; `exit` is the last message before
 * the server closes the socket (`code` is null when the pod went away or the stream broke).
 */
export const execServerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("session"), pod: z.string(), container: z.string(), shell: z.string(), targets: z.array(execTarget) }),
  z.object({ type: z.literal("stdout"), data: z.string() }),
  z.object({ type: z.literal("stderr"), data: z.string() }),
  z.object({ type: z.literal("exit"), code: z.number().int().nullable(), reason: z.string() }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type ExecServerMessage = z.infer<typeof execServerMessage>;

/** Query of GET …/logs/download: one pod/container, or every pod of the app one after another. */
export const logsDownloadQuery = z
  .object({
    pod: podParam.optional(),
    container: containerParam.optional(),
    previous: booleanFlag.optional(),
    timestamps: booleanFlag.optional(),
  })
  .strict();
export type LogsDownloadQuery = z.infer<typeof logsDownloadQuery>;
