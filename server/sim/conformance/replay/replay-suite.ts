/**
 * Runs a table of replay cases against one simulated cluster per test file, in the table's order
 * (later cases build on the objects earlier ones made, as the recorder's did). A case the
 * allow-list names must still differ from the recording — so the list can only shrink.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim, type StartSimOptions } from "@/server/sim/start-sim";
import { requester } from "@/server/sim/http/test-request";
import { ALLOW_LIST } from "@/server/sim/conformance/replay/allow-list";
import { compareAnswer, type CompareOptions } from "@/server/sim/conformance/replay/compare-answer";
import { loadRecording, type RecordedRequest, type Recording } from "@/server/sim/conformance/replay/recordings";
import { sendRecorded, type Answer } from "@/server/sim/conformance/replay/send-request";

export interface ReplayContext {
  sim: Sim;
  api: ReturnType<typeof requester>;
}

export interface ReplayCase extends CompareOptions {
  /** The recording's file name without `.json`. */
  name: string;
  /** Creates what the recording needs before its request is sent. */
  setup?: (ctx: ReplayContext) => Promise<void>;
  /** The request to send when the recorded one holds run-specific values (resourceVersions). */
  request?: (rec: Recording, ctx: ReplayContext) => RecordedRequest | Promise<RecordedRequest>;
  /** Replaces the plain send-and-compare: streams, timelines, several requests. */
  replay?: (rec: Recording, ctx: ReplayContext) => Promise<string[]>;
  /** Extra checks after the standard comparison. */
  also?: (rec: Recording, answer: Answer, ctx: ReplayContext) => string[];
}

export interface ReplayTable {
  title: string;
  sim?: StartSimOptions;
  /** Fixtures every case of the table shares (namespace `rec` is always made). */
  setup?: (ctx: ReplayContext) => Promise<void>;
  cases: ReplayCase[];
}

export async function createRecNamespace(ctx: ReplayContext): Promise<void> {
  const res = await ctx.api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "rec" } });
  if (res.status !== 201) throw new Error(`creating namespace rec: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Sends the (possibly rewritten) recorded request and compares the answer. */
export async function replayOne(c: ReplayCase, rec: Recording, ctx: ReplayContext): Promise<string[]> {
  await c.setup?.(ctx);
  if (c.replay) return c.replay(rec, ctx);
  const request = c.request ? await c.request(rec, ctx) : rec.request!;
  const answer = await sendRecorded(ctx.sim, request);
  return [...compareAnswer(rec, answer, c), ...(c.also?.(rec, answer, ctx) ?? [])];
}

export function runReplayTable(table: ReplayTable): void {
  describe(`replay against the real kube-apiserver: ${table.title}`, () => {
    const ctx = {} as ReplayContext;
    beforeAll(async () => {
      ctx.sim = await startSim({ port: 0, ...table.sim });
      ctx.api = requester(ctx.sim.httpUrl, ctx.sim.adminToken);
      await createRecNamespace(ctx);
      await table.setup?.(ctx);
    });
    afterAll(() => ctx.sim?.stop());

    for (const c of table.cases) {
      const allowed = ALLOW_LIST[c.name];
      it(allowed ? `${c.name} (allow-listed: ${allowed})` : c.name, async () => {
        const rec = loadRecording(c.name);
        const differences = await replayOne(c, rec, ctx);
        if (allowed) expect(differences, `${c.name} now answers like the real server: remove it from allow-list.ts`).not.toEqual([]);
        else expect(differences, `${c.name}: ${rec.case}`).toEqual([]);
      });
    }
  });
}
