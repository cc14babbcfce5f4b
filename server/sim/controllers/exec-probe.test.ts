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
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  const pod = (name: string, image: string, command: string[]) =>
    store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [{ name: "db", image, readinessProbe: { exec: { command } } }] } }));
  const ready = (name: string) => (store.get(R.pods, "default", name)?.status as Obj | undefined)?.containerStatuses?.[0]?.ready === true;
  const running = (name: string) => Boolean((store.get(R.pods, "default", name)?.status as Obj | undefined)?.containerStatuses?.[0]?.state?.running);
  const unhealthy = (name: string) => store.list(R.events, "default").filter((e) => (e.involvedObject as Obj).name === name && e.reason === "Unhealthy").map((e) => `${e.type} ${e.message}`);
  return { pod, ready, running, unhealthy };
}

describe("exec readiness probes in the simulated kubelet", () => {
  it("pass with each engine's own check and make the pod ready", async () => {
    const { pod, ready, unhealthy } = setup();
    pod("pg", "postgres:17.2", ["sh", "-c", 'exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER"']);
    pod("maria", "mariadb:11.4.4", ["healthcheck.sh", "--connect", "--innodb_initialized"]);
    pod("redis", "redis:7.4.1", ["redis-cli", "ping"]);
    pod("mongo", "mongo:7.0.15", ["mongosh", "--quiet", "--eval", 'db.adminCommand("ping")']);
    for (const name of ["pg", "maria", "redis", "mongo"]) await waitFor(() => ready(name), 3000, `${name} ready`);
    expect(["pg", "maria", "redis", "mongo"].flatMap(unhealthy)).toEqual([]);
  });

  it("errors with containerd's answer when the program is not in the image, and fails with the output of one that exits non-zero", async () => {
    const { pod, ready, running, unhealthy } = setup();
    pod("maria", "mariadb:11.4.4", ["mysqladmin", "ping"]);
    pod("redis", "redis:7.4.1", ["sh", "-c", "redis-cli get missing-key"]);
    await waitFor(() => running("maria") && running("redis") && unhealthy("maria").length > 0 && unhealthy("redis").length > 0, 3000, "probe events");
    await new Promise((r) => setTimeout(r, 200));
    expect(ready("maria") || ready("redis")).toBe(false);
    expect(unhealthy("maria")).toHaveLength(1);
    expect(unhealthy("maria")[0]).toMatch(/^Warning Readiness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "mysqladmin": executable file not found in \$PATH: unknown$/);
    expect(unhealthy("redis")).toEqual(["Warning Readiness probe failed: simulated cluster: no database server runs in this container; only its health checks are answered\n"]);
  });
});
