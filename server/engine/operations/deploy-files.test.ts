import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "kubernetes-types/apps/v1";
import type { ConfigMap, Pod, Secret } from "kubernetes-types/core/v1";
import { diffSpecs } from "@/lib/apps/diff-specs";
import { createApp } from "@/server/engine/model/create-app";
import { createProject } from "@/server/engine/model/create-project";
import { setAppFiles } from "@/server/engine/model/set-app-files";
import { deployApp } from "@/server/engine/operations/deploy-app";
import { rollbackApp } from "@/server/engine/operations/rollback-app";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { listRevisions } from "@/server/engine/revisions";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { resourceKindNamed } from "@/server/kube/kind-registry";
import { listObjects } from "@/server/kube/list-managed";
import { readObject } from "@/server/kube/read-object";
import { testActing } from "@/server/auth/testing/auth-fixtures";

/** Config files end to end against the simulated cluster: render, apply, mount, roll on change. */
const by = testActing();
let fx: EngineFixture;

const CONFIG = "listen: 8080\n";
const TOKEN = "t0ken-for-files";

beforeAll(async () => {
  fx = await openEngineFixture();
  await createProject(by, { name: "shop" });
  await createApp(by, "shop", {
    name: "web",
    image: "nginx:1.27",
    port: 80,
    files: [
      { path: "/etc/web/config.yaml", content: CONFIG },
      { path: "/etc/web/token", content: TOKEN, secret: true },
    ],
  });
});
afterAll(() => fx.close());

const read = async <T>(kind: string, name: string, apiVersion = "v1") => (await readObject(fx.cluster.kubeConfig, { apiVersion, kind, namespace: "shop", name })) as T | undefined;
const deploy = async () => {
  const { operation } = await deployApp(by, { project: "shop", app: "web" });
  return waitForOperation(operation.id, 15_000);
};
const replicaSets = async () => (await listObjects(fx.cluster.kubeConfig, resourceKindNamed("ReplicaSet"), { namespace: "shop" })).items.map((rs) => rs.metadata.name).sort();

describe("an app with config files", () => {
  it("gets a ConfigMap, a Secret and one projected volume for the shared directory", async () => {
    expect((await deploy()).status).toBe("succeeded");
    expect((await read<ConfigMap>("ConfigMap", "web-files"))?.data).toEqual({ "etc_web_config.yaml": CONFIG });
    expect((await read<Secret>("Secret", "web-secret-files"))?.data).toEqual({ etc_web_token: Buffer.from(TOKEN).toString("base64") });
    const pods = (await listObjects(fx.cluster.kubeConfig, resourceKindNamed("Pod"), { namespace: "shop" })).items as unknown as Pod[];
    expect(pods).toHaveLength(1);
    const mounts = pods[0].spec!.containers[0].volumeMounts!;
    expect(mounts).toEqual([{ name: expect.stringMatching(/^berth-files-/), mountPath: "/etc/web", readOnly: true }]);
    const volume = pods[0].spec!.volumes!.find((v) => v.name === mounts[0].name)!;
    expect(volume.projected?.sources).toEqual([
      { configMap: { name: "web-files", items: [{ key: "etc_web_config.yaml", path: "config.yaml" }] } },
      { secret: { name: "web-secret-files", items: [{ key: "etc_web_token", path: "token" }] } },
    ]);
  });

  it("rolls a new ReplicaSet when a file changes, and the revision diff names the file", async () => {
    const before = await replicaSets();
    await setAppFiles(by, "shop", "web", { files: [{ path: "/etc/web/config.yaml", content: "listen: 9090\n" }, { path: "/etc/web/token", secret: true }] });
    expect((await deploy()).status).toBe("succeeded");
    const after = await replicaSets();
    expect(after.length).toBe(before.length + 1);
    expect((await read<ConfigMap>("ConfigMap", "web-files"))?.data).toEqual({ "etc_web_config.yaml": "listen: 9090\n" });
    expect((await read<Secret>("Secret", "web-secret-files"))?.data?.etc_web_token).toBe(Buffer.from(TOKEN).toString("base64"));
    const [newest, previous] = await listRevisions("shop", "web");
    expect(diffSpecs(previous.spec, newest.spec)).toEqual([
      { path: 'files["/etc/web/config.yaml"]', before: expect.stringMatching(/^content [0-9a-f]{8}$/), after: expect.stringMatching(/^content changed \([0-9a-f]{8}\)$/) },
    ]);
  });

  it("rolls back to the earlier file text, kept in the revision's ConfigMap", async () => {
    const { operation } = await rollbackApp(by, { project: "shop", app: "web", revision: 1 });
    expect((await waitForOperation(operation.id, 15_000)).status).toBe("succeeded");
    expect((await read<ConfigMap>("ConfigMap", "web-files"))?.data).toEqual({ "etc_web_config.yaml": CONFIG });
    const deployment = await read<Deployment>("Deployment", "web", "apps/v1");
    expect(deployment?.metadata?.annotations?.["berth.dev/spec"]).not.toContain("listen");
  });

  it("prunes the ConfigMap and Secret when the files are removed", async () => {
    await setAppFiles(by, "shop", "web", { files: [] });
    expect((await deploy()).status).toBe("succeeded");
    expect(await read("ConfigMap", "web-files")).toBeUndefined();
    expect(await read("Secret", "web-secret-files")).toBeUndefined();
  });
});
