/**
 * How failures look (recordings 07a–07d): a pod whose image cannot be pulled, a crash loop, a
 * WaitForFirstConsumer claim, a rollout past its progress deadline. Compared: the order of
 * container states (their reasons, exit codes and waiting messages), condition types/reasons and
 * the events' types, reasons and messages. Not compared: timing (the sim's kubelet works in
 * 50 ms ticks here; back-off messages still name the real seconds) and the pull error's cause
 * (the recorded registry refused connections; the sim's registry answers "not found").
 */
import type { ReplayContext, ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { messagePattern, sameShape } from "@/server/sim/conformance/replay/compare-answer";
import type { Recording } from "@/server/sim/conformance/replay/recordings";
import { createAsRecorded, sleep } from "@/server/sim/conformance/replay/fixtures";
import { sendRecorded } from "@/server/sim/conformance/replay/send-request";
import { ADDED_POD_CONDITIONS, reportedEventMessage } from "@/server/sim/conformance/replay/version-differences";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A container state as one comparable word. */
export function stateKey(cs: Obj): string {
  const s = cs.state ?? {};
  if (s.running) return "running";
  if (s.terminated) return `terminated ${s.terminated.reason} ${s.terminated.exitCode}`;
  return `waiting ${s.waiting?.reason}`;
}

/** Distinct states in order of first appearance, with the first waiting message of each reason. */
function firstSeen(statuses: Obj[]): Array<{ state: string; message?: string }> {
  const seen = new Map<string, string | undefined>();
  for (const cs of statuses) if (!seen.has(stateKey(cs))) seen.set(stateKey(cs), cs.state?.waiting?.message);
  return [...seen].map(([state, message]) => (message === undefined ? { state } : { state, message }));
}

/** Polls a pod's first container status until `enough` holds. */
async function pollContainer(ctx: ReplayContext, path: string, enough: (seen: Obj[]) => boolean, timeoutMs = 15_000): Promise<{ statuses: Obj[]; pod: Obj }> {
  const statuses: Obj[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pod = (await ctx.api("GET", path)).body;
    const cs = pod.status?.containerStatuses?.[0];
    if (cs) statuses.push(cs);
    if (enough(statuses) || Date.now() > until) return { statuses, pod };
    await sleep(20);
  }
}

async function eventsOf(ctx: ReplayContext, kind: string, name: string): Promise<Obj[]> {
  return (await ctx.api("GET", `/api/v1/namespaces/rec/events?fieldSelector=involvedObject.name%3D${name}%2CinvolvedObject.kind%3D${kind}`)).body.items;
}

/**
 * Events as "type reason: message" — the kubelet's DNS complaint is a cluster artefact, and the
 * node a pod was assigned to is the cluster's own.
 */
function eventKeys(events: Obj[], messages: (e: Obj) => boolean, translate: (m: string) => string = (m) => m): string[] {
  const text = (e: Obj) => translate(String(e.message)).replace(/^(Successfully assigned \S+ to )\S+$/, "$1<node>");
  const keys = events.filter((e) => e.reason !== "MissingClusterDNS").map((e) => `${e.type} ${e.reason}${messages(e) ? `: ${text(e)}` : ""}`);
  return [...new Set(keys)].sort();
}

/** Every recorded event (type, reason, and message where `messages` says it is stable) has a sim twin. */
function compareEvents(recorded: Obj[], sim: Obj[], messages: (e: Obj) => boolean): string[] {
  const want = eventKeys(recorded, messages, reportedEventMessage);
  const have = eventKeys(sim, messages);
  return want.filter((w) => !have.some((h) => messagePattern(w).test(h))).map((w) => `event missing: real "${w}", sim has ${JSON.stringify(have)}`);
}

const conditionShape = (conditions: Obj[] = []) => conditions.filter((c) => !ADDED_POD_CONDITIONS.has(c.type)).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })).sort((a, b) => a.type.localeCompare(b.type));

export const failuresTable: ReplayTable = {
  title: "failure status and events",
  sim: { controllerOptions: { tickMs: 50 } },
  cases: [
    {
      name: "07a-pod-missing-image",
      replay: async (rec, ctx) => {
        const out = await createAsRecorded(ctx, rec);
        const real = (rec.timeline as Obj[]).map((t) => t.containerStatuses[0]);
        const { statuses, pod } = await pollContainer(ctx, "/api/v1/namespaces/rec/pods/img-missing", (s) => s.filter((c, i) => i > 0 && stateKey(c) === "waiting ErrImagePull" && stateKey(s[i - 1]) === "waiting ImagePullBackOff").length > 0);
        // The pull error's text names its cause; the part before the cause is containerd's own.
        const stable = (seen: Array<{ state: string; message?: string }>) => seen.map((s) => ({ ...s, message: s.message?.replace(/(failed to resolve reference "[^"]+": ).*/, "$1<cause>") }));
        out.push(...sameShape(stable(firstSeen(real)), stable(firstSeen(statuses)), "states"));
        const realReasons = real.map(stateKey).filter((s, i, a) => s !== a[i - 1]);
        const simReasons = statuses.map(stateKey).filter((s, i, a) => s !== a[i - 1]);
        if (!simReasons.join(",").startsWith(realReasons.slice(0, 4).join(","))) out.push(`state order: real ${realReasons.join(" → ")}, sim ${simReasons.join(" → ")}`);
        out.push(...sameShape(conditionShape((rec.finalStatus as Obj).conditions), conditionShape(pod.status.conditions), "conditions"));
        const stableMessage = (e: Obj) => !(e.reason === "Failed" && String(e.message).startsWith("Failed to pull image"));
        out.push(...compareEvents((rec.events as Obj).summary, await eventsOf(ctx, "Pod", "img-missing"), stableMessage));
        return out;
      },
    },
    {
      name: "07b-pod-crashloop",
      replay: async (rec, ctx) => {
        const out = await createAsRecorded(ctx, rec);
        const real = (rec.timeline as Obj[]).map((t) => t.containerStatuses[0]);
        const { statuses, pod } = await pollContainer(ctx, "/api/v1/namespaces/rec/pods/crash", (s) => s.some((c) => /back-off 20s/.test(c.state?.waiting?.message ?? "")));
        const backOffs = (list: Obj[]) => [...new Set(list.map((c) => c.state?.waiting?.message).filter((m) => /^back-off/.test(m ?? "")))].slice(0, 2);
        out.push(...sameShape(firstSeen(real).map((s) => s.state), firstSeen(statuses).map((s) => s.state), "states"));
        out.push(...sameShape(backOffs(real), backOffs(statuses), "back-off messages"));
        const last = (c: Obj) => ({ exitCode: c.lastState?.terminated?.exitCode, reason: c.lastState?.terminated?.reason });
        out.push(...sameShape(last(real.at(-1)!), last(statuses.at(-1)!), "lastState.terminated"));
        out.push(...sameShape(conditionShape((rec.finalStatus as Obj).conditions), conditionShape(pod.status.conditions), "conditions"));
        const stableMessage = (e: Obj) => e.reason !== "Pulled";
        out.push(...compareEvents((rec.events as Obj).summary, await eventsOf(ctx, "Pod", "crash"), stableMessage));
        return out;
      },
    },
    {
      name: "07c-pvc-wffc-then-bound",
      replay: async (rec, ctx) => {
        const out = await createAsRecorded(ctx, rec);
        await sleep(300);
        const claim = (await ctx.api("GET", "/api/v1/namespaces/rec/persistentvolumeclaims/wffc")).body;
        const before = (rec.timelineBeforeConsumer as Obj[])[0];
        out.push(...sameShape({ phase: before.phase, storageClassName: before.storageClassName }, { phase: claim.status?.phase, storageClassName: claim.spec?.storageClassName }, "before consumer"));
        const all = (e: Obj) => e.reason !== "Provisioning" && e.reason !== "ProvisioningSucceeded";
        out.push(...compareEvents((rec.eventsBeforeConsumer as Obj).summary, await eventsOf(ctx, "PersistentVolumeClaim", "wffc"), all));
        const consumer = await sendRecorded(ctx.sim, rec.consumerPodRequest as Recording["request"] & object);
        if (consumer.status !== rec.consumerPodResponseStatus) out.push(`consumer pod: real ${rec.consumerPodResponseStatus}, sim ${consumer.status}`);
        const until = Date.now() + 10_000;
        let bound: Obj = {};
        while (Date.now() < until && bound.status?.phase !== "Bound") {
          await sleep(50);
          bound = (await ctx.api("GET", "/api/v1/namespaces/rec/persistentvolumeclaims/wffc")).body;
        }
        const finalPvc = rec.finalPvc as Obj;
        const boundShape = (p: Obj) => ({ phase: p.status?.phase, capacity: p.status?.capacity, accessModes: p.status?.accessModes, annotations: Object.keys(p.metadata?.annotations ?? {}).sort() });
        out.push(...sameShape(boundShape(finalPvc), boundShape(bound), "bound claim"));
        // Provisioning's source names the provisioner instance; its message and the others are stable.
        out.push(...compareEvents((rec.eventsAfterConsumer as Obj).summary, await eventsOf(ctx, "PersistentVolumeClaim", "wffc"), () => true));
        return out;
      },
    },
    {
      name: "07d-deployment-progress-deadline",
      replay: async (rec, ctx) => {
        // The deadline's length appears in no text the controller writes: 2 s instead of 10 s keeps the suite fast.
        const body = structuredClone(rec.request!.body) as Obj;
        body.spec.progressDeadlineSeconds = 2;
        const out = await createAsRecorded(ctx, { ...rec, request: { ...rec.request!, body } });
        const path = "/apis/apps/v1/namespaces/rec/deployments/deadline";
        const seen: Obj[] = [];
        const until = Date.now() + 15_000;
        while (Date.now() < until) {
          const d = (await ctx.api("GET", path)).body;
          const shape = conditionShape(d.status?.conditions);
          if (JSON.stringify(shape) !== JSON.stringify(seen.at(-1))) seen.push(shape);
          if (shape.some((c) => c.reason === "ProgressDeadlineExceeded")) break;
          await sleep(100);
        }
        const real = (rec.timeline as Obj[]).map((t) => conditionShape(t.status.conditions));
        out.push(...sameShape(real.at(-1), seen.at(-1), "conditions at the deadline"));
        const progressing = seen.find((shape) => shape.some((c: Obj) => c.reason === "ReplicaSetUpdated"));
        out.push(...sameShape(real[0], progressing, "conditions while progressing"));
        out.push(...compareEvents((rec.events as Obj).summary, await eventsOf(ctx, "Deployment", "deadline"), () => true));
        return out;
      },
    },
  ],
};
