/**
 * /api/ws/logs: the merged, followed log of an app (or one pod/container) for one browser tab.
 * One upstream `pods/log?follow=true&timestamps=true` per running container; pods that start
 * later (a rollout, a restart) join through the shared Pod informer, and a pod that goes away
 * ends its stream with a note. Lines go out in time-ordered batches. When the browser reads
 * slower than the cluster writes, upstream reading pauses (TCP backpressure), so the server's
 * memory per socket stays bounded; closing the socket aborts every upstream request.
 *
 * States. The session: `waiting-for-pods` (until the Pod informer has synced) → `streaming` →
 * `closed`. Each container's stream: `idle` → `opening` (request sent) → `reading` → either
 * `retrying` (the upstream broke while the container still runs; reopened from its cursor after
 * a backoff) or `ended` (the container stopped, the pod went away, or the log was read to its
 * end). An `ended` stream opens again when its container restarts as a new instance. A container
 * that has already terminated (a finished task run) is read once without follow, then `ended`.
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { WebSocket } from "ws";
import { z } from "zod";
import type { LogsQuery, LogsServerMessage } from "@/lib/ws-protocol";
import type { KubeObject } from "@/server/kube/kube-object";
import { KubeApiError, KubeNetworkError } from "@/server/kube/kube-api-error";
import type { InformerEvent, SharedInformer } from "@/server/kube/informers";
import { openLogStream, splitTimestamp, timestampNs, wholeSecond, type LogResponse } from "@/server/kube/log-stream";
import { LogMergeQueue } from "@/server/ws/log-merge-queue";
import { containerNames, containerStatus, describeOwner, isOwnPod, isRunning, ownerPods, type PodOwnerRef } from "@/server/ws/app-pods";
import { startKeepalive } from "@/server/ws/ws-session-helpers";

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

type SessionState = "waiting-for-pods" | "streaming" | "closed";
type StreamState = "idle" | "opening" | "reading" | "retrying" | "ended";

interface Stream {
  id: number;
  pod: string;
  container: string;
  state: StreamState;
  response?: LogResponse;
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

const isOpen = (s: Stream) => s.state === "opening" || s.state === "reading";

/** Whether `text` is a valid `resume` parameter: `{"<pod>/<container>": "<timestamp>"}`. */
export function isResumeMap(text: string): boolean {
  return resumeMap.safeParse(safeJson(text)).success;
}

class LogsSession {
  private state: SessionState = "waiting-for-pods";
  private readonly streams = new Map<string, Stream>();
  private readonly queue = new LogMergeQueue();
  private readonly ref: PodOwnerRef;
  private readonly resume: Record<string, string>;
  private readonly globalCursor: string | undefined;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly highWater: number;
  private readonly maxPending: number;
  private nextId = 1;
  private isPaused = false;
  private sentLines = 0;
  private skippedLines = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly query: LogsQuery,
    private readonly options: LogsSessionOptions,
  ) {
    this.flushMs = options.flushMs ?? 50;
    this.maxBatch = options.maxBatch ?? 500;
    this.highWater = options.highWaterBytes ?? 1024 * 1024;
    this.maxPending = options.maxPendingLines ?? 5000;
    this.ref = { project: query.project, app: query.app, database: query.database, pod: query.pod };
    this.resume = parseResume(query.resume);
    this.globalCursor = latest([...Object.values(this.resume), ...(query.sinceTime ? [query.sinceTime] : [])]);
  }

  /** Subscribes to pod changes, starts the flush and keepalive timers, and waits for the informer. */
  start(): void {
    const unsubscribe = this.options.pods.subscribe((event) => this.handleInformerEvent(event));
    const flushTimer = setInterval(() => this.flush(), this.flushMs);
    const stopKeepalive = startKeepalive(this.socket, this.options.keepaliveMs);
    this.socket.on("close", () => {
      this.state = "closed";
      clearInterval(flushTimer);
      stopKeepalive();
      unsubscribe();
      for (const s of this.streams.values()) s.response?.abort();
    });
    this.socket.on("message", () => {});
    this.options.pods.waitForSync(10_000).then(
      () => this.beginStreaming(),
      (error: unknown) => {
        this.send({ type: "error", message: `The cluster's pods could not be listed: ${error instanceof Error ? error.message : String(error)}` });
        this.socket.close(1011, "cluster unavailable");
      },
    );
  }

  stats(): LogsSessionStats {
    return {
      upstreamOpen: [...this.streams.values()].filter((s) => s.response).length,
      isPaused: this.isPaused,
      pendingLines: this.queue.size,
      sentLines: this.sentLines,
      skippedLines: this.skippedLines,
      bufferedBytes: this.socket.bufferedAmount,
    };
  }

  /** waiting-for-pods → streaming: every pod of the app that exists now gets its streams. */
  private beginStreaming(): void {
    if (this.state === "closed") return;
    this.state = "streaming";
    const { query } = this;
    const pods = ownerPods(this.options.pods, this.ref);
    if (pods.length === 0) {
      const owner = describeOwner(this.ref);
      this.send({ type: "error", message: query.pod ? `Pod ${query.pod} of ${owner} was not found.` : `No pods of ${owner} yet; waiting for them to start.` });
    }
    for (const pod of pods) this.considerPod(pod, true);
  }

  private handleInformerEvent(event: InformerEvent): void {
    if (this.state !== "streaming" || !isOwnPod(event.object, this.ref)) return;
    if (event.type === "delete") {
      for (const s of this.streams.values()) if (s.pod === event.object.metadata.name) this.end(s, `Pod ${s.pod} was deleted.`);
    } else if (!this.query.previous) this.considerPod(event.object, false);
  }

  private considerPod(pod: KubeObject, isInitial: boolean): void {
    for (const container of containerNames(pod)) {
      if (this.query.container && container !== this.query.container) continue;
      void this.open(pod, container, isInitial);
    }
  }

  private send(message: LogsServerMessage): void {
    if (this.state !== "closed") this.socket.send(JSON.stringify(message));
  }

  /** Pauses or resumes every upstream body: TCP backpressure toward the API server. */
  private setPaused(pause: boolean): void {
    if (pause === this.isPaused) return;
    this.isPaused = pause;
    for (const s of this.streams.values()) {
      if (pause) s.response?.body.pause();
      else s.response?.body.resume();
    }
  }

  private flush(): void {
    if (this.state === "closed") return;
    if (this.socket.bufferedAmount > this.highWater) return this.setPaused(true);
    for (let i = 0; i < 20 && this.queue.size > 0 && this.socket.bufferedAmount <= this.highWater; i++) {
      const lines = this.queue.take(this.maxBatch);
      if (lines.length === 0) break;
      this.sentLines += lines.length;
      this.send({ type: "lines", lines });
    }
    this.setPaused(this.socket.bufferedAmount > this.highWater / 2 || this.queue.size >= this.maxPending);
  }

  private streamFor(pod: KubeObject, container: string): Stream {
    const key = `${pod.metadata.name}/${container}`;
    let s = this.streams.get(key);
    if (!s) {
      const cursor = this.resume[key] ?? (this.query.resume ? this.globalCursor : this.query.sinceTime);
      s = { id: this.nextId++, pod: pod.metadata.name, container, state: "idle", retries: 0, cursor };
      this.streams.set(key, s);
    }
    return s;
  }

  /** idle | ended | retrying → opening → reading: one upstream request for one container. */
  private async open(pod: KubeObject, container: string, isInitial: boolean): Promise<void> {
    const { query } = this;
    const s = this.streamFor(pod, container);
    if (isOpen(s)) return;
    const status = containerStatus(pod, container);
    const instance = status?.containerID;
    // A finished container (a task run's, a crashed one's) is read to its end once, unfollowed.
    const isLive = isRunning(pod, container);
    const hasFinished = Boolean(status?.state?.terminated) && s.state !== "ended";
    if (!query.previous && ((!isLive && !hasFinished) || (instance && s.finishedInstance === instance))) return;
    s.state = "opening";
    this.queue.openStream(s.id);
    this.send({ type: "stream", id: s.id, pod: s.pod, container, state: "open" });
    try {
      const response = await openLogStream(this.options.kubeConfig, {
        namespace: query.project,
        pod: s.pod,
        container,
        follow: !query.previous && isLive,
        previous: query.previous,
        timestamps: true,
        ...(s.cursor ? { sinceTime: wholeSecond(s.cursor) } : { tailLines: isInitial ? (query.tail ?? this.options.defaultTail ?? 1000) : undefined }),
      });
      if (this.state === "closed" || s.state !== "opening") return response.abort();
      s.state = "reading";
      s.response = response;
      if (this.isPaused) response.body.pause();
      this.read(s, response, instance);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const isTransient = error instanceof KubeNetworkError || (error instanceof KubeApiError && (error.code === 429 || error.code >= 500));
      if (isTransient && this.retry(s, message)) return;
      this.end(s, message);
    }
  }

  /** In `reading`: lines after the stream's cursor go to the merge queue; the close decides what next. */
  private read(s: Stream, response: LogResponse, instance: string | undefined): void {
    const dropThrough = s.cursor ? timestampNs(s.cursor) : undefined;
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
        s.cursor = ts;
        s.retries = 0;
        this.queue.push(s.id, ns, ts, text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text);
      }
      if (this.queue.size >= this.maxPending) this.setPaused(true);
      const dropped = this.queue.trimTo(this.maxPending * 2);
      if (dropped > 0) {
        this.skippedLines += dropped;
        this.send({ type: "skipped", count: dropped });
      }
    });
    response.body.on("close", () => {
      if (s.response === response) this.upstreamClosed(s, response, instance);
    });
  }

  /** reading → retrying (same container instance still running) or → ended (with a note). */
  private upstreamClosed(s: Stream, response: LogResponse, instance: string | undefined): void {
    const { query } = this;
    const current = this.options.pods.get(s.pod, query.project);
    const isSameInstance = current && containerStatus(current, s.container)?.containerID === instance;
    if (isSameInstance && !response.body.readableEnded && this.retry(s, "the log stream broke")) return;
    if (isSameInstance && response.body.readableEnded && isRunning(current, s.container) && this.retry(s, "the API server ended the stream")) return;
    s.finishedInstance = current ? (containerStatus(current, s.container)?.containerID ?? instance) : instance;
    const note = query.previous ? "End of the previous container's log." : !current ? `Pod ${s.pod} went away.` : `Container ${s.container} of ${s.pod} stopped.`;
    this.end(s, note);
  }

  /** opening | reading → ended: the reader is told why, after every line already queued. */
  private end(s: Stream, note: string): void {
    if (!isOpen(s)) return;
    s.state = "ended";
    s.response?.abort();
    s.response = undefined;
    this.queue.closeStream(s.id);
    this.flush();
    this.send({ type: "stream", id: s.id, pod: s.pod, container: s.container, state: "ended", note });
  }

  /**
   * opening | reading → retrying: the upstream broke while the container still runs (a network
   * error, an API server or proxy timeout); reopen from the cursor after a backoff, without
   * telling the reader it ended. Returns false when a retry makes no sense (then the caller ends it).
   */
  private retry(s: Stream, reason: string): boolean {
    const { query } = this;
    const current = this.options.pods.get(s.pod, query.project);
    if (this.state === "closed" || query.previous || !current || !isRunning(current, s.container)) return false;
    s.state = "retrying";
    s.response = undefined;
    this.queue.closeStream(s.id);
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(s.retries++, 10));
    if (s.retries === 3) this.send({ type: "error", message: `Reconnecting to ${s.pod}/${s.container}: ${reason}` });
    setTimeout(() => this.retryDue(s), delay).unref();
    return true;
  }

  /** retrying → opening (still running), or → ended (stopped or gone meanwhile). */
  private retryDue(s: Stream): void {
    if (this.state === "closed" || s.state !== "retrying") return;
    const latestPod = this.options.pods.get(s.pod, this.query.project);
    if (latestPod && isRunning(latestPod, s.container)) return void this.open(latestPod, s.container, false);
    s.state = "ended";
    const note = latestPod ? `Container ${s.container} of ${s.pod} stopped.` : `Pod ${s.pod} went away.`;
    this.send({ type: "stream", id: s.id, pod: s.pod, container: s.container, state: "ended", note });
  }
}

/** Runs one logs socket until it closes; returns live counters (for tests and the bench). */
export function handleLogsSession(socket: WebSocket, query: LogsQuery, options: LogsSessionOptions): { stats(): LogsSessionStats } {
  const session = new LogsSession(socket, query, options);
  session.start();
  return session;
}

function parseResume(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const parsed = resumeMap.safeParse(safeJson(text));
  return parsed.success ? Object.fromEntries(Object.entries(parsed.data).filter(([, ts]) => timestampNs(ts) !== undefined)) : {};
}

function latest(timestamps: string[]): string | undefined {
  let best: { ts: string; ns: bigint } | undefined;
  for (const ts of timestamps) {
    const ns = timestampNs(ts);
    if (ns !== undefined && (!best || ns > best.ns)) best = { ts, ns };
  }
  return best?.ts;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
