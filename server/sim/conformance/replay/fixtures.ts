/**
 * The objects the recorder had made before a request, recreated in a fresh simulated cluster
 * (namespace `rec`, the same names), and rewriting of the run-specific resourceVersions a
 * recorded request carries.
 */
import type { ReplayContext } from "@/server/sim/conformance/replay/replay-suite";
import { loadRecording, type RecordedRequest, type Recording } from "@/server/sim/conformance/replay/recordings";
import { sendRecorded } from "@/server/sim/conformance/replay/send-request";

/** Sends another recording's request as setup; it must succeed. */
export async function replayRequestOf(ctx: ReplayContext, name: string): Promise<void> {
  const answer = await sendRecorded(ctx.sim, loadRecording(name).request!);
  if (answer.status >= 300) throw new Error(`setup request of ${name} failed: ${answer.status} ${answer.text}`);
}

export async function createObject(ctx: ReplayContext, collection: string, body: Record<string, unknown>): Promise<void> {
  const res = await ctx.api("POST", collection, body);
  if (res.status !== 201) throw new Error(`setup POST ${collection}: ${res.status} ${JSON.stringify(res.body)}`);
}

export function configMap(name: string, data: Record<string, string>, labels?: Record<string, string>) {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...(labels ? { labels } : {}) }, data };
}

/** The live resourceVersion of the object at `path` (an API path). */
export async function liveResourceVersion(ctx: ReplayContext, path: string): Promise<string> {
  const res = await ctx.api("GET", path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return res.body.metadata.resourceVersion as string;
}

/** An older resourceVersion than the live one: what a client that read before a write holds. */
export async function staleResourceVersion(ctx: ReplayContext, path: string): Promise<string> {
  return String(Number(await liveResourceVersion(ctx, path)) - 1);
}

type Rewrite = (body: Record<string, any>, rv: string) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

export const setMetadataRv: Rewrite = (body, rv) => {
  body.metadata.resourceVersion = rv;
};
export const setPreconditionRv: Rewrite = (body, rv) => {
  body.preconditions.resourceVersion = rv;
};

/** The recorded request with the body's resourceVersion replaced by the sim's current or a stale one. */
export function withResourceVersion(which: "live" | "stale", objectPath: string, rewrite: Rewrite = setMetadataRv) {
  return async (rec: Recording, ctx: ReplayContext): Promise<RecordedRequest> => {
    const rv = which === "live" ? await liveResourceVersion(ctx, objectPath) : await staleResourceVersion(ctx, objectPath);
    const body = structuredClone(rec.request!.body) as Record<string, unknown>;
    rewrite(body, rv);
    return { ...rec.request!, body };
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends a recording's create request; a different status is a difference. */
export async function createAsRecorded(ctx: ReplayContext, rec: Recording): Promise<string[]> {
  const answer = await sendRecorded(ctx.sim, rec.request!);
  return answer.status === rec.response!.status ? [] : [`create: real ${rec.response!.status}, sim ${answer.status} ${answer.text}`];
}

/** Polls `path` until `done(object)` holds (the simulated kubelet works in ticks). */
export async function waitFor(ctx: ReplayContext, path: string, done: (o: any) => boolean, timeoutMs = 10_000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await ctx.api("GET", path);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > until) throw new Error(`timed out waiting for ${path}: ${JSON.stringify(res.body?.status ?? res.body)}`);
    await sleep(50);
  }
}

/** Creates a Pod in `rec` and waits until the kubelet reports it Running. */
export async function runningPod(ctx: ReplayContext, name: string, spec: Record<string, unknown>): Promise<void> {
  await createObject(ctx, "/api/v1/namespaces/rec/pods", { apiVersion: "v1", kind: "Pod", metadata: { name }, spec });
  await waitFor(ctx, `/api/v1/namespaces/rec/pods/${name}`, (p) => p.status?.phase === "Running");
}
