/**
 * Discovery, health and authentication (recordings 08*). The sim serves fewer groups and
 * resources than a full cluster (only the kinds Berth uses, plus metrics.k8s.io), so for lists
 * the rule is: whatever the sim serves, it serves as the real server does.
 */
import type { ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { compareAnswer, compareHeaders, sameShape } from "@/server/sim/conformance/replay/compare-answer";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { sendRecorded } from "@/server/sim/conformance/replay/send-request";

/** Served by the sim but absent from the recorded cluster, which ran no metrics-server. */
const SIM_ONLY_GROUPS = new Set(["metrics.k8s.io"]);

type Named = { name: string };

/** Every entry the sim lists must equal the real entry of the same name (which must exist). */
function sameEntries(real: Named[], sim: Named[], at: string, project: (e: Named) => unknown = (e) => e): string[] {
  const byName = new Map(real.map((e) => [e.name, e]));
  return sim.flatMap((e) => {
    const r = byName.get(e.name);
    if (!r) return SIM_ONLY_GROUPS.has(e.name) ? [] : [`${at}: the sim serves ${e.name}, the real server has no such entry`];
    return sameShape(project(r), project(e), `${at}[${e.name}]`);
  });
}

async function compareResourceList(rec: Recording, sim: Parameters<typeof sendRecorded>[0]): Promise<string[]> {
  const answer = await sendRecorded(sim, rec.request!);
  const real = rec.response!.body as { kind: string; groupVersion: string; resources: Named[] };
  const body = answer.body as typeof real;
  const out = compareHeaders(rec.response!.headers, answer.headers);
  out.push(...sameShape({ kind: real.kind, groupVersion: real.groupVersion }, { kind: body.kind, groupVersion: body.groupVersion }));
  const keep = (e: Named) => {
    const { name, namespaced, kind, verbs, shortNames } = e as Named & { namespaced?: boolean; kind?: string; verbs?: string[]; shortNames?: string[] };
    return { name, namespaced, kind, verbs: [...(verbs ?? [])].sort(), shortNames };
  };
  out.push(...sameEntries(real.resources, body.resources, "resources", keep));
  return out;
}

export const discoveryTable: ReplayTable = {
  title: "discovery, health and authentication",
  cases: [
    {
      name: "08-1-version",
      replay: async (rec, ctx) => {
        const answer = await sendRecorded(ctx.sim, rec.request!);
        const real = rec.response!.body as Record<string, string>;
        const sim = answer.body as Record<string, string>;
        const out = compareHeaders(rec.response!.headers, answer.headers);
        out.push(...sameShape(Object.keys(real).sort(), Object.keys(sim).sort(), "keys"));
        // The versions differ on purpose: the sim reports v1.32.
        if (sim.major !== "1" || !/^v1\.\d+\.\d+$/.test(sim.gitVersion) || sim.gitVersion !== `v${sim.major}.${sim.minor}.${sim.gitVersion.split(".")[2]}`) out.push(`version: ${JSON.stringify(sim)}`);
        return out;
      },
    },
    {
      name: "08-2-apis-group-names",
      replay: async (rec, ctx) => {
        const answer = await sendRecorded(ctx.sim, rec.request!);
        const real = rec.response!.body as { kind: string; apiVersion: string; groups: Named[] };
        const sim = answer.body as { kind: string; apiVersion: string; groups: Array<Named & { versions: Array<{ version: string }>; preferredVersion: { version: string } }> };
        // The recorder kept each group's version names only.
        const simGroups = sim.groups.map((g) => ({ name: g.name, versions: g.versions.map((v) => v.version), preferredVersion: g.preferredVersion.version }));
        return [...compareHeaders(rec.response!.headers, answer.headers), ...sameShape({ kind: real.kind, apiVersion: real.apiVersion }, { kind: sim.kind, apiVersion: sim.apiVersion }), ...sameEntries(real.groups, simGroups, "groups")];
      },
    },
    {
      name: "08-3-api-core-versions",
      replay: async (rec, ctx) => {
        const answer = await sendRecorded(ctx.sim, rec.request!);
        const out = compareHeaders(rec.response!.headers, answer.headers);
        // serverAddress is the server's own host:port.
        const address = (b: unknown) => JSON.parse(JSON.stringify(b).replace(/"serverAddress":"[\d.]+:\d+"/g, '"serverAddress":"<host>:<port>"')) as unknown;
        out.push(...sameShape(address(rec.response!.body), address(answer.body)));
        return out;
      },
    },
    { name: "08-4-apis-aggregated-discovery-headline", replay: async (rec, ctx) => compareHeaders(rec.response!.headers, (await sendRecorded(ctx.sim, rec.request!)).headers) },
    { name: "08-5-api-v1-resource-names", replay: (rec, ctx) => compareResourceList(rec, ctx.sim) },
    { name: "08-6-apis-apps-v1-resource-names", replay: (rec, ctx) => compareResourceList(rec, ctx.sim) },
    {
      name: "08-7-openapi-sizes",
      replay: async (rec, ctx) => {
        const res = await ctx.api("GET", "/openapi/v3");
        const realPaths = new Set((rec.response as unknown as Record<string, { pathKeys: string[] }>)["/openapi/v3"].pathKeys);
        const simPaths = Object.keys(res.body.paths ?? {});
        const out = res.status === 200 ? [] : [`/openapi/v3: ${res.status}`];
        out.push(...simPaths.filter((p) => !realPaths.has(p) && !p.includes("metrics.k8s.io")).map((p) => `/openapi/v3 lists ${p}, the real server does not`));
        return out;
      },
    },
    { name: "08-8-healthz-readyz-livez" },
    {
      name: "08-9-readyz-verbose",
      replay: async (rec, ctx) => {
        const answer = await sendRecorded(ctx.sim, rec.request!);
        const out = compareAnswer({ ...rec, response: { ...rec.response!, body: undefined } }, answer);
        const real = (rec.response!.body as string).split("\n");
        const sim = answer.text.split("\n");
        // The checks are the server's own; the form is what clients parse.
        if (!sim.slice(0, -2).every((l) => /^\[\+\][\w/-]+ ok$/.test(l)) || sim.at(-2) !== real.at(-2) || sim.at(-1) !== "") out.push(`readyz?verbose: real ends ${JSON.stringify(real.slice(-3))}, sim ${JSON.stringify(answer.text)}`);
        return out;
      },
    },
    { name: "08-10-unknown-path" },
    { name: "08-11-unauthenticated" },
    { name: "08-12-namespace-get", fields: ["metadata.labels", "spec", "status"] },
    { name: "08-13-no-auth" },
  ],
};
