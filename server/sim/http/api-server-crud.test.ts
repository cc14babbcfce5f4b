import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { deploymentBody, requester } from "@/server/sim/http/test-request";

let sim: Sim;
let api: ReturnType<typeof requester>;
const D = "/apis/apps/v1/namespaces/default/deployments";

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false });
  api = requester(sim.httpUrl, sim.adminToken);
});
afterAll(() => sim.stop());

describe("authentication and authorization", () => {
  it("answers 401 to a wrong token and 403 to a request without credentials (system:anonymous)", async () => {
    const wrong = await fetch(`${sim.httpUrl}/api/v1/namespaces/default/pods`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 });
    const anonymous = await fetch(`${sim.httpUrl}/api/v1/namespaces/default/pods`);
    expect(anonymous.status).toBe(403);
    expect((await anonymous.json()).message).toBe('pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
    expect((await fetch(`${sim.httpUrl}/api`)).status).toBe(403);
    expect((await fetch(`${sim.httpUrl}/readyz`)).status).toBe(200);
  });

  it("lets the read-only token read but answers writes with the real RBAC 403", async () => {
    const viewer = requester(sim.httpUrl, sim.readOnlyToken);
    expect((await viewer("GET", "/api/v1/namespaces/default/pods")).status).toBe(200);
    const res = await viewer("POST", "/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "x" } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Forbidden", code: 403, details: { kind: "pods" } });
    expect(res.body.message).toBe('pods is forbidden: User "sim-viewer" cannot create resource "pods" in API group "" in the namespace "default"');
  });
});

describe("discovery", () => {
  it("serves /version, /api, /apis and resource lists with verbs, short names and subresources", async () => {
    expect((await api("GET", "/version")).body.gitVersion).toMatch(/^v1\.32\./);
    expect((await api("GET", "/api")).body.versions).toEqual(["v1"]);
    const groups = (await api("GET", "/apis")).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(expect.arrayContaining(["apps", "batch", "networking.k8s.io", "storage.k8s.io", "metrics.k8s.io"]));
    const apps = (await api("GET", "/apis/apps/v1")).body;
    const deploy = apps.resources.find((r: { name: string }) => r.name === "deployments");
    expect(deploy).toMatchObject({ singularName: "deployment", namespaced: true, kind: "Deployment", shortNames: ["deploy"], categories: ["all"] });
    expect(deploy.verbs).toEqual(expect.arrayContaining(["create", "get", "list", "watch", "patch", "update", "delete"]));
    expect(apps.resources.find((r: { name: string }) => r.name === "deployments/scale")).toMatchObject({ group: "autoscaling", version: "v1", kind: "Scale" });
    const core = (await api("GET", "/api/v1")).body.resources.map((r: { name: string }) => r.name);
    expect(core).toEqual(expect.arrayContaining(["pods/log", "pods/exec", "pods/status", "namespaces", "nodes"]));
  });

  it("publishes OpenAPI v3 with real descriptions and group-version-kinds", async () => {
    const index = (await api("GET", "/openapi/v3")).body;
    const url = index.paths["apis/apps/v1"].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    const doc = (await api("GET", url)).body;
    const deployment = doc.components.schemas["io.k8s.api.apps.v1.Deployment"];
    expect(deployment["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    expect(doc.components.schemas["io.k8s.api.apps.v1.DeploymentSpec"].properties.replicas).toMatchObject({ type: "integer", format: "int32" });
    expect(doc.components.schemas["io.k8s.api.apps.v1.DeploymentSpec"].properties.replicas.description).toContain("Number of desired pods");
    const v2 = (await api("GET", "/openapi/v2")).body;
    expect(v2.swagger).toBe("2.0");
    expect(JSON.stringify(v2.definitions["io.k8s.api.apps.v1.DeploymentSpec"])).toContain("#/definitions/");
  });
});

describe("create, get, update, list", () => {
  it("creates, refuses duplicates with the real AlreadyExists message, and requires the namespace", async () => {
    const created = await api("POST", D, deploymentBody("web"));
    expect(created.status).toBe(201);
    expect(created.body.metadata).toMatchObject({ name: "web", namespace: "default", generation: 1 });
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    const again = await api("POST", D, deploymentBody("web"));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: "AlreadyExists", message: 'deployments.apps "web" already exists' });
    const missing = await api("POST", "/apis/apps/v1/namespaces/nowhere/deployments", deploymentBody("x"));
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('namespaces "nowhere" not found');
    const gen = await api("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "cfg-" } });
    expect(gen.body.metadata.name).toMatch(/^cfg-[a-z0-9]{5}$/);
  });

  it("rejects a stale resourceVersion with the real Conflict message and bumps generation only on spec changes", async () => {
    await api("POST", D, deploymentBody("upd"));
    const live = (await api("GET", `${D}/upd`)).body;
    const changed = structuredClone(live);
    changed.spec.replicas = 4;
    const ok = await api("PUT", `${D}/upd`, changed);
    expect(ok.status).toBe(200);
    expect(ok.body.metadata.generation).toBe(2);
    const stale = await api("PUT", `${D}/upd`, live);
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Operation cannot be fulfilled on deployments.apps "upd": the object has been modified; please apply your changes to the latest version and try again');
    const labelled = structuredClone(ok.body);
    labelled.metadata.labels.extra = "yes";
    expect((await api("PUT", `${D}/upd`, labelled)).body.metadata.generation).toBe(2);
  });

  it("lists with label and field selectors, limit and continue", async () => {
    for (const [name, tier] of [["a1", "front"], ["a2", "back"], ["a3", "front"]]) {
      await api("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { tier, sel: "yes" } } });
    }
    const names = async (q: string) => (await api("GET", `/api/v1/namespaces/default/configmaps?${q}`)).body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(await names("labelSelector=tier%3Dfront")).toEqual(["a1", "a3"]);
    expect(await names("labelSelector=tier!%3Dfront,sel")).toEqual(["a2"]);
    expect(await names("labelSelector=tier%20in%20(back,none)")).toEqual(["a2"]);
    expect(await names("labelSelector=tier%20notin%20(back),sel")).toEqual(["a1", "a3"]);
    expect(await names("labelSelector=!missing,sel")).toEqual(["a1", "a2", "a3"]);
    expect(await names("fieldSelector=metadata.name%3Da2")).toEqual(["a2"]);
    const page1 = (await api("GET", "/api/v1/namespaces/default/configmaps?labelSelector=sel&limit=2")).body;
    expect(page1.kind).toBe("ConfigMapList");
    expect(page1.items).toHaveLength(2);
    // A filtered list cannot know how many items remain (real servers omit the count).
    expect(page1.metadata.remainingItemCount).toBeUndefined();
    expect((await api("GET", "/api/v1/namespaces/default/configmaps?limit=1")).body.metadata.remainingItemCount).toBeGreaterThan(0);
    const page2 = (await api("GET", `/api/v1/namespaces/default/configmaps?labelSelector=sel&limit=2&continue=${encodeURIComponent(page1.metadata.continue)}`)).body;
    expect(page2.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["a3"]);
    expect(page2.metadata.continue).toBeUndefined();
    const bad = await api("GET", "/api/v1/namespaces/default/configmaps?fieldSelector=spec.nodeName%3Dx");
    expect(bad.status).toBe(400);
    // ConfigMaps have no field-label conversion of their own: the real text (recording 04-10).
    expect(bad.body.message).toBe('"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"');
    const badPod = await api("GET", "/api/v1/namespaces/default/pods?fieldSelector=data.v%3Dx");
    expect(badPod.body.message).toBe("field label not supported: data.v");
  });

  it("prints a Table with the real pod columns when asked", async () => {
    await api("POST", "/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "p1" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    const t = (await api("GET", "/api/v1/namespaces/default/pods", undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" })).body;
    expect(t.kind).toBe("Table");
    expect(t.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(["Name", "Ready", "Status", "Restarts", "Age"]);
    expect(t.rows[0].cells.slice(0, 4)).toEqual(["p1", "0/1", "Pending", 0]);
    expect(t.rows[0].object).toMatchObject({ kind: "PartialObjectMetadata", metadata: { name: "p1" } });
  });
});
