/** Lives in server/ because it starts the simulated cluster; the code under test is lib/yaml. */
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { explainKind, formatExplain } from "@/lib/yaml/field-tree";
import { addOpenApiDocument, combinedSchema, emptySchemaSet, schemaForKind, type ClusterSchemaSet, type JsonSchema } from "@/lib/yaml/openapi-to-json-schema";

/** The simulated cluster serves the upstream Kubernetes models; convert what it really serves. */
let sim: Sim;
let set: ClusterSchemaSet;

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(`${sim.httpUrl}${path}`, { headers: { authorization: `Bearer ${sim.adminToken}` } });
  expect(res.status).toBe(200);
  return res.json();
}

const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { app: "web" } },
  spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: { limits: { memory: "128Mi", cpu: "500m" } } }] } }, ...spec },
});

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false });
  set = emptySchemaSet();
  addOpenApiDocument(set, await fetchJson("/openapi/v3/apis/apps/v1"));
}, 60_000);
afterAll(() => sim.stop());

describe("OpenAPI v3 → JSON Schema", () => {
  it("finds the group's kinds by x-kubernetes-group-version-kind, without List kinds", () => {
    const kinds = set.kinds.map((k) => `${k.apiVersion}/${k.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(["apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet", "apps/v1/ReplicaSet"]));
    expect(kinds.some((k) => k.endsWith("List"))).toBe(false);
  });

  it("validates a good Deployment and refuses a misspelt field, a wrong type and a missing required field", () => {
    const schema = schemaForKind(set, "apps/v1", "Deployment")!;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(deployment({})), JSON.stringify(validate.errors)).toBe(true);

    expect(validate(deployment({ replicaz: 3 }))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: "/spec", keyword: "additionalProperties", params: { additionalProperty: "replicaz" } })]));

    expect(validate(deployment({ replicas: "two" }))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: "/spec/replicas", keyword: "type" })]));

    const noSelector = deployment({}) as { spec: Record<string, unknown> };
    delete noSelector.spec.selector;
    expect(validate(noSelector)).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: "/spec", params: { missingProperty: "selector" } })]));

    expect(validate(deployment({ strategy: { rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } } }))).toBe(true);
  });

  it("keeps descriptions and says type and whether required in the hover text", () => {
    const spec = set.definitions["io.k8s.api.apps.v1.DeploymentSpec"] as { properties: Record<string, JsonSchema> };
    expect(spec.properties.replicas.description).toMatch(/^Number of desired pods/);
    expect(spec.properties.replicas.markdownDescription).toMatch(/^\*\*replicas\*\* · `integer \(int32\)` · optional\n\nNumber of desired pods/);
    expect(spec.properties.selector.markdownDescription).toMatch(/^\*\*selector\*\* · `LabelSelector` · \*\*required\*\*/);
    const container = set.definitions["io.k8s.api.core.v1.Container"] as { properties: Record<string, JsonSchema> };
    expect(container.properties.name.markdownDescription).toMatch(/· \*\*required\*\*\n\nName of the container/);
  });

  it("chooses each document's schema by apiVersion and kind in the combined schema", () => {
    addOpenApiDocument(set, { components: { schemas: {} } });
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(combinedSchema(set));
    expect(validate(deployment({}))).toBe(true);
    expect(validate(deployment({ replicaz: 1 }))).toBe(false);
    expect(validate({ ...deployment({ replicaz: 1 }), kind: "StatefulSet" })).toBe(false);
  });

  it("leaves no $ref the editor cannot resolve, across every group-version the cluster serves", async () => {
    const all = emptySchemaSet();
    const index = (await fetchJson("/openapi/v3")) as { paths: Record<string, { serverRelativeURL: string }> };
    for (const { serverRelativeURL } of Object.values(index.paths)) addOpenApiDocument(all, await fetchJson(serverRelativeURL));
    const combined = combinedSchema(all) as { definitions: Record<string, unknown> };
    const dangling = new Set<string>();
    JSON.stringify(combined, (key, value) => {
      if (key === "$ref" && typeof value === "string" && !combined.definitions[value.replace("#/definitions/", "")]) dangling.add(value);
      return value;
    });
    expect([...dangling]).toEqual([]);
    expect(all.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["Deployment", "Service", "Ingress", "PersistentVolumeClaim", "Event"]));
  });

  it("converts the v2 document the same way (clusters before 1.27)", async () => {
    const v2 = emptySchemaSet();
    addOpenApiDocument(v2, await fetchJson("/openapi/v2"));
    expect(v2.kinds.map((k) => `${k.apiVersion}/${k.kind}`)).toEqual(expect.arrayContaining(["v1/ConfigMap", "apps/v1/Deployment", "networking.k8s.io/v1/Ingress"]));
    const validate = new Ajv({ strict: false }).compile(schemaForKind(v2, "v1", "Service")!);
    expect(validate({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: "http" }] } })).toBe(true);
    expect(validate({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { portz: [] } })).toBe(false);
  });
});

describe("explainKind", () => {
  it("lists a kind's field tree with types and required markers, as kubectl explain --recursive", () => {
    const explained = explainKind(set, "apps/v1", "Deployment")!;
    expect(explained.description).toBe("Deployment enables declarative updates for Pods and ReplicaSets.");
    const spec = explained.fields.find((f) => f.name === "spec")!;
    expect(spec.type).toBe("DeploymentSpec");
    const selector = spec.children.find((f) => f.name === "selector")!;
    expect(selector).toMatchObject({ path: "spec.selector", isRequired: true, type: "LabelSelector" });
    const containers = spec.children.find((f) => f.name === "template")!.children.find((f) => f.name === "spec")!.children.find((f) => f.name === "containers")!;
    expect(containers.type).toBe("[]Container");
    expect(containers.children.find((f) => f.name === "image")?.description).toMatch(/Container image name/);
    const text = formatExplain("Deployment", "apps/v1", explained.fields);
    expect(text).toContain("KIND:     Deployment");
    expect(text).toMatch(/\n    replicas\t<integer \(int32\)>\n/);
    expect(text).toMatch(/\n    selector\t<LabelSelector> -required-\n/);
  });
});
