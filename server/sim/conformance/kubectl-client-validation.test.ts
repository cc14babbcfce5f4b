/**
 * kubectl paths that read the OpenAPI v2 document as gnostic protobuf: client-side schema
 * validation (kubectl 1.32 falls back to it for kinds the server cannot field-validate, such as
 * a v1 List), strategic-merge metadata for client-side apply, and `explain
 * --output=plaintext-openapiv2`. Before the sim spoke protobuf these all failed with
 * "proto: cannot parse invalid wire-format data".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubectlSim, type KubectlSim } from "@/server/sim/conformance/run-kubectl";

let env: KubectlSim;

/** The real kubectl (v1.32) against this file's simulator. */
const kubectl = (...args: string[]) => env.kubectl(...args);
const manifest = (name: string, text: string) => env.manifest(name, text);

/** A Deployment whose spec lines are given verbatim (indented for a top-level document). */
const deployment = (name: string, specLine: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: default
spec:
  ${specLine}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

/** The same Deployment wrapped in a v1 List, which kubectl validates on the client. */
const list = (name: string, specLine: string) => `apiVersion: v1
kind: List
items:
${deployment(name, specLine).replace(/^(.)/gm, "  $1").replace(/^ {2}/, "- ")}`;

beforeAll(async () => {
  env = await startKubectlSim("sim-kubectl-validate-", 20_000);
});
afterAll(() => env.stop());

describe("kubectl client-side apply and validation against the simulator", () => {
  it("creates with plain `apply -f` and reconfigures on a second one", async () => {
    const created = await kubectl("apply", "-f", await manifest("web", deployment("web", "replicas: 2")));
    expect(created.stderr).toBe("");
    expect(created.stdout.trim()).toBe("deployment.apps/web created");
    const configured = await kubectl("apply", "-f", await manifest("web3", deployment("web", "replicas: 3")));
    expect(configured.stderr).toBe("");
    expect(configured.stdout.trim()).toBe("deployment.apps/web configured");
    expect((await kubectl("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).stdout).toBe("3");
  });

  it("lets the server refuse a misspelt field in a single object (strict field validation)", async () => {
    const res = await kubectl("apply", "-f", await manifest("typo", deployment("typo", "replica: 2")));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Error from server (BadRequest): error when creating');
    expect(res.stderr).toContain('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
  });

  it("validates a List on the client against the protobuf schema: unknown fields and wrong types are refused", async () => {
    const typo = await kubectl("apply", "-f", await manifest("list-typo", list("listed", "replica: 2")));
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('error validating data: ValidationError(Deployment.spec): unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec');
    expect(typo.stderr).toContain("turn validation off with --validate=false");
    const wrongType = await kubectl("apply", "-f", await manifest("list-type", list("listed", 'replicas: "two"')));
    expect(wrongType.code).not.toBe(0);
    expect(wrongType.stderr).toContain('ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"');
    expect((await kubectl("get", "deployment", "listed", "--ignore-not-found")).stdout).toBe("");
    const ok = await kubectl("apply", "-f", await manifest("list-ok", list("listed", "replicas: 1")));
    expect(ok.stderr).toBe("");
    expect(ok.stdout.trim()).toBe("deployment.apps/listed created");
  });

  it("explains fields from the OpenAPI v2 protobuf", async () => {
    const res = await kubectl("explain", "deployment.spec.replicas", "--output=plaintext-openapiv2");
    expect(res.stderr).toBe("");
    expect(res.stdout).toMatch(/KIND:\s+Deployment\nVERSION:\s+apps\/v1/);
    expect(res.stdout).toContain("FIELD:    replicas <integer>");
    expect(res.stdout).toContain("Number of desired pods.");
    const events = await kubectl("explain", "events.eventTime", "--output=plaintext-openapiv2");
    expect(events.stdout).toContain("FIELD:    eventTime <string>");
  });

  it("negotiates /openapi/v2 like kube-openapi: protobuf on request, JSON by default, 406 otherwise", async () => {
    const get = (p: string, accept: string) => fetch(env.sim.httpUrl + p, { headers: { Authorization: `Bearer ${env.sim.adminToken}`, Accept: accept } });
    const proto = await get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    expect(proto.status).toBe(200);
    expect(proto.headers.get("content-type")).toBe("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    const bytes = Buffer.from(await proto.arrayBuffer());
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0x0a, 0x03, ...Buffer.from("2.0")]));
    const etag = proto.headers.get("etag")!;
    expect((await fetch(env.sim.httpUrl + "/openapi/v2", { headers: { Authorization: `Bearer ${env.sim.adminToken}`, Accept: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf", "If-None-Match": etag } })).status).toBe(304);
    const json = await get("/openapi/v2", "application/json, */*");
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(((await json.json()) as { swagger: string }).swagger).toBe("2.0");
    expect((await get("/openapi/v2", "text/html")).status).toBe(406);
    expect((await get("/openapi/v3/apis/apps/v1", "application/com.github.proto-openapi.spec.v3@v1.0+protobuf")).status).toBe(406);
  });
});
