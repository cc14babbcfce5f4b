/**
 * /api/ws/logs: the merged, followed log of an app (or one pod/container) for one browser tab.
 * One upstream `pods/log?follow=true&timestamps=true` per running container; pods that start
 * later (a rollout, a restart) join through the shared Pod informer, and a pod that goes away
 * ends its stream with a note. Lines go out in time-ordered batches. When the browser reads
 * slower than the cluster writes, upstream reading pauses (TCP backpressure), so the server's
 * memory per socket stays bounded; closing the socket aborts every upstream request.
 */
import type { IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";
import type { WebSocket } from "ws";
import { z } from "zod";
import { logsQuery, type LogsQuery, type LogsServerMessage } from "@/lib/ws-protocol";
import type { Principal } from "@/server/auth/principal";
import type { KubeObject } from "@/server/kube/kube-object";
import { KubeApiError, KubeNetworkError } from "@/server/kube/kube-api-error";
import type { InformerEvent, SharedInformer } from "@/server/kube/informers";
import { openLogStream, splitTimestamp, timestampNs, wholeSecond, type LogResponse } from "@/server/kube/log-stream";
import type { WsGuardedRoute } from "@/server/ws/gateway";
import { LogMergeQueue } from "@/server/ws/log-merge-queue";
import { containerNames, containerStatus, isAppPod, isRunning } from "@/server/ws/app-pods";
import type { StreamLimits } from "@/server/ws/stream-limits";
import { describeQueryError, startKeepalive } from "@/server/ws/ws-session-helpers";

export interface LogsSessionOptions {
  kubeConfig: KubeConfig;
  pods: SharedInformer;
  flushMs?: number;
  maxBatch?: number;
  /** Socket bytes queued in the kernel's stead before upstream reading pauses. */
  highWaterBytes?: number;
  /** Lines waiting to be sent before upstream reading pauses. */
  maxPendingLines?: number;
  keepaliveMs?: number;
  /** Lines kept for the first message when no tail was asked for. */
  defaultTail?: number;
}

export interface LogsSessionStats {
  upstreamOpen: number;
  isPaused: boolean;
  pendingLines: number;
  sentLines: number;
  skippedLines: number;
  /** Bytes the socket holds that the kernel has not taken yet. */
  bufferedBytes: number;
}

interface Stream {
  id: number;
  pod: string;
  container: string;
  response?: LogResponse;
  isActive: boolean;
  /** Timestamp of the last line delivered; a reopened stream continues after it. */
  cursor?: string;
  /** Container instance whose log has been read to its end; not reopened. */
  finishedInstance?: string;
  /** Reopen attempts since the last line arrived (for backoff). */
  retries: number;
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

const MAX_LINE_CHARS = 16_384;
const resumeMap = z.record(z.string().max(600), z.string().max(40));

/** Runs one logs socket until it closes; returns live counters (for tests and the bench). */
export function handleLogsSession(socket: WebSocket, query: LogsQuery, options: LogsSessionOptions): { stats(): LogsSessionStats } {
  const flushMs = options.flushMs ?? 50;
  const maxBatch = options.maxBatch ?? 500;
  const highWater = options.highWaterBytes ?? 1024 * 1024;
  const maxPending = options.maxPendingLines ?? 5000;
  const ref = { project: query.project, app: query.app, pod: query.pod };
  const resume = parseResume(query.resume);
  const globalCursor = latest([...Object.values(resume), ...(query.sinceTime ? [query.sinceTime] : [])]);
  const streams = new Map<string, Stream>();
  const queue = new LogMergeQueue();
  let nextId = 1;
  let isClosed = false;
  let isPaused = false;
  let sentLines = 0;
  let skippedLines = 0;
  let isStarted = false;

  const send = (message: LogsServerMessage) => {
    if (!isClosed) socket.send(JSON.stringify(message));
  };

  function setPaused(pause: boolean) {
    if (pause === isPaused) return;
    isPaused = pause;
    for (const s of streams.values()) {
      if (pause) s.response?.body.pause();
      else s.response?.body.resume();
    }
  }

  function flush() {
    if (isClosed) return;
    if (socket.bufferedAmount > highWater) return setPaused(true);
    for (let i = 0; i < 20 && queue.size > 0 && socket.bufferedAmount <= highWater; i++) {
      const lines = queue.take(maxBatch);
      if (lines.length === 0) break;
      sentLines += lines.length;
      send({ type: "lines", lines });
    }
    setPaused(socket.bufferedAmount > highWater / 2 || queue.size >= maxPending);
  }

  function endStream(s: Stream, note: string) {
    if (!s.isActive) return;
    s.isActive = false;
    s.response?.abort();
    s.response = undefined;
    queue.closeStream(s.id);
    flush();
    send({ type: "stream", id: s.id, pod: s.pod, container: s.container, state: "ended", note });
  }

  /**
   * The upstream broke while the container still runs (a network error, an API server or proxy
   * timeout): reopen from the cursor after a backoff, without telling the reader it ended.
   */
  function retryLater(s: Stream, reason: string): boolean {
    const current = options.pods.get(s.pod, query.project);
    if (isClosed || query.previous || !current || !isRunning(current, s.container)) return false;
    s.isActive = false;
    s.response = undefined;
    queue.closeStream(s.id);
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(s.retries++, 10));
    if (s.retries === 3) send({ type: "error", message: `Reconnecting to ${s.pod}/${s.container}: ${reason}` });
    setTimeout(() => {
      if (isClosed || s.isActive) return;
      const latest = options.pods.get(s.pod, query.project);
      if (latest && isRunning(latest, s.container)) return void startStream(latest, s.container, false);
      send({ type: "stream", id: s.id, pod: s.pod, container: s.container, state: "ended", note: latest ? `Container ${s.container} of ${s.pod} stopped.` : `Pod ${s.pod} went away.` });
    }, delay).unref();
    return true;
  }

  async function startStream(pod: KubeObject, container: string, isInitial: boolean) {
    const key = `${pod.metadata.name}/${container}`;
    let s = streams.get(key);
    if (!s) {
      s = { id: nextId++, pod: pod.metadata.name, container, isActive: false, retries: 0, cursor: resume[key] ?? (query.resume ? globalCursor : query.sinceTime) };
      streams.set(key, s);
    }
    if (s.isActive) return;
    const instance = containerStatus(pod, container)?.containerID;
    if (!query.previous && (!isRunning(pod, container) || (instance && s.finishedInstance === instance))) return;
    s.isActive = true;
    queue.openStream(s.id);
    send({ type: "stream", id: s.id, pod: s.pod, container, state: "open" });
    const stream = s;
    const dropThrough = stream.cursor ? timestampNs(stream.cursor) : undefined;
    try {
      const response = await openLogStream(options.kubeConfig, {
        namespace: query.project,
        pod: stream.pod,
        container,
        follow: !query.previous,
        previous: query.previous,
        timestamps: true,
        ...(stream.cursor ? { sinceTime: wholeSecond(stream.cursor) } : { tailLines: isInitial ? query.tail ?? options.defaultTail ?? 1000 : undefined }),
      });
      if (isClosed || !stream.isActive) return response.abort();
      stream.response = response;
      if (isPaused) response.body.pause();
      let partial = "";
      response.body.setEncoding("utf8");
      response.body.on("data", (chunk: string) => {
        const parts = (partial + chunk).split("\n");
        partial = parts.pop() ?? "";
        if (partial.length > MAX_LINE_CHARS) partial = partial.slice(0, MAX_LINE_CHARS);
        for (const raw of parts) {
          const { ts, text } = splitTimestamp(raw);
          const ns = ts ? timestampNs(ts) : undefined;
          if (ts === undefined || ns === undefined) continue;
          if (dropThrough !== undefined && ns <= dropThrough) continue;
          stream.cursor = ts;
          stream.retries = 0;
          queue.push(stream.id, ns, ts, text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text);
        }
        if (queue.size >= maxPending) setPaused(true);
        const dropped = queue.trimTo(maxPending * 2);
        if (dropped > 0) {
          skippedLines += dropped;
          send({ type: "skipped", count: dropped });
        }
      });
      response.body.on("close", () => {
        if (stream.response !== response) return;
        const current = options.pods.get(stream.pod, query.project);
        const isSameInstance = current && containerStatus(current, container)?.containerID === instance;
        if (isSameInstance && !response.body.readableEnded && retryLater(stream, "the log stream broke")) return;
        if (isSameInstance && response.body.readableEnded && isRunning(current, container) && retryLater(stream, "the API server ended the stream")) return;
        stream.finishedInstance = current ? containerStatus(current, container)?.containerID ?? instance : instance;
        const note = query.previous
          ? "End of the previous container's log."
          : !current
            ? `Pod ${stream.pod} went away.`
            : `Container ${container} of ${stream.pod} stopped.`;
        endStream(stream, note);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const isTransient = error instanceof KubeNetworkError || (error instanceof KubeApiError && (error.code === 429 || error.code >= 500));
      if (isTransient && retryLater(stream, message)) return;
      endStream(stream, message);
    }
  }

  function considerPod(pod: KubeObject, isInitial: boolean) {
    if (!isAppPod(pod, ref)) return;
    for (const container of containerNames(pod)) {
      if (query.container && container !== query.container) continue;
      void startStream(pod, container, isInitial);
    }
  }

  function handleInformerEvent(event: InformerEvent) {
    if (!isStarted || !isAppPod(event.object, ref)) return;
    if (event.type === "delete") {
      for (const s of streams.values()) if (s.pod === event.object.metadata.name) endStream(s, `Pod ${s.pod} was deleted.`);
    } else if (!query.previous) considerPod(event.object, false);
  }

  const unsubscribe = options.pods.subscribe(handleInformerEvent);
  const flushTimer = setInterval(flush, flushMs);
  const stopKeepalive = startKeepalive(socket, options.keepaliveMs);
  socket.on("close", () => {
    isClosed = true;
    clearInterval(flushTimer);
    stopKeepalive();
    unsubscribe();
    for (const s of streams.values()) s.response?.abort();
  });
  socket.on("message", () => {});

  options.pods.waitForSync(10_000).then(
    () => {
      if (isClosed) return;
      isStarted = true;
      const pods = options.pods.list(query.project).filter((p) => isAppPod(p, ref));
      if (pods.length === 0) send({ type: "error", message: query.pod ? `Pod ${query.pod} of ${query.app} was not found.` : `No pods of ${query.app} yet; waiting for them to start.` });
      for (const pod of pods) considerPod(pod, true);
    },
    (error: unknown) => {
      send({ type: "error", message: `The cluster's pods could not be listed: ${error instanceof Error ? error.message : String(error)}` });
      socket.close(1011, "cluster unavailable");
    },
  );

  return {
    stats: () => ({
      upstreamOpen: [...streams.values()].filter((s) => s.response).length,
      isPaused,
      pendingLines: queue.size,
      sentLines,
      skippedLines,
      bufferedBytes: socket.bufferedAmount,
    }),
  };
}

function parseResume(text: string | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const parsed = resumeMap.safeParse(JSON.parse(text));
    return parsed.success ? Object.fromEntries(Object.entries(parsed.data).filter(([, ts]) => timestampNs(ts) !== undefined)) : {};
  } catch {
    return {};
  }
}

function latest(timestamps: string[]): string | undefined {
  let best: { ts: string; ns: bigint } | undefined;
  for (const ts of timestamps) {
    const ns = timestampNs(ts);
    if (ns !== undefined && (!best || ns > best.ns)) best = { ts, ns };
  }
  return best?.ts;
}

export interface LogsRouteOptions extends Omit<LogsSessionOptions, "kubeConfig" | "pods"> {
  kubeConfig: () => KubeConfig | undefined;
  pods: (kubeConfig: KubeConfig) => SharedInformer;
  limits: StreamLimits;
  /** Called with each session's counters (tests, the bench). */
  onSession?: (session: { stats(): LogsSessionStats }) => void;
}

/** The gateway route: any signed-in user (viewers too), a valid query, and the per-user limit. */
export function createLogsRoute(options: LogsRouteOptions): WsGuardedRoute<Principal> {
  const parse = (req: IncomingMessage) => logsQuery.safeParse(Object.fromEntries(new URL(req.url ?? "/", "http://berth.invalid").searchParams));
  return {
    admit(req, principal) {
      const parsed = parse(req);
      if (!parsed.success) return { ok: false, status: 400, message: describeQueryError(parsed.error) };
      if (parsed.data.resume !== undefined && !resumeMap.safeParse(safeJson(parsed.data.resume)).success) {
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
