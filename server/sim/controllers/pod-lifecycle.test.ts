import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController } from "@/server/sim/contract";
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
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  const pod = (name: string, spec: Obj) => store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels: { app: name } }, spec }));
  const status = (name: string) => (store.get(R.pods, "default", name)?.status ?? {}) as Obj;
  const events = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { store, pod, status, events };
}

describe("simulated kubelet", () => {
  it("crashloop images restart with rising restartCount, exit code 1 and CrashLoopBackOff", async () => {
    const { pod, status, events } = setup();
    const p = pod("crash", { containers: [{ name: "app", image: "myapp:crashloop" }] });
    const cs = await waitFor(() => { const c = status("crash").containerStatuses?.[0]; return c?.restartCount >= 2 && c.state.waiting?.reason === "CrashLoopBackOff" && c; }, 5000, "two restarts");
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(cs.state.waiting.message).toMatch(new RegExp(`^back-off (10|20|40)s restarting failed container=app pod=crash_default\\(${p.metadata.uid}\\)$`));
    expect(status("crash").phase).toBe("Running");
    expect(events("crash")).toContain(`Warning BackOff Back-off restarting failed container app in pod crash_default(${p.metadata.uid})`);
  });

  it("notfound images go ErrImagePull then ImagePullBackOff with the real messages", async () => {
    const { pod, status, events } = setup();
    pod("pull", { containers: [{ name: "app", image: "nginx:notfound" }] });
    const seen = new Set<string>();
    await waitFor(() => { const w = status("pull").containerStatuses?.[0]?.state?.waiting; if (w) seen.add(`${w.reason}: ${w.message ?? ""}`); return seen.size >= 3; }, 5000, "pull states");
    expect([...seen]).toEqual(expect.arrayContaining([
      'ErrImagePull: failed to pull and unpack image "docker.io/library/nginx:notfound": failed to resolve reference "docker.io/library/nginx:notfound": docker.io/library/nginx:notfound: not found',
      'ImagePullBackOff: Back-off pulling image "nginx:notfound"',
    ]));
    expect(status("pull").phase).toBe("Pending");
    expect(events("pull")).toEqual(expect.arrayContaining(["Normal BackOff Back-off pulling image \"nginx:notfound\"", "Warning Failed Error: ErrImagePull", "Warning Failed Error: ImagePullBackOff"]));
  });

  it("becomes Ready only after the readiness probe's initialDelaySeconds, and Endpoints follow readiness", async () => {
    const { store, pod, status } = setup();
    store.create(R.services, applyDefaults({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] } }));
    pod("web", { containers: [{ name: "app", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080 }], readinessProbe: { httpGet: { path: "/", port: 8080 }, initialDelaySeconds: 5 } }] });
    await waitFor(() => status("web").phase === "Running", 3000, "running");
    const notReady = await waitFor(() => (store.get(R.endpoints, "default", "web") as Obj)?.subsets?.[0]?.notReadyAddresses, 3000, "notReady endpoints");
    expect(notReady[0]).toMatchObject({ ip: status("web").podIP, targetRef: { kind: "Pod", name: "web" } });
    expect(status("web").conditions.find((c: Obj) => c.type === "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [app]" });
    const ready = await waitFor(() => (store.get(R.endpoints, "default", "web") as Obj)?.subsets?.[0]?.addresses, 3000, "ready endpoints");
    expect(ready[0].ip).toMatch(/^10\.42\.\d+\.\d+$/);
    expect((store.get(R.endpoints, "default", "web") as Obj).subsets[0].ports).toEqual([{ port: 8080, protocol: "TCP" }]);
  });

  it("passes exec readiness probes written with each engine's own check", async () => {
    const { pod, status, events } = setup();
    const probed = (name: string, image: string, command: string[]) => pod(name, { containers: [{ name: "db", image, readinessProbe: { exec: { command } } }] });
    probed("pg", "postgres:17.2", ["sh", "-c", 'exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER"']);
    probed("maria", "mariadb:11.4.4", ["healthcheck.sh", "--connect", "--innodb_initialized"]);
    probed("redis", "redis:7.4.1", ["redis-cli", "ping"]);
    probed("mongo", "mongo:7.0.15", ["mongosh", "--quiet", "--eval", 'db.adminCommand("ping")']);
    const names = ["pg", "maria", "redis", "mongo"];
    for (const name of names) await waitFor(() => status(name).containerStatuses?.[0]?.ready, 3000, `${name} ready`);
    expect(names.flatMap(events).filter((e) => e.includes("Unhealthy"))).toEqual([]);
  });

  it("an exec readiness probe errors with containerd's answer when the image lacks the program, and fails with the output of one that exits non-zero", async () => {
    const { pod, status, events } = setup();
    pod("maria", { containers: [{ name: "db", image: "mariadb:11.4.4", readinessProbe: { exec: { command: ["mysqladmin", "ping"] } } }] });
    pod("redis", { containers: [{ name: "db", image: "redis:7.4.1", readinessProbe: { exec: { command: ["sh", "-c", "redis-cli get missing-key"] } } }] });
    const unhealthy = (name: string) => events(name).filter((e) => e.startsWith("Warning Unhealthy"));
    await waitFor(() => unhealthy("maria").length > 0 && unhealthy("redis").length > 0 && status("maria").containerStatuses?.[0]?.state?.running, 3000, "probe events");
    await new Promise((r) => setTimeout(r, 200));
    expect([status("maria"), status("redis")].map((s) => s.containerStatuses[0].ready)).toEqual([false, false]);
    expect(unhealthy("maria")).toHaveLength(1);
    expect(unhealthy("maria")[0]).toMatch(/^Warning Unhealthy Readiness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "mysqladmin": executable file not found in \$PATH: unknown$/);
    expect(unhealthy("redis")).toEqual(["Warning Unhealthy Readiness probe failed: simulated cluster: no database server runs in this container; only its health checks are answered\n"]);
  });

  it("binds an RWO claim when a pod uses it, and leaves RWX and unknown-class claims Pending with the real messages", async () => {
    const { store, pod, status, events } = setup();
    const claim = (name: string, spec: Obj) => store.create(R.pvcs, applyDefaults({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "default" }, spec: { resources: { requests: { storage: "1Gi" } }, ...spec } } as KubeObject));
    const data = claim("data", { accessModes: ["ReadWriteOnce"] });
    claim("shared", { accessModes: ["ReadWriteMany"] });
    claim("fast", { accessModes: ["ReadWriteOnce"], storageClassName: "fast" });
    await waitFor(() => events("data").some((e) => e.includes("WaitForFirstConsumer")), 3000, "WFFC event");
    expect((store.get(R.pvcs, "default", "data")?.status as Obj).phase).toBe("Pending");
    pod("db", { containers: [{ name: "app", image: "postgres:16" }], volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] });
    pod("nas", { containers: [{ name: "app", image: "nginx:1.27" }], volumes: [{ name: "d", persistentVolumeClaim: { claimName: "shared" } }] });
    await waitFor(() => (store.get(R.pvcs, "default", "data")?.status as Obj)?.phase === "Bound", 3000, "bound");
    expect((store.get(R.pvcs, "default", "data")?.spec as Obj).volumeName).toBe(`pvc-${data.metadata.uid}`);
    expect((store.get(R.pvs, undefined, `pvc-${data.metadata.uid}`)?.spec as Obj).storageClassName).toBe("local-path");
    await waitFor(() => status("db").phase === "Running", 3000, "db running");
    await waitFor(() => events("nas").some((e) => e.includes("FailedScheduling")), 3000, "FailedScheduling");
    expect(events("shared")).toContain('Warning ProvisioningFailed failed to provision volume with StorageClass "local-path": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    expect(events("nas")[0]).toMatch(/^Warning FailedScheduling 0\/1 nodes are available: pod has unbound immediate PersistentVolumeClaims\./);
    expect(status("nas").phase).toBe("Pending");
    await waitFor(() => events("fast").length > 0, 3000, "fast event");
    expect(events("fast")).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found']);
  });

  it("runs Job pods to Succeeded and completes the Job; bootstraps node, classes and service accounts", async () => {
    const { store } = setup();
    store.create(R.jobs, applyDefaults({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: "default" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "busybox:1.36" }] } } } }));
    const job = await waitFor(() => (store.get(R.jobs, "default", "migrate")?.status as Obj)?.completionTime && (store.get(R.jobs, "default", "migrate") as Obj), 3000, "job complete");
    expect(job.status.succeeded).toBe(1);
    expect(job.status.conditions.map((c: Obj) => c.type)).toContain("Complete");
    expect((store.list(R.pods, "default")[0].status as Obj).phase).toBe("Succeeded");
    expect((store.get(R.nodes, undefined, "sim-node-1")?.status as Obj).conditions.find((c: Obj) => c.type === "Ready").status).toBe("True");
    expect(store.get(R.storageclasses, undefined, "local-path")?.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"]).toBe("true");
    store.create(R.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    await waitFor(() => store.get(R.serviceaccounts, "team", "default"), 2000, "default SA");
  });
});
