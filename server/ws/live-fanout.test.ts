import { afterEach, describe, expect, it } from "vitest";
import type { AppStatus } from "@/lib/dto/app-status";
import type { LiveServerMessage } from "@/lib/ws-protocol";
import type { InformerEvent, SharedInformer } from "@/server/kube/informers";
import type { InformedKind } from "@/server/kube/kind-registry";
import type { RevisionChange } from "@/server/engine/revision-feed";
import type { KubeObject } from "@/server/kube/kube-object";
import { createLiveFanout, type LiveFanout } from "@/server/ws/live-fanout";

function fakeInformers() {
  const listeners = new Map<InformedKind, Set<(e: InformerEvent) => void>>();
  const objects = new Map<string, KubeObject>();
  const informer = (kind: InformedKind): SharedInformer =>
    ({
      kind,
      get: (name: string, ns?: string) => objects.get(`${kind}/${ns}/${name}`),
      subscribe(listener: (e: InformerEvent) => void) {
        const set = listeners.get(kind) ?? new Set();
        set.add(listener);
        listeners.set(kind, set);
        return () => set.delete(listener);
      },
    }) as unknown as SharedInformer;
  const emit = (kind: InformedKind, object: KubeObject) => {
    for (const l of listeners.get(kind) ?? []) l({ type: "update", kind, object });
  };
  const subscriptions = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { informer, emit, objects, subscriptions };
}

const pod = (name: string, app: string): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "shop", labels: { "berth.dev/app": app } } });
const status = (app: string) => ({ project: "shop", app, health: "Healthy" }) as unknown as AppStatus;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fanout: LiveFanout | undefined;
afterEach(() => fanout?.stop());

describe("live fan-out", () => {
  it("subscribes to each informer once however many sockets listen", () => {
    const fake = fakeInformers();
    fanout = createLiveFanout({ informer: fake.informer, statusOf: async (_p, a) => status(a) });
    const before = fake.subscriptions();
    for (let i = 0; i < 50; i++) fanout.subscribe(() => {});
    expect(fake.subscriptions()).toBe(before);
    expect(fanout.subscriberCount()).toBe(50);
  });

  it("turns a burst of pod updates into one app-status per app for every listener", async () => {
    const fake = fakeInformers();
    let computed = 0;
    fanout = createLiveFanout({ informer: fake.informer, debounceMs: 20, statusOf: async (_p, a) => (computed++, status(a)) });
    const a: LiveServerMessage[] = [];
    const b: LiveServerMessage[] = [];
    fanout.subscribe((m) => a.push(m));
    fanout.subscribe((m) => b.push(m));
    for (let i = 0; i < 10; i++) fake.emit("Pod", pod(`web-${i}`, "web"));
    fake.emit("Pod", pod("db-0", "db"));
    await wait(80);
    expect(computed).toBe(2);
    expect(a.map((m) => (m.type === "app-status" ? m.app : m.type)).sort()).toEqual(["db", "web"]);
    expect(b).toEqual(a);
  });

  it("ties an Event to its app through the object it is about, and says when an app is gone", async () => {
    const fake = fakeInformers();
    fake.objects.set("Pod/shop/web-1", pod("web-1", "web"));
    fanout = createLiveFanout({ informer: fake.informer, debounceMs: 5, statusOf: async () => null });
    const got: LiveServerMessage[] = [];
    fanout.subscribe((m) => got.push(m));
    const event = { apiVersion: "v1", kind: "Event", metadata: { name: "e1", namespace: "shop" }, involvedObject: { kind: "Pod", name: "web-1", namespace: "shop" } } as unknown as KubeObject;
    fake.emit("Event", event);
    fake.emit("Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    await wait(40);
    expect(got).toContainEqual({ type: "app-removed", project: "shop", app: "web" });
    expect(got).toContainEqual({ type: "projects-changed" });
  });

  it("forwards the engine's deploy progress and outcomes to every listener, and stops with the fan-out", () => {
    const fake = fakeInformers();
    const feed = new Set<(change: RevisionChange) => void>();
    fanout = createLiveFanout({
      informer: fake.informer,
      statusOf: async (_p, a) => status(a),
      revisions: (listener) => (feed.add(listener), () => feed.delete(listener)),
    });
    const got: LiveServerMessage[] = [];
    fanout.subscribe((m) => got.push(m));
    const progress: RevisionChange = { type: "revision-progress", project: "shop", app: "web", message: "Waiting for 1 of 2 replicas." };
    for (const listener of feed) listener(progress);
    expect(got).toEqual([progress]);
    fanout.stop();
    expect(feed.size).toBe(0);
  });
});
