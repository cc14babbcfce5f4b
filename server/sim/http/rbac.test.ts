import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { clusterRoleRules, rulesAllow } from "@/server/sim/http/rbac";
import { requester } from "@/server/sim/http/test-request";

/** RBAC for an issued token bound to Berth's ClusterRole from deploy/berth.yaml. */
const BERTH_SA = "system:serviceaccount:berth:berth";
const rules = clusterRoleRules(fs.readFileSync("deploy/berth.yaml", "utf8"), "berth");
let sim: Sim;
let berth: ReturnType<typeof requester>;
let admin: ReturnType<typeof requester>;
const apply = { "Content-Type": "application/apply-patch+yaml" };

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false });
  berth = requester(sim.httpUrl, sim.issueToken(BERTH_SA, rules));
  admin = requester(sim.httpUrl, sim.adminToken);
});
afterAll(() => sim.stop());

describe("rules", () => {
  it("match group, resource, subresource and verb as RBAC does", () => {
    expect(rulesAllow(rules, { verb: "patch", group: "apps", plural: "deployments" })).toBe(true);
    expect(rulesAllow(rules, { verb: "patch", group: "batch", plural: "cronjobs" })).toBe(true);
    expect(rulesAllow(rules, { verb: "patch", group: "batch", plural: "jobs" })).toBe(false);
    expect(rulesAllow(rules, { verb: "get", group: "", plural: "pods", subresource: "log" })).toBe(true);
    expect(rulesAllow(rules, { verb: "create", group: "", plural: "pods", subresource: "log" })).toBe(false);
    expect(rulesAllow(rules, { verb: "get", group: "", plural: "events" })).toBe(false);
    expect(rulesAllow([{ apiGroups: ["*"], resources: ["*"], verbs: ["get"], resourceNames: ["only"] }], { verb: "get", group: "x", plural: "y", name: "only" })).toBe(true);
  });
});

describe("a token bound to Berth's ClusterRole", () => {
  it("may do what the role lists, and gets the real RBAC refusal for the rest", async () => {
    expect((await berth("PATCH", "/api/v1/namespaces/default/configmaps/c?fieldManager=berth", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", apply)).status).toBe(201);
    const cron = await berth("PATCH", "/apis/batch/v1/namespaces/default/jobs/nightly?fieldManager=berth", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly\n", apply);
    expect(cron.status).toBe(403);
    expect(cron.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `jobs.batch "nightly" is forbidden: User "${BERTH_SA}" cannot patch resource "jobs" in API group "batch" in the namespace "default"`,
      reason: "Forbidden",
      details: { name: "nightly", group: "batch", kind: "jobs" },
      code: 403,
    });
    const list = await berth("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles");
    expect(list.body.message).toBe(`clusterroles.rbac.authorization.k8s.io is forbidden: User "${BERTH_SA}" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope`);
    expect((await berth("GET", "/api")).status).toBe(200);
    expect((await admin("GET", "/apis/batch/v1/namespaces/default/cronjobs")).status).toBe(200);
  });

  it("needs create as well as patch when an apply would create the object", async () => {
    const narrow = requester(sim.httpUrl, sim.issueToken("system:serviceaccount:berth:narrow", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["patch"] }]));
    const created = await narrow("PATCH", "/api/v1/namespaces/default/configmaps/fresh?fieldManager=berth", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n", apply);
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ message: 'configmaps "fresh" is forbidden: ', reason: "Forbidden", details: { name: "fresh", kind: "configmaps" } });
    await admin("PATCH", "/api/v1/namespaces/default/configmaps/fresh?fieldManager=admin", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n", apply);
    const changed = await narrow("PATCH", "/api/v1/namespaces/default/configmaps/fresh?fieldManager=berth", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  a: b\n", apply);
    expect(changed.status).toBe(200);
  });
});
