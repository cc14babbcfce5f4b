/**
 * The real kubectl (v1.32) against the simulated StatefulSet controller: what `apply`,
 * `rollout status`, `get statefulset`, `get pvc`, `scale`, `rollout history/undo` and `delete`
 * print must be what they print against a real cluster (recording 07e for rollout status).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubectlSim, type KubectlSim } from "@/server/sim/conformance/run-kubectl";
import { R } from "@/server/sim/controllers/resources";
import { waitFor } from "@/server/sim/controllers/test-helpers";

let env: KubectlSim;

const kubectl = async (...args: string[]) => env.kubectl(...args);

/** Each pod turns ready one (real) second after it starts, so rollout status has something to wait for. */
const statefulSet = (name: string, strategy: string, image = "postgres:16") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: default
spec:
  replicas: 2
  serviceName: ${name}
  selector:
    matchLabels: {app: ${name}}
  updateStrategy: ${strategy}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: db
        image: ${image}
        readinessProbe:
          exec: {command: [pg_isready]}
          initialDelaySeconds: 1
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql/data}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 16Mi}}
`;

const lines = (text: string) => text.trim().split("\n");
const podNames = (app: string) => env.sim.store.list(R.pods, "default").filter((p) => p.metadata.labels?.app === app).map((p) => p.metadata.name).sort();

beforeAll(async () => {
  env = await startKubectlSim("sim-kubectl-sts-", 30_000);
});
afterAll(() => env.stop());

describe("kubectl against the simulated StatefulSet controller", () => {
  it("apply, then rollout status waits for each pod and reports the partitioned roll out complete", async () => {
    const file = await env.manifest("web", statefulSet("web", "{type: RollingUpdate, rollingUpdate: {partition: 0}}"));
    expect((await kubectl("apply", "-f", file)).stdout.trim()).toBe("statefulset.apps/web created");
    const status = await kubectl("rollout", "status", "statefulset/web", "--timeout=30s");
    expect(status.code).toBe(0);
    const out = lines(status.stdout);
    expect(out.at(-1)).toBe("partitioned roll out complete: 2 new pods have been updated...");
    expect(out).toContain("Waiting for 1 pods to be ready...");
    for (const line of out.slice(0, -1)) expect(line).toMatch(/^Waiting for [12] pods to be ready\.\.\.$/);
    const sts = lines((await kubectl("get", "statefulset", "web")).stdout);
    expect(sts[0]).toMatch(/^NAME\s+READY\s+AGE$/);
    expect(sts[1]).toMatch(/^web\s+2\/2\s+\d+s$/);
  });

  it("get pvc shows one Bound claim per pod with the columns v1.32 prints", async () => {
    const pvc = lines((await kubectl("get", "pvc")).stdout);
    expect(pvc[0]).toMatch(/^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(pvc.slice(1)).toHaveLength(2);
    expect(pvc[1]).toMatch(/^data-web-0\s+Bound\s+pvc-[0-9a-f-]{36}\s+16Mi\s+RWO\s+local-path\s+<unset>\s+\d+s$/);
    expect(pvc[2]).toMatch(/^data-web-1\s+Bound\s+pvc-[0-9a-f-]{36}\s+16Mi\s+RWO\s+local-path\s+<unset>\s+\d+s$/);
    const described = (await kubectl("describe", "statefulset", "web")).stdout;
    expect(described).toMatch(/Normal\s+SuccessfulCreate\s+.*statefulset-controller\s+create Claim data-web-0 Pod web-0 in StatefulSet web success/);
    expect(described).toMatch(/Normal\s+SuccessfulCreate\s+.*statefulset-controller\s+create Pod web-1 in StatefulSet web successful/);
    expect(described).toMatch(/^Pods Status:\s+2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect((await kubectl("exec", "web-0", "--", "pg_isready")).stdout).toBe("/var/run/postgresql:5432 - accepting connections\n");
    const missing = await kubectl("exec", "web-0", "--", "redis-cli", "ping");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('exec: "redis-cli": executable file not found in $PATH');
  });

  it("a rolling update without a partition reports the revision, and history and undo go back", async () => {
    const file = await env.manifest("cache", statefulSet("cache", "{type: RollingUpdate}"));
    await kubectl("apply", "-f", file);
    const first = await kubectl("rollout", "status", "statefulset/cache", "--timeout=30s");
    const revision1 = (await kubectl("get", "statefulset", "cache", "-o", "jsonpath={.status.currentRevision}")).stdout;
    expect(lines(first.stdout).at(-1)).toBe(`statefulset rolling update complete 2 pods at revision ${revision1}...`);
    await kubectl("apply", "-f", await env.manifest("cache-2", statefulSet("cache", "{type: RollingUpdate}", "postgres:17")));
    const second = await kubectl("rollout", "status", "statefulset/cache", "--timeout=30s");
    const revision2 = (await kubectl("get", "statefulset", "cache", "-o", "jsonpath={.status.currentRevision}")).stdout;
    expect(revision2).not.toBe(revision1);
    expect(lines(second.stdout)).toContain(`waiting for statefulset rolling update to complete 1 pods at revision ${revision2}...`);
    expect(lines(second.stdout).at(-1)).toBe(`statefulset rolling update complete 2 pods at revision ${revision2}...`);
    const history = lines((await kubectl("rollout", "history", "statefulset/cache")).stdout);
    expect(history[0].trim()).toBe("statefulset.apps/cache");
    expect(history.slice(1).map((l) => l.trim().split(/\s+/))).toEqual([["REVISION", "CHANGE-CAUSE"], ["1", "<none>"], ["2", "<none>"]]);
    expect(lines((await kubectl("get", "controllerrevisions", "-l", "app=cache")).stdout)[0]).toMatch(/^NAME\s+CONTROLLER\s+REVISION\s+AGE$/);
    expect((await kubectl("rollout", "undo", "statefulset/cache")).stdout.trim()).toBe("statefulset.apps/cache rolled back");
    await kubectl("rollout", "status", "statefulset/cache", "--timeout=30s");
    expect((await kubectl("get", "pods", "cache-0", "cache-1", "-o", "jsonpath={.items[*].spec.containers[0].image}")).stdout).toBe("postgres:16 postgres:16");
    expect((await kubectl("get", "statefulset", "cache", "-o", "jsonpath={.status.currentRevision}")).stdout).toBe(revision1);
  });

  it("scale down removes the highest pod and keeps its claim; delete removes the pods and keeps every claim", async () => {
    expect((await kubectl("scale", "statefulset", "web", "--replicas=1")).stdout.trim()).toBe("statefulset.apps/web scaled");
    await waitFor(() => podNames("web").join() === "web-0", 10_000, "web-1 gone");
    expect(lines((await kubectl("get", "pvc", "-l", "app=web", "-o", "name")).stdout)).toEqual(["persistentvolumeclaim/data-web-0", "persistentvolumeclaim/data-web-1"]);
    expect((await kubectl("delete", "statefulset", "web")).stdout.trim()).toBe('statefulset.apps "web" deleted');
    await waitFor(() => podNames("web").length === 0, 10_000, "pods gone");
    const pvc = lines((await kubectl("get", "pvc", "-l", "app=web")).stdout);
    expect(pvc.slice(1).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([["data-web-0", "Bound"], ["data-web-1", "Bound"]]);
  });
});

describe("deleting a StatefulSet's claim", () => {
  it("stays Terminating while its pod runs; once the pod goes the claim and its volume go, and the set makes a fresh one", async () => {
    const file = await env.manifest("queue", statefulSet("queue", "{type: RollingUpdate}").replace("replicas: 2", "replicas: 1"));
    await kubectl("apply", "-f", file);
    await kubectl("rollout", "status", "statefulset/queue", "--timeout=30s");
    const oldVolume = (await kubectl("get", "pvc", "data-queue-0", "-o", "jsonpath={.spec.volumeName}")).stdout;
    expect((await kubectl("delete", "pvc", "data-queue-0", "--wait=false")).stdout.trim()).toBe('persistentvolumeclaim "data-queue-0" deleted');
    await new Promise((r) => setTimeout(r, 300));
    expect(lines((await kubectl("get", "pvc", "data-queue-0")).stdout)[1]).toMatch(/^data-queue-0\s+Terminating\s+pvc-/);
    await kubectl("delete", "pod", "queue-0");
    await waitFor(() => env.sim.store.get(R.pvcs, "default", "data-queue-0")?.spec && (env.sim.store.get(R.pvcs, "default", "data-queue-0")!.spec as { volumeName?: string }).volumeName !== oldVolume && env.sim.store.get(R.pods, "default", "queue-0"), 10_000, "a fresh claim and pod");
    expect(env.sim.store.get(R.pvs, undefined, oldVolume)).toBeUndefined();
    expect((await kubectl("describe", "statefulset", "queue")).stdout).toMatch(/Warning\s+FailedCreate\s+.*create Pod queue-0 in StatefulSet queue failed error: pvc data-queue-0 is being deleted/);
  });

  it("whenScaled: Delete takes the claim of a pod a scale-down removes, past pvc-protection", async () => {
    const policy = "{type: RollingUpdate}\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}";
    await kubectl("apply", "-f", await env.manifest("tmp", statefulSet("tmp", policy)));
    await kubectl("rollout", "status", "statefulset/tmp", "--timeout=30s");
    await kubectl("scale", "statefulset", "tmp", "--replicas=1");
    const claims = () => env.sim.store.list(R.pvcs, "default").map((c) => c.metadata.name).filter((n) => n.startsWith("data-tmp-"));
    await waitFor(() => claims().join() === "data-tmp-0", 10_000, "data-tmp-1 gone");
  });
});
