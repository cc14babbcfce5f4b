import fs from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[project]/route";
import * as apps from "@/app/api/projects/[project]/apps/route";
import * as deploy from "@/app/api/projects/[project]/apps/[app]/deploy/route";
import * as schemas from "@/app/api/cluster/schemas/route";
import * as dryRun from "@/app/api/yaml/dry-run/route";
import * as apply from "@/app/api/yaml/apply/route";
import * as live from "@/app/api/yaml/live/route";
import * as rendered from "@/app/api/yaml/rendered/route";
import { seedToken } from "@/server/auth/testing/auth-fixtures";
import { getDb } from "@/server/db/client";
import { openEngineFixture, type EngineFixture } from "@/server/engine/test/engine-fixture";
import { setCluster } from "@/server/kube/cluster";
import { clusterRoleRules } from "@/server/sim/http/rbac";
import { callRoute, routeRequest, TEST_ORIGIN } from "@/server/http/testing/route-request";
import type { RouteHandler } from "@/server/http/with-auth";

/** The YAML routes end to end: guard → safety checks → dry run / apply → simulated cluster. */
let fx: EngineFixture;
let admin: string;
let viewer: string;

beforeAll(async () => {
  fx = await openEngineFixture();
  setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
  admin = (await seedToken({ role: "admin" })).token;
  viewer = (await seedToken({ role: "viewer" })).token;
  await json(projects.POST, "/api/projects", { method: "POST", body: { name: "shop" } });
  await json(apps.POST, "/api/projects/shop/apps", { method: "POST", params: { project: "shop" }, body: { name: "web", image: "nginx:1.27", port: 80, secretEnv: [{ name: "TOKEN", value: "s3cret-value" }] } });
  const deployed = await json(deploy.POST, "/api/projects/shop/apps/web/deploy?wait=true", { method: "POST", params: { project: "shop", app: "web" } });
  expect(deployed.body.operation.status).toBe("succeeded");
}, 90_000);
afterAll(() => fx.close());

async function json(handler: RouteHandler, path: string, opts: { method?: string; body?: unknown; params?: Record<string, string>; token?: string } = {}) {
  const res = await callRoute(handler, routeRequest(path, { method: opts.method, body: opts.body, bearer: opts.token ?? admin }), opts.params ?? {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function sendYaml(handler: RouteHandler, path: string, yaml: string | Uint8Array, token = admin) {
  const req = new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers: { host: "berth.test", "x-berth-client-ip": "192.0.2.10", authorization: `Bearer ${token}`, "content-type": "application/yaml" },
    body: typeof yaml === "string" ? yaml : new Uint8Array(yaml).buffer,
  });
  const res = await callRoute(handler, req);
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function liveDeploymentYaml(): Promise<string> {
  const res = await json(live.GET, "/api/yaml/live?project=shop&app=web");
  return res.body.yaml.split("---\n").find((d: string) => d.includes("kind: Deployment"));
}

describe("reading an app's YAML", () => {
  it("shows the live objects without managedFields, status or Secret values, and all of it on request", async () => {
    const res = await json(live.GET, "/api/yaml/live?project=shop&app=web");
    expect(res.status).toBe(200);
    expect(res.body.objects).toEqual(expect.arrayContaining([{ kind: "Deployment", name: "web" }, { kind: "Service", name: "web" }, { kind: "Secret", name: expect.any(String) }]));
    expect(res.body.yaml).not.toContain("managedFields");
    expect(res.body.yaml).not.toMatch(/^status:/m);
    expect(res.body.yaml).not.toContain("s3cret-value");
    expect(res.body.yaml).not.toContain(Buffer.from("s3cret-value").toString("base64"));
    expect(res.body.yaml).toContain("TOKEN: (hidden by Berth)");
    const full = await json(live.GET, "/api/yaml/live?project=shop&app=web&full=true");
    expect(full.body.yaml).toContain("managedFields");
    expect(full.body.yaml).toMatch(/^status:/m);
    expect(full.body.yaml).not.toContain(Buffer.from("s3cret-value").toString("base64"));
  });

  it("shows the manifests rendered for the current revision", async () => {
    const res = await json(rendered.GET, "/api/yaml/rendered?project=shop&app=web");
    expect(res.body.revision).toMatchObject({ number: 1, outcome: "succeeded" });
    expect(parse(res.body.yaml.split("---\n").find((d: string) => d.includes("kind: Deployment")))).toMatchObject({ metadata: { name: "web", namespace: "shop" } });
  });

  it("serves the cluster's schemas with an ETag", async () => {
    const res = await callRoute(schemas.GET, routeRequest("/api/cluster/schemas", { bearer: viewer }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { gitVersion: string; source: string; kinds: Array<{ apiVersion: string; kind: string }> };
    expect(body).toMatchObject({ gitVersion: "v1.32.3", source: "openapi/v3" });
    expect(body.kinds).toEqual(expect.arrayContaining([expect.objectContaining({ apiVersion: "apps/v1", kind: "Deployment" }), expect.objectContaining({ apiVersion: "v1", kind: "ConfigMap" })]));
    const again = await callRoute(schemas.GET, routeRequest("/api/cluster/schemas", { bearer: viewer, headers: { "if-none-match": res.headers.get("etag")! } }));
    expect(again.status).toBe(304);
  });
});

describe("dry run and apply", () => {
  it("places the API server's errors at their lines", async () => {
    const yaml = (await liveDeploymentYaml()).replace(/^  replicas: \d+$/m, "  replicas: -1");
    const line = yaml.split("\n").findIndex((l) => l === "  replicas: -1") + 1;
    const res = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop&force=true", yaml);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.documents[0]).toMatchObject({ outcome: "invalid" });
    expect(res.body.documents[0].problems).toEqual([expect.objectContaining({ field: "spec.replicas", line, message: expect.stringMatching(/greater than or equal to 0/) })]);

    const misspelt = yaml.replace("  replicas: -1", "  replicaz: 2");
    const unknown = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", misspelt);
    expect(unknown.body.documents[0].problems).toEqual([expect.objectContaining({ field: "spec.replicaz", line, message: expect.stringMatching(/unknown field "spec.replicaz"/) })]);
    const refused = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", misspelt);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(`Deployment shop/web does not fit the Deployment schema (line ${line}). Line ${line}, column 3: unknown field "spec.replicaz"; check its spelling and indentation.`);
  });

  it("reports a conflict naming the manager, refuses it without force, and takes the field over with force (audited)", async () => {
    const yaml = (await liveDeploymentYaml()).replace(/^  replicas: \d+$/m, "  replicas: 3");
    const review = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", yaml);
    expect(review.body.ok).toBe(false);
    expect(review.body.documents[0]).toMatchObject({ outcome: "conflict", message: expect.stringMatching(/spec\.replicas is owned by "berth"\. Apply with force/) });
    expect(review.body.documents[0].problems[0]).toMatchObject({ manager: "berth", field: "spec.replicas" });

    const refused = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", yaml);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/owned by "berth"/);

    const forcedReview = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop&force=true", yaml);
    expect(forcedReview.body.ok).toBe(true);
    expect(forcedReview.body.documents[0].live).toMatch(/^  replicas: 1$/m);
    expect(forcedReview.body.documents[0].proposed).toMatch(/^  replicas: 3$/m);
    expect(forcedReview.body.documents[0].proposed).not.toContain("managedFields");

    const forced = await sendYaml(apply.POST, "/api/yaml/apply?project=shop&force=true", yaml);
    expect(forced.status).toBe(200);
    expect(parse(await liveDeploymentYaml())).toMatchObject({ spec: { replicas: 3 } });
    const full = await json(live.GET, "/api/yaml/live?project=shop&app=web&full=true");
    expect(full.body.yaml).toContain("manager: berth-editor");
    const audit = await getDb().auditEvent.findFirst({ where: { action: "yaml.apply" }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ target: "Deployment shop/web", actorName: "admin-user" });
    expect(JSON.parse(audit!.detail!)).toMatchObject({ force: true, project: "shop" });
  });

  it("puts objects without a namespace into the project's, and refuses other namespaces and cluster-scoped kinds without confirmation", async () => {
    const created = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n");
    expect(created.status).toBe(200);
    expect(created.body.documents[0].ref).toMatchObject({ namespace: "shop", name: "settings" });

    const elsewhere = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n");
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.message).toMatch(/ConfigMap x is in namespace "default", outside project "shop".*allowOutsideProject=true/);
    const clusterScoped = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n");
    expect(clusterScoped.status).toBe(403);
    expect(clusterScoped.body.error.message).toMatch(/Namespace extra is cluster-scoped/);
    const confirmed = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop&allowOutsideProject=true", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n");
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.documents[0]).toMatchObject({ outcome: "ok", isNew: true });
  });

  it("lets viewers read but neither dry-run nor apply", async () => {
    expect((await json(live.GET, "/api/yaml/live?project=shop&app=web", { token: viewer })).status).toBe(200);
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\n";
    expect((await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", yaml, viewer)).status).toBe(403);
    const res = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", yaml, viewer);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/admin role/);
  });

  it("refuses unsafe YAML with 400 before anything reaches the API", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf"), 0xe9, 0x0a]);
    const cases: Array<[string | Uint8Array, RegExp]> = [
      [latin1, /not valid UTF-8/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n", /^Line 5, column 3: .*unique/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  run: !!js/function 'function () {}'\n", /^Line 6, column 8: the tag !!js\/function is not plain data/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !Ref Name\n", /^Line 4, column 9: the tag !Ref is not plain data/],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v\\0"\n', /^Line 6, column 6: this text contains the control character U\+0000 \(NUL\)/],
      [`a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`, /YAML bomb/],
      [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "${"y".repeat(1_100_000)}"\n`, /over 1 MB|under 1 MB/],
    ];
    // Any request that reached the API server now would fail with 500 (→ 502 here), so a 400
    // proves the refusal came first.
    fx.cluster.sim.faults.failFraction(1, { status: 500 });
    try {
      for (const [body, message] of cases) {
        const res = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", body);
        expect(res.status, String(message)).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const reachedApi = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n");
      expect(reachedApi.status).toBe(502);
      expect(reachedApi.body.error.message).toMatch(/^The API server failed on ConfigMap shop\/fine \(HTTP 500\)/);
    } finally {
      fx.cluster.sim.faults.clear();
    }
  });

  it("names what is missing or unknown in a document, beside the other documents' results", async () => {
    const yaml = "kind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMapp\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n";
    const res = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", yaml);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const [missing, unknownKind, fine] = res.body.documents;
    expect(missing).toMatchObject({ outcome: "invalid", line: 1, message: 'Document 1 (line 1) has no apiVersion; add one, e.g. "apiVersion: apps/v1".' });
    expect(unknownKind).toMatchObject({ outcome: "invalid", line: 5, message: expect.stringMatching(/no kind "ConfigMapp" in v1/) });
    expect(unknownKind.problems[0]).toMatchObject({ field: "kind", line: 6, column: 1 });
    expect(fine).toMatchObject({ outcome: "ok", message: "ConfigMap shop/fine would be created." });
    const refused = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", yaml);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/has no apiVersion/);
    expect(fx.cluster.sim.store.peek({ group: "", version: "v1", plural: "configmaps" }, "shop", "fine")).toBeUndefined();
  });
});

describe("a project's namespace", () => {
  const namespaces = { group: "", version: "v1", plural: "namespaces" };

  it("exists as soon as the project does, so New resource works before any deploy, and goes with the project", async () => {
    const created = await json(projects.POST, "/api/projects", { method: "POST", body: { name: "fresh" } });
    expect(created.status).toBe(201);
    expect(fx.cluster.sim.store.peek(namespaces, undefined, "fresh")?.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth" });
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata:\n  a: b\n";
    const review = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=fresh", yaml);
    expect(review.body.documents).toEqual([expect.objectContaining({ outcome: "ok", message: "ConfigMap fresh/first would be created.", isNew: true })]);
    expect((await sendYaml(apply.POST, "/api/yaml/apply?project=fresh", yaml)).status).toBe(200);

    const deleted = await json(project.DELETE, "/api/projects/fresh?wait=true", { method: "DELETE", body: { confirm: "fresh" }, params: { project: "fresh" } });
    expect(deleted.body.operation).toMatchObject({ status: "succeeded" });
    await expect.poll(() => fx.cluster.sim.store.peek(namespaces, undefined, "fresh"), { timeout: 10_000 }).toBeUndefined();
  });

  it("is not made, nor the project, when the cluster refuses it", async () => {
    fx.cluster.sim.faults.failFraction(1, { status: 503 });
    try {
      const res = await json(projects.POST, "/api/projects", { method: "POST", body: { name: "nowhere" } });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/^Project "nowhere" was not created: its namespace could not be created in the cluster/);
    } finally {
      fx.cluster.sim.faults.clear();
    }
    expect((await json(project.GET, "/api/projects/nowhere", { params: { project: "nowhere" } })).status).toBe(404);
  });
});

describe("Berth's own permissions (the ClusterRole of deploy/berth.yaml)", () => {
  it("says per document what Berth's service account may not do and where to grant it", async () => {
    const sim = fx.cluster.sim;
    const token = sim.issueToken("system:serviceaccount:berth:berth", clusterRoleRules(fs.readFileSync("deploy/berth.yaml", "utf8"), "berth"));
    const file = path.join(fx.cluster.dir, "berth-service-account.kubeconfig");
    await sim.writeKubeconfig(file, { token });
    const asServiceAccount = new KubeConfig();
    asServiceAccount.loadFromFile(file);
    setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: asServiceAccount, isSimulated: true });
    try {
      const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: allowed\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: nightly\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: agent\n        image: busybox\n";
      const sentence = `Berth's service account may not create daemonsets.apps in namespace shop — grant it in the ClusterRole (deploy/berth.yaml): the YAML editor needs the verbs get, create and patch on "daemonsets" in API group "apps".`;
      const review = await sendYaml(dryRun.POST, "/api/yaml/dry-run?project=shop", yaml);
      expect(review.status).toBe(200);
      expect(review.body.documents[0]).toMatchObject({ outcome: "ok", message: "ConfigMap shop/allowed would be created." });
      expect(review.body.documents[1]).toMatchObject({ outcome: "forbidden", line: 6, message: sentence });
      expect(review.body.documents[1].problems).toEqual([expect.objectContaining({ line: 6, message: sentence })]);

      const applied = await sendYaml(apply.POST, "/api/yaml/apply?project=shop", yaml);
      expect(applied.status).toBe(403);
      expect(applied.body.error.message).toBe(`${sentence} (1 earlier document was applied)`);
    } finally {
      setCluster({ source: "sim", origin: fx.cluster.dir, kubeConfig: fx.cluster.kubeConfig, isSimulated: true });
    }
    expect(fx.cluster.sim.store.peek({ group: "apps", version: "v1", plural: "daemonsets" }, "shop", "nightly")).toBeUndefined();
  });
});
