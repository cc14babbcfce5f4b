import { Readable } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/server/errors";
import { listObjects } from "@/server/kube/list-managed";
import { openLogStream } from "@/server/kube/log-stream";
import { resourceKindNamed } from "@/server/kube/kind-registry";

/** One app's log or (`database` in place of `app`) one database's. */
export interface AppLogDownload {
  project: string;
  app?: string;
  database?: string;
  pod?: string;
  container?: string;
  previous?: boolean;
  timestamps?: boolean;
}

/** The label selectors of the pods whose log is read (the labels of server/engine/render/labels.ts and database-labels.ts). */
function ownerSelectors(request: AppLogDownload): string[] {
  const inProject = `berth.dev/project=${request.project}`;
  if (request.database !== undefined) return [`${inProject},berth.dev/database=${request.database}`];
  // A named pod may also be one of the app's scheduled-task runs (labelled berth.dev/task-of);
  // the app's merged log is its own pods only.
  const keys = request.pod ? ["berth.dev/app", "berth.dev/task-of"] : ["berth.dev/app"];
  return keys.map((key) => `${inProject},${key}=${request.app}`);
}

/**
 * The full log of an app (or a database) as a byte stream read straight from the API (not the browser's
 * trimmed buffer): one pod/container as the API returns it, or, for several, each container's
 * log in turn with `[pod/container] ` before every line. Reading happens as the browser
 * downloads, so a huge log never sits in Berth's memory; `signal` aborts the upstream request.
 */
export async function downloadAppLog(kubeConfig: KubeConfig, request: AppLogDownload, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const lists = await Promise.all(ownerSelectors(request).map((labelSelector) => listObjects(kubeConfig, resourceKindNamed("Pod"), { namespace: request.project, labelSelector })));
  const owner = request.database !== undefined ? `database ${request.database}` : request.app;
  const pods = lists
    .flatMap((list) => list.items)
    .filter((p) => !request.pod || p.metadata.name === request.pod)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (pods.length === 0) {
    throw new AppError({ code: "not_found", message: request.pod ? `Pod ${request.pod} of ${owner} was not found.` : `${owner} has no pods.` });
  }
  const targets = pods.flatMap((p) =>
    ((p as { spec?: { containers?: Array<{ name: string }> } }).spec?.containers ?? [])
      .map((c) => c.name)
      .filter((c) => !request.container || c === request.container)
      .map((container) => ({ pod: p.metadata.name, container })),
  );
  if (targets.length === 0) throw new AppError({ code: "not_found", message: `Container ${request.container} was not found in the pods of ${owner}.` });
  const isPrefixed = targets.length > 1;

  async function* lines(): AsyncGenerator<Buffer> {
    for (const target of targets) {
      if (signal.aborted) return;
      let response;
      try {
        response = await openLogStream(kubeConfig, { namespace: request.project, ...target, previous: request.previous, timestamps: request.timestamps }, signal);
      } catch (error) {
        if (!isPrefixed) throw error;
        yield Buffer.from(`[${target.pod}/${target.container}] (no log: ${error instanceof Error ? error.message : String(error)})\n`);
        continue;
      }
      if (!isPrefixed) {
        for await (const chunk of response.body) yield chunk as Buffer;
        continue;
      }
      const prefix = `[${target.pod}/${target.container}] `;
      let partial = "";
      for await (const chunk of response.body.setEncoding("utf8")) {
        const parts = (partial + (chunk as string)).split("\n");
        partial = parts.pop() ?? "";
        if (parts.length > 0) yield Buffer.from(parts.map((line) => `${prefix}${line}\n`).join(""));
      }
      if (partial) yield Buffer.from(`${prefix}${partial}\n`);
    }
  }

  const iterator = lines();
  const first = await iterator.next();
  return Readable.toWeb(
    Readable.from(
      (async function* () {
        if (!first.done) yield first.value;
        yield* iterator;
      })(),
    ),
  ) as ReadableStream<Uint8Array>;
}
