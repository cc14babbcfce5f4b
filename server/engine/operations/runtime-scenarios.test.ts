import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { getApp } from "@/server/engine/model/get-app";
import { updateApp } from "@/server/engine/model/update-app";
import { listAppObjects } from "@/server/engine/prune-app";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { getAppStatus } from "@/server/engine/status/app-status";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { testActing } from "@/server/auth/testing/auth-fixtures";

/** Engine scenarios for issue 13's runtime capabilities, end to end against the simulated cluster. */
const by = testActing();

let fx: EngineFixture;
beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "ops", displayName: "Ops" });
});
afterAll(() => fx.close());

const kinds = async (app: string) => (await listAppObjects(fx.cluster.kubeConfig, "ops", app)).filter((o) => !o.metadata.deletionTimestamp).map((o) => o.kind).sort();
const deploy = async (app: string) => {
  const { operation } = await deployApp(by, { project: "ops", app });
  return waitForOperation(operation.id, 20_000);
};

async function statusUntil(app: string, check: (s: Awaited<ReturnType<typeof getAppStatus>>) => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  let last = await getAppStatus("ops", app);
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`status never matched; last: ${last.health} ${last.explanation ?? ""}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await getAppStatus("ops", app);
  }
  return last;
}

describe("workers", () => {
  it("deploys an app without a port with no Service, healthy and without URLs", async () => {
    await createApp(by, "ops", { name: "queue", image: "ghcr.io/acme/worker:1", command: ["node", "worker.js"] });
    expect((await deploy("queue")).status).toBe("succeeded");
    expect(await kinds("queue")).toEqual(["Deployment"]);
    const status = await statusUntil("queue", (s) => s.health === "Healthy");
    expect(status.urls).toEqual([]);
  });

  it("prunes the Service when the port of an existing app is removed", async () => {
    await createApp(by, "ops", { name: "api", image: "nginx:1.27", port: 80 });
    await deploy("api");
    expect(await kinds("api")).toEqual(["Deployment", "Service"]);
    const { spec } = await getApp("ops", "api");
    await updateApp(by, "ops", "api", { ...spec, port: undefined });
    expect((await deploy("api")).status).toBe("succeeded");
    expect(await kinds("api")).toEqual(["Deployment"]);
  });
});

describe("probes", () => {
  it("a failing liveness probe restarts the container, and the status says so instead of a crash", async () => {
    await createApp(by, "ops", {
      name: "flaky",
      image: "nginx:1.27",
      port: 80,
      probes: { liveness: { type: "http", path: "/fail", initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 1 } },
    });
    await deploy("flaky");
    const status = await statusUntil("flaky", (s) => /liveness probe/.test(s.explanation ?? "") && s.pods[0]?.restarts >= 1);
    expect(status.explanation).toBe(
      "The container was restarted by its liveness probe (HTTP probe failed with statuscode: 500); it did not crash by itself — make the app answer its liveness check, or fix the check's path, port or command.",
    );
  });
});

describe("run as a user, own the volume", () => {
  it("explains a permission-denied crash on a volume, and deploys once fsGroup is set", async () => {
    await createApp(by, "ops", { name: "pg", image: "postgres:needs-fsgroup", port: 5432, volumes: [{ name: "data", size: "1Gi", mountPath: "/var/lib/postgresql/data" }] });
    await deploy("pg");
    const crashed = await statusUntil("pg", (s) => s.explanation !== undefined && s.explanation.includes("Permission denied"));
    expect(crashed.explanation).toBe(
      `The container keeps crashing (last exit code 1): "mkdir: cannot create directory '/var/lib/postgresql/data/data': Permission denied" — the process may not write where its volume is mounted; set the app's fsGroup (and user) in Advanced to the image's group, e.g. 999 for postgres.`,
    );
    const { spec } = await getApp("ops", "pg");
    await updateApp(by, "ops", "pg", { ...spec, securityContext: { fsGroup: 999 } });
    expect((await deploy("pg")).status).toBe("succeeded");
    await new Promise((r) => setTimeout(r, 1500));
    const fixed = await statusUntil("pg", (s) => s.health === "Healthy");
    expect(fixed.pods.filter((p) => p.phase !== "Terminating").map((p) => p.restarts)).toEqual([0]);
  });
});
