import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim, type Sim } from "@/server/sim/start-sim";
import { requester } from "@/server/sim/http/test-request";
import { startKubectlSim, type KubectlSim } from "@/server/sim/conformance/run-kubectl";
import { readRecording, recordingsStartingWith, type RecordedAnswer } from "@/server/sim/testing/recorded-answer";

/**
 * The simulator's answers to writes a real v1.28 server refuses, replayed from its recordings:
 * server-side apply of a body that does not fit the schema (the same 500 without a reason, word
 * for word, whatever fieldValidation and dryRun say), a bad fieldValidation, an unknown kind.
 */
let sim: Sim;
let api: ReturnType<typeof requester>;

beforeAll(async () => {
  sim = await startSim({ port: 0, controllers: false });
  api = requester(sim.httpUrl, sim.adminToken);
  await api("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "rec" } });
  const existing = readRecording("01a-3-ssa-valid-deployment-plain.json");
  expect((await replay(existing)).status).toBe(201);
});
afterAll(() => sim.stop());

function replay(rec: RecordedAnswer) {
  const { method, path, headers, body } = rec.request;
  return api(method, path, body as string | object, { "Content-Type": headers["Content-Type"] });
}

describe("server-side apply of fields the schema does not have", () => {
  const files = [...recordingsStartingWith("01b-"), ...recordingsStartingWith("01c-")];

  it.each(files)("answers %s as the real server did", async (file) => {
    const rec = readRecording(file);
    const res = await replay(rec);
    expect(res.status).toBe(rec.response.status);
    expect(res.body).toEqual(rec.response.body);
    expect(res.headers.get("warning")).toBeNull();
  });

  it("names every misfit field at once, list items by their key", async () => {
    const yaml = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: many\nspec:\n  replicas: true\n  template:\n    spec:\n      containers:\n      - name: web\n        imagez: nginx\n        resources:\n          limits: {cpu: 1}\n`;
    const res = await api("PATCH", "/apis/apps/v1/namespaces/rec/deployments/many?fieldManager=a", yaml, { "Content-Type": "application/apply-patch+yaml" });
    expect(res.status).toBe(500);
    expect(res.body.message).toBe(
      'failed to create typed patch object (rec/many; apps/v1, Kind=Deployment): errors:\n  .spec.replicas: expected numeric (int or float), got bool\n  .spec.template.spec.containers[name="web"].imagez: field not declared in schema',
    );
    expect((await api("GET", "/apis/apps/v1/namespaces/rec/deployments/many")).status).toBe(404);
  });

  it("refuses an unsupported fieldValidation value on the request's options", async () => {
    const rec = readRecording("02-14-post-invalid-fieldvalidation-value.json");
    const res = await replay(rec);
    expect(res.status).toBe(422);
    expect(res.body).toEqual(rec.response.body);
  });
});

describe("kinds the server does not serve", () => {
  it.each(["01g-1-ssa-unknown-kind.json", "01g-3-discovery-unknown-group.json"])("answers %s with the real plain-text 404", async (file) => {
    const rec = readRecording(file);
    const res = await replay(rec);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(rec.response.headers["content-type"]);
    expect(res.body).toBe(rec.response.body);
  });
});

describe("the apply body's own decoding", () => {
  it("refuses YAML that does not parse with a 400 (the parser's own words differ from go-yaml's)", async () => {
    const rec = readRecording("01h-4-ssa-invalid-yaml.json");
    const res = await replay(rec);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ reason: "BadRequest", message: expect.stringMatching(/^error decoding YAML: /) });
  });

  it.each(["01h-8-ssa-duplicate-field-strict.json", "01h-10-ssa-wrong-content-type.json", "01h-5-ssa-missing-kind.json"])("refuses %s as the real server did", async (file) => {
    const rec = readRecording(file);
    const res = await replay(rec);
    expect(res.status).toBe(rec.response.status);
    expect(res.body).toEqual(rec.response.body);
  });

  it.each(["01h-9-ssa-duplicate-field-default.json", "01h-11-ssa-duplicate-field-warn.json"])("keeps the last of a repeated key with a warning, as in %s", async (file) => {
    const rec = readRecording(file);
    const res = await replay(rec);
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBe(rec.response.headers.warning);
    expect(res.body.spec.replicas).toBe((rec.response.body as { spec: { replicas: number } }).spec.replicas);
  });
});

describe("kubectl apply --server-side of the recorded manifests", () => {
  let env: KubectlSim;
  beforeAll(async () => {
    env = await startKubectlSim("sim-ssa-errors-", 20_000);
    expect((await env.kubectl("create", "namespace", "rec")).code).toBe(0);
  });
  afterAll(() => env.stop());

  const runs = (readRecording("01g-4-kubectl-apply-outputs.json") as unknown as { runs: Array<{ what: string; stdin: string; exitCode: number; stderr: string }> }).runs;

  it.each(runs.map((r) => [r.what, r] as const))("prints what kubectl printed against the real server: %s", async (_, run) => {
    const file = await env.manifest("recorded", run.stdin);
    const res = await env.kubectl("apply", "--server-side", "--field-manager=a", "-f", file);
    expect(res.code).toBe(run.exitCode);
    expect(res.stderr.replaceAll(`"${file}"`, '"STDIN"')).toBe(run.stderr);
  });
});
