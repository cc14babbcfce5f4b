/**
 * The contract between the simulated API server (store, HTTP, watch) and the simulated
 * controllers and streams. Controllers run in-process and use the store directly; the HTTP
 * layer calls stream handlers for pods/log and pods/exec.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

/** A Kubernetes object as stored: always has apiVersion, kind, metadata. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
    finalizers?: string[];
    generateName?: string;
    managedFields?: unknown[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Identifies a resource type, e.g. { group: "apps", version: "v1", plural: "deployments" }. */
export interface ResourceRef {
  group: string; // "" for the core group
  version: string;
  plural: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceRef;
  object: KubeObject;
  /** The version a MODIFIED event replaced (watches need it to see an object leave a selector). */
  previous?: KubeObject;
}

/**
 * In-memory object store shared by the HTTP layer and the controllers. Every write bumps a
 * single global resourceVersion counter (as etcd does) and emits a StoreEvent synchronously to
 * subscribers after the write is committed.
 */
export interface SimStore {
  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined;
  list(ref: ResourceRef, namespace?: string): KubeObject[];
  /** Creates; fills uid, resourceVersion, creationTimestamp, generation. Throws SimError 409 if it exists. */
  create(ref: ResourceRef, obj: KubeObject): KubeObject;
  /** Replaces the whole object (controllers use it for status updates too). Throws SimError 404/409. */
  update(ref: ResourceRef, obj: KubeObject, opts?: { checkResourceVersion?: boolean }): KubeObject;
  /** Deletes (honours finalizers/ownerReferences garbage collection as the HTTP delete does). */
  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts?: { propagationPolicy?: "Foreground" | "Background" | "Orphan" }): KubeObject | undefined;
  /** Subscribe to every committed change. Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

/** An error carrying the API server's Status (code, reason, message, details). */
export class SimError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** What the HTTP layer needs from the streams module for pods/log and pods/exec. */
export interface StreamHandlers {
  /** GET /api/v1/namespaces/{ns}/pods/{name}/log?container&follow&tailLines&sinceTime&sinceSeconds&timestamps&previous&limitBytes */
  handleLog(req: IncomingMessage, res: ServerResponse, pod: KubeObject, query: URLSearchParams): void;
  /** WebSocket upgrade on /api/v1/namespaces/{ns}/pods/{name}/exec?command=…&container&stdin&stdout&stderr&tty */
  handleExecUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pod: KubeObject, query: URLSearchParams): void;
}

/** A controller is started with the store and a clock; stop() ends its timers. */
export interface SimController {
  start(): void;
  stop(): void;
}
