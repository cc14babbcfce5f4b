import { afterEach, describe, expect, it } from "vitest";
import type { SimController } from "@/server/sim/contract";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

function setup() {
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10, secondMs: 20 });
  const pod = (name: string, spec: Obj) => store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec }));
  const status = (name: string) => (store.get(R.pods, "default", name)?.status ?? {}) as Obj;
  const container = (name: string) => status(name).containerStatuses?.[0] as Obj | undefined;
  const events = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { pod, status, container, events };
}

const web = (probes: Obj) => ({ name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }], ...probes });

describe("simulated kubelet probes", () => {
  it("restarts a container whose liveness probe fails, with the kubelet's events and exit code 137", async () => {
    const { pod, container, events } = setup();
    pod("live", { containers: [web({ livenessProbe: { httpGet: { path: "/fail", port: 8080 }, periodSeconds: 1, failureThreshold: 2 } })] });
    const cs = await waitFor(() => { const c = container("live"); return c && c.restartCount >= 1 && c.lastState?.terminated && c; }, 5000, "a liveness restart");
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    expect(cs.lastState.terminated.message).toBeUndefined();
    expect(events("live")).toEqual(expect.arrayContaining([
      "Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500",
      "Normal Killing Container web failed liveness probe, will be restarted",
    ]));
  });

  it("keeps a passing liveness probe's container running and ready", async () => {
    const { pod, container } = setup();
    pod("fine", { containers: [web({ livenessProbe: { tcpSocket: { port: "http" }, periodSeconds: 1, failureThreshold: 1 }, readinessProbe: { exec: { command: ["true"] } } })] });
    await waitFor(() => container("fine")?.ready, 3000, "ready");
    await new Promise((r) => setTimeout(r, 200));
    expect(container("fine")).toMatchObject({ ready: true, restartCount: 0 });
  });

  it("never readies a container whose readiness probe fails, and says why once", async () => {
    const { pod, status, container, events } = setup();
    pod("unready", { containers: [web({ readinessProbe: { tcpSocket: { port: 9999 } } })] });
    await waitFor(() => status("unready").phase === "Running", 3000, "running");
    await new Promise((r) => setTimeout(r, 200));
    expect(container("unready")).toMatchObject({ ready: false, restartCount: 0 });
    expect(events("unready").filter((e) => e.includes("Readiness probe failed"))).toEqual([
      `Warning Unhealthy Readiness probe failed: dial tcp ${status("unready").podIP}:9999: connect: connection refused`,
    ]);
  });

  it("restarts a container whose startup probe never succeeds, and holds back readiness", async () => {
    const { pod, container, events } = setup();
    pod("slow", { containers: [web({ startupProbe: { exec: { command: ["false"] }, periodSeconds: 1, failureThreshold: 3 }, readinessProbe: { httpGet: { path: "/", port: 8080 } } })] });
    const cs = await waitFor(() => { const c = container("slow"); return c && c.restartCount >= 1 && c; }, 5000, "a startup restart");
    expect(cs.ready).toBe(false);
    expect(events("slow")).toEqual(expect.arrayContaining(["Warning Unhealthy Startup probe failed: ", "Normal Killing Container web failed startup probe, will be restarted"]));
  });
});

describe("simulated volume permissions", () => {
  const volume = { name: "data", emptyDir: {} };
  const image = { name: "db", image: "postgres:needs-fsgroup", terminationMessagePolicy: "FallbackToLogsOnError", volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }] };

  it("crashes a :needs-fsgroup image on a root-owned volume, with its permission error as the termination message", async () => {
    const { pod, container } = setup();
    pod("pg", { containers: [image], volumes: [volume] });
    const cs = await waitFor(() => { const c = container("pg"); return c?.lastState?.terminated && c; }, 5000, "a crash");
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error", message: "mkdir: cannot create directory '/var/lib/postgresql/data/data': Permission denied\n" });
  });

  it("runs it once the pod sets fsGroup", async () => {
    const { pod, container } = setup();
    pod("pg-ok", { securityContext: { fsGroup: 999 }, containers: [image], volumes: [volume] });
    await waitFor(() => container("pg-ok")?.ready, 3000, "ready");
    await new Promise((r) => setTimeout(r, 200));
    expect(container("pg-ok")).toMatchObject({ ready: true, restartCount: 0 });
  });
});
