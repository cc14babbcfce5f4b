import fs from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as status from "@/app/api/projects/[project]/apps/[app]/status/route";
import * as registries from "@/app/api/projects/[project]/registries/route";
import * as registry from "@/app/api/projects/[project]/registries/[server]/route";
import { getDb } from "@/server/db/client";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";
import { syncRegistrySecret } from "@/server/engine/sync-registry-secret";
import { readObject } from "@/server/kube/read-object";
import { clusterRoleRules } from "@/server/sim/http/rbac";
import { openApiFixture } from "@/server/http/testing/api-fixture";

/**
 * A private image end to end over REST against the simulated cluster's private registry
 * (registry.berth.test, berth / berth-demo-pass; server/sim/README.md): it fails with the
 * sentence that says to add credentials, the login makes it pull, a wrong password is named.
 */
const api = openApiFixture();
const call = api.call;

async function waitForStatus(app: string, done: (s: { health: string; explanation?: string }) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = (await call(status.GET, `/api/projects/lab/apps/${app}/status`, { params: { project: "lab", app } })).body;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${app} never reached the expected status; last: ${JSON.stringify(last)}`);
}

const P = { project: "lab" };
const REG = { project: "lab", server: "registry.berth.test" };

describe("private registries over REST", () => {
  it("a private image fails with the sentence that says to add credentials", async () => {
    expect((await call(projects.POST, "/api/projects", { method: "POST", body: { name: "lab" } })).status).toBe(201);
    expect((await call(apps.POST, "/api/projects/lab/apps", { method: "POST", params: P, body: { name: "api", image: "registry.berth.test/team/api:v1", port: 8080 } })).status).toBe(201);
    expect((await call(apps.POST, "/api/projects/lab/apps", { method: "POST", params: P, body: { name: "site", image: "nginx:1.27", port: 80 } })).status).toBe(201);
    await call(deploy.POST, "/api/projects/lab/apps/api/deploy", { method: "POST", params: { project: "lab", app: "api" } });
    const failing = await waitForStatus("api", (s) => s.explanation?.includes("answered unauthorized") === true);
    expect(failing.explanation).toMatch(/^The image registry\.berth\.test\/team\/api:v1 could not be pulled: registry\.berth\.test answered unauthorized — add credentials for registry\.berth\.test in the project's settings/);
  }, 30_000);

  it("refuses bad bodies with a sentence and changes nothing; viewers cannot write", async () => {
    const before = await getDb().registryCredential.count();
    const url = "/api/projects/lab/registries";
    const https = await call(registries.POST, url, { method: "POST", params: P, body: { server: "https://registry.berth.test", username: "berth", password: "x" } });
    expect(https.status).toBe(400);
    expect(https.body.error.message).toContain('server: write the host only, without "https://"');
    const unknown = await call(registries.POST, url, { method: "POST", params: P, body: { server: "ghcr.io", username: "u", password: "p", email: "a@b" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/email: unknown field/);
    expect((await call(registries.POST, url, { method: "POST", params: P, bearer: api.viewer, body: { server: "ghcr.io", username: "u", password: "p" } })).status).toBe(403);
    expect(await getDb().registryCredential.count()).toBe(before);
  });

  it("a wrong password is named as refused credentials; the right one makes the app pull without a new deploy", async () => {
    const added = await call(registries.POST, "/api/projects/lab/registries", { method: "POST", params: P, body: { server: "registry.berth.test", username: "berth", password: "not-it" } });
    expect(added.status).toBe(201);
    expect(added.body.redeployed).toEqual([{ app: "api", revision: 2 }]);
    expect(added.body.message).toBe("Saved. Redeploying api so its pods pull from registry.berth.test with this login.");
    expect(JSON.stringify(added.body)).not.toContain("not-it");
    const row = await getDb().registryCredential.findFirstOrThrow();
    expect(row.password).not.toContain("not-it");

    await waitForOperation(added.body.operation.id, 10_000);
    const secret = await readObject(api.fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "lab", name: "registry-registry.berth.test" });
    expect(secret).toMatchObject({ type: "kubernetes.io/dockerconfigjson", metadata: { labels: { "app.kubernetes.io/managed-by": "berth", "berth.dev/project": "lab" } } });
    const refused = await waitForStatus("api", (s) => s.explanation?.includes("refused the credentials") === true);
    expect(refused.explanation).toBe("The image registry.berth.test/team/api:v1 could not be pulled: registry.berth.test refused the credentials for berth — check the username and token in the project's settings.");
    const deployment = await readObject(api.fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "lab", name: "api" });
    expect((deployment as any).spec.template.spec.imagePullSecrets).toEqual([{ name: "registry-registry.berth.test" }]); // eslint-disable-line @typescript-eslint/no-explicit-any
    const site = await readObject(api.fx.cluster.kubeConfig, { apiVersion: "apps/v1", kind: "Deployment", namespace: "lab", name: "site" });
    expect(site).toBeUndefined(); // never deployed: not deployed by adding a login

    const fixed = await call(registry.PUT, "/api/projects/lab/registries/registry.berth.test", { method: "PUT", params: REG, body: { password: "berth-demo-pass" } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.redeployed).toEqual([]);
    await waitForStatus("api", (s) => s.health === "Healthy", 25_000);
  }, 60_000);

  it("lists logins without passwords, with the apps they are for; Docker Hub's aliases find one login", async () => {
    const list = await call(registries.GET, "/api/projects/lab/registries", { params: P, bearer: api.viewer });
    expect(list.status).toBe(200);
    expect(list.body.registries).toEqual([expect.objectContaining({ server: "registry.berth.test", username: "berth", secretName: "registry-registry.berth.test", usedBy: ["api"] })]);
    expect(JSON.stringify(list.body)).not.toContain("berth-demo-pass");

    await call(registries.POST, "/api/projects/lab/registries", { method: "POST", params: P, body: { server: "index.docker.io", username: "me", password: "hub-token" } });
    const again = await call(registries.POST, "/api/projects/lab/registries", { method: "POST", params: P, body: { server: "registry-1.docker.io", username: "me", password: "x" } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("already has a login for docker.io");
    const audit = await getDb().auditEvent.findMany({ where: { action: { startsWith: "registry." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["registry.add", "registry.add", "registry.update"]);
    expect(JSON.stringify(audit)).not.toMatch(/hub-token|berth-demo-pass|not-it/);
  });

  it("removing a login deletes its Secret and says what it means for the apps", async () => {
    const removed = await call(registry.DELETE, "/api/projects/lab/registries/registry.berth.test", { method: "DELETE", params: REG });
    expect(removed.status).toBe(200);
    expect(removed.body.message).toMatch(/^Removed\. api pulls from registry\.berth\.test: running pods keep running/);
    await waitForOperation(removed.body.operation.id, 10_000);
    expect(await readObject(api.fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "lab", name: "registry-registry.berth.test" })).toBeUndefined();
    expect((await call(registry.DELETE, "/api/projects/lab/registries/registry.berth.test", { method: "DELETE", params: REG })).status).toBe(404);
  });

  it("Berth's ClusterRole (deploy/berth.yaml) lets its service account write and delete a login's Secret", async () => {
    const token = api.fx.cluster.sim.issueToken("system:serviceaccount:berth:berth", clusterRoleRules(fs.readFileSync("deploy/berth.yaml", "utf8"), "berth"));
    const file = path.join(api.fx.cluster.dir, "berth-registry-sa.kubeconfig");
    await api.fx.cluster.sim.writeKubeconfig(file, { token });
    const asServiceAccount = new KubeConfig();
    asServiceAccount.loadFromFile(file);
    await syncRegistrySecret(asServiceAccount, getDb(), { project: "lab", server: "docker.io" });
    expect(await readObject(api.fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "lab", name: "registry-docker.io" })).toMatchObject({ type: "kubernetes.io/dockerconfigjson" });
    await getDb().registryCredential.deleteMany({ where: { server: "docker.io" } });
    await syncRegistrySecret(asServiceAccount, getDb(), { project: "lab", server: "docker.io" });
    expect(await readObject(api.fx.cluster.kubeConfig, { apiVersion: "v1", kind: "Secret", namespace: "lab", name: "registry-docker.io" })).toBeUndefined();
  });
});
