/**
 * Watch and list semantics (recordings 04*): too-old versions (an ERROR event in a 200 stream,
 * but a 410 for an Exact list), synthetic ADDED events, bookmarks before a timeout, objects
 * leaving a selector, continue tokens.
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { compareAnswer, sameShape } from "@/server/sim/conformance/replay/compare-answer";
import { configMap, createObject, liveResourceVersion, sleep } from "@/server/sim/conformance/replay/fixtures";
import type { RecordedRequest, Recording } from "@/server/sim/conformance/replay/recordings";
import { sendRecorded, type Answer } from "@/server/sim/conformance/replay/send-request";

const CM = "/api/v1/namespaces/rec/configmaps";
const WATCHED = { "rec-watch": "yes" };

/** What a watch stream's line says, without the run: type, object name, labels, Status. */
export function lineShape(line: { json?: Record<string, unknown> }): unknown {
  const event = line.json as { type?: string; object?: { kind?: string; metadata?: { name?: string; labels?: unknown }; data?: unknown } } | undefined;
  if (!event?.type) return line.json ?? "(not JSON)";
  const o = event.object ?? {};
  if (event.type === "ERROR") return { type: "ERROR", object: o };
  if (event.type === "BOOKMARK") return { type: "BOOKMARK", kind: o.kind, metadataKeys: Object.keys(o.metadata ?? {}).sort() };
  return { type: event.type, name: o.metadata?.name, labels: o.metadata?.labels, data: o.data };
}

/** Compares a stream: the answer's head, then every line's shape and how the stream ended. */
export function compareStream(rec: Recording, answer: Answer): string[] {
  const out = compareAnswer({ ...rec, response: { ...rec.response!, body: undefined } }, answer);
  out.push(...sameShape((rec.lines ?? []).map(lineShape), answer.lines.map(lineShape), "lines"));
  const realEnd = rec.endedBy?.startsWith("client-closed") ? "client-closed" : rec.endedBy;
  const simEnd = answer.endedBy.startsWith("client-closed") ? "client-closed" : answer.endedBy;
  if (realEnd !== simEnd) out.push(`stream end: real ${rec.endedBy}, sim ${answer.endedBy}`);
  return out;
}

/** The recorded request from the sim's current list resourceVersion instead of the recorded one. */
async function fromListVersion(rec: Recording, ctx: ReplayContext): Promise<RecordedRequest> {
  const res = await ctx.api("GET", `${CM}?labelSelector=rec-watch%3Dyes`);
  const path = rec.request!.path.replace(/resourceVersion=\d+/, `resourceVersion=${res.body.metadata.resourceVersion}`);
  return { ...rec.request!, path };
}

/** Replays the recorder's changes at their recorded times while the watch is open. */
async function replayChanges(ctx: ReplayContext, changes: Array<{ tMs: number; run: () => Promise<unknown> }>): Promise<void> {
  const started = Date.now();
  for (const c of changes) {
    await sleep(Math.max(0, c.tMs - (Date.now() - started)));
    await c.run();
  }
}

/** The changes of 04-4 and 04-7: a watched object created, patched twice, relabelled away, deleted. */
function watchedObjectChanges(ctx: ReplayContext, scale = 1) {
  const patch = (name: string, body: unknown) => ctx.api("PATCH", `${CM}/${name}`, body, { "Content-Type": "application/merge-patch+json" });
  return [
    { tMs: 1041 * scale, run: () => createObject(ctx, CM, configMap("watched", { v: "1" }, WATCHED)) },
    { tMs: 2517 * scale, run: () => patch("watched", { data: { v: "2" } }) },
    { tMs: 4009 * scale, run: () => patch("watched", { data: { v: "3" } }) },
    { tMs: 5512 * scale, run: () => patch("watched-pre", { metadata: { labels: { "rec-watch": null } } }) },
    { tMs: 7045 * scale, run: () => ctx.api("DELETE", `${CM}/watched`) },
  ];
}

/** 04-7 runs on a sim whose bookmark period is 60 s scaled down by this factor. */
const BOOKMARK_SCALE = 40;

/**
 * The periodic bookmark, on its own sim (bookmarkIntervalMs 60 s / 40): the recorded watch saw
 * the other cases' events at 7–27 s and its BOOKMARK at ~60 s regardless.
 */
export const periodicBookmarkTable: ReplayTable = {
  title: "periodic watch bookmarks (time scaled 1/40)",
  sim: { bookmarkIntervalMs: 60_000 / BOOKMARK_SCALE },
  cases: [
    {
      name: "04-7-watch-bookmarks-no-timeout-75s",
      replay: async (rec, ctx) => {
        const watching = sendRecorded(ctx.sim, await fromListVersion(rec, ctx), { holdMs: 75_000 / BOOKMARK_SCALE });
        const create = (name: string, v: string) => () => createObject(ctx, CM, configMap(name, { v }, WATCHED));
        const remove = (name: string) => () => ctx.api("DELETE", `${CM}/${name}`);
        const patch = (name: string, v: string) => () => ctx.api("PATCH", `${CM}/${name}`, { data: { v } }, { "Content-Type": "application/merge-patch+json" });
        const scaled = (tMs: number, run: () => Promise<unknown>) => ({ tMs: tMs / BOOKMARK_SCALE, run });
        await replayChanges(ctx, [
          scaled(7166, create("watched-pre", "pre")),
          scaled(8216, create("watched", "1")),
          scaled(9687, patch("watched", "2")),
          scaled(11188, patch("watched", "3")),
          scaled(12690, remove("watched-pre")),
          scaled(14221, remove("watched")),
          scaled(17227, create("w-existing-1", "a")),
          scaled(17251, create("w-existing-2", "b")),
          scaled(26429, remove("w-existing-1")),
          scaled(26475, remove("w-existing-2")),
        ]);
        const answer = await watching;
        const shapes = (lines: Array<{ json?: Record<string, unknown> }>) => lines.map((l) => (lineShape(l) as { type?: string; name?: string })).map((l) => `${l.type} ${l.name ?? ""}`.trim());
        const out = sameShape(shapes(rec.lines ?? []), shapes(answer.lines), "events");
        const bookmark = answer.lines.find((l) => l.json?.type === "BOOKMARK");
        const expected = 60_364 / BOOKMARK_SCALE;
        if (!bookmark || Math.abs(bookmark.tMs - expected) > 300) out.push(`BOOKMARK at ${bookmark?.tMs} ms, real ${expected} ms (60 s scaled)`);
        return out;
      },
    },
  ],
};

export const watchTable: ReplayTable = {
  title: "watch and list",
  setup: async (ctx) => {
    // The recorder's rec namespace was long compacted: resourceVersion 1 is gone.
    ctx.sim.store.compact();
  },
  cases: [
    { name: "04-1-watch-rv-1-too-old", replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 2000 })) },
    { name: "04-1b-watch-rv-1-too-old-bookmarks", replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 2000 })) },
    { name: "04-1c-watch-rv-future", replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 1000 })) },
    { name: "04-2-list-rv-1-exact" },
    { name: "04-2b-list-rv-1-notolderthan" },
    { name: "04-2c-list-rv-1-limit" },
    { name: "04-2d-list-continue-garbage" },
    {
      name: "04-4-watch-bookmarks-timeout-10s",
      setup: (ctx) => createObject(ctx, CM, configMap("watched-pre", { v: "pre" }, WATCHED)),
      replay: async (rec, ctx) => {
        const watching = sendRecorded(ctx.sim, await fromListVersion(rec, ctx));
        await replayChanges(ctx, watchedObjectChanges(ctx));
        const answer = await watching;
        const out = compareStream(rec, answer);
        const bookmark = answer.lines.find((l) => l.json?.type === "BOOKMARK");
        // Real: the bookmark ~2 s before the deadline (8.7 s), the stream closed at 10.0 s.
        if (!bookmark || bookmark.tMs < 7000 || bookmark.tMs > 9500) out.push(`BOOKMARK at ${bookmark?.tMs} ms, real 8725 ms (2 s before the 10 s timeout)`);
        if (Math.abs(answer.totalMs - 10_000) > 500) out.push(`stream closed at ${answer.totalMs} ms, real 10022 ms`);
        return out;
      },
    },
    {
      name: "04-5-watch-no-rv-initial-state",
      setup: async (ctx) => {
        await createObject(ctx, CM, configMap("w-existing-1", { v: "a" }, WATCHED));
        await createObject(ctx, CM, configMap("w-existing-2", { v: "b" }, WATCHED));
      },
      replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 500 })),
    },
    { name: "04-6-watch-rv-0-initial-state", replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 500 })) },
    { name: "04-8-watch-sendinitialevents", replay: async (rec, ctx) => compareStream(rec, await sendRecorded(ctx.sim, rec.request!, { holdMs: 1000 })) },
    {
      name: "04-9-watch-field-selector-timeout-3s",
      replay: async (rec, ctx) => {
        const request = { ...rec.request!, path: rec.request!.path.replace(/resourceVersion=\d+/, `resourceVersion=${await liveResourceVersion(ctx, `${CM}/w-existing-1`)}`) };
        const answer = await sendRecorded(ctx.sim, request);
        const out = compareStream(rec, answer);
        if (Math.abs(answer.totalMs - 3000) > 500) out.push(`stream closed at ${answer.totalMs} ms, real 3020 ms`);
        return out;
      },
    },
    { name: "04-10-watch-bad-field-selector" },
    { name: "04-11-list-initial" },
    { name: "04-12-list-limit-continue", fields: ["metadata.remainingItemCount"], also: (_rec, answer) => (typeof (answer.body as { metadata?: { continue?: unknown } }).metadata?.continue === "string" ? [] : ["no metadata.continue token"]) },
  ],
};
