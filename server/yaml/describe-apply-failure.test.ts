import http from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseYamlSafely } from "@/lib/yaml/parse-yaml-safely";
import type { Principal } from "@/server/auth/principal";
import { AppError } from "@/server/errors";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { readRecording, type RecordedAnswer } from "@/server/sim/testing/recorded-answer";
import { dryRunYamlOn } from "@/server/yaml/apply-yaml-documents";

/**
 * The editor's dry run against the answers a real kube-apiserver v1.28.7 gave
 * (../shared/real-k8s/): a stand-in API server replays the recorded answer for the document's
 * object and accepts every other object, so each test sends a mixed pair and checks that the
 * failure lands on its document, at its line, in a sentence — and that the valid document's
 * result is still there.
 */
const RESOURCES: Record<string, Array<{ name: string; kind: string; namespaced: boolean }>> = {
  "/api/v1": [{ name: "configmaps", kind: "ConfigMap", namespaced: true }, { name: "namespaces", kind: "Namespace", namespaced: false }],
  "/apis/apps/v1": [{ name: "deployments", kind: "Deployment", namespaced: true }],
  "/apis/batch/v1": [{ name: "cronjobs", kind: "CronJob", namespaced: true }],
  "/apis/example.com/v1": [{ name: "widgets", kind: "Widget", namespaced: true }],
};

let server: http.Server;
let kubeConfig: KubeConfig;
/** Object path → the recorded answer to its apply PATCH (or a dropped connection for any request). */
const answers = new Map<string, RecordedAnswer["response"] | "drop">();

function send(res: http.ServerResponse, status: number, body: unknown, contentType = "application/json") {
  res.writeHead(status, { "content-type": contentType });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://replay").pathname;
      if (answers.get(path) === "drop") return req.socket.destroy();
      if (req.method === "GET" && RESOURCES[path]) return send(res, 200, { kind: "APIResourceList", resources: RESOURCES[path] });
      const answer = answers.get(path);
      const isObjectPath = path.includes("/namespaces/");
      if (req.method === "GET" && answer && answer !== "drop" && !isObjectPath) return send(res, answer.status, answer.body, answer.headers["content-type"]);
      if (req.method === "GET") return send(res, 404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" });
      if (answer && answer !== "drop") return send(res, answer.status, answer.body, answer.headers["content-type"]);
      const sent = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { metadata: Record<string, unknown> };
      send(res, 201, { ...sent, metadata: { ...sent.metadata, uid: "replayed" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: "replay", server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: "berth", token: "replay" }],
    contexts: [{ name: "replay", cluster: "replay", user: "berth" }],
    currentContext: "replay",
  });
});
afterAll(async () => {
  kubeClientsFor(kubeConfig).close();
  await new Promise((resolve) => server.close(resolve));
});

const admin: Principal = { userId: "u1", userName: "admin", role: "admin", via: "token", expiresAt: null };
const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: rec\ndata:\n  a: b\n";

/** The recorded request's manifest as the person would have typed it. */
function manifestOf(rec: RecordedAnswer): string {
  return typeof rec.request.body === "string" ? rec.request.body : stringify(rec.request.body);
}

/** The object's path: the recorded apply's, or for a recorded create its collection plus the name. */
function objectPathOf(rec: RecordedAnswer): string {
  const path = new URL(rec.request.path, "http://replay").pathname;
  return rec.request.method === "POST" ? `${path}/${(rec.request.body as { metadata: { name: string } }).metadata.name}` : path;
}

async function dryRunPair(file: string, opts: { objectPath?: string; manifest?: string; answer?: RecordedAnswer["response"] | "drop" } = {}) {
  const rec = readRecording(file);
  const manifest = opts.manifest ?? manifestOf(rec);
  const parsed = parseYamlSafely(`${CONFIG_MAP}---\n${manifest}`);
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  answers.clear();
  answers.set(opts.objectPath ?? objectPathOf(rec), opts.answer ?? rec.response);
  const result = await dryRunYamlOn(kubeConfig, { ...parsed, project: "rec", principal: admin, allowOutsideProject: true, force: false });
  expect(result.documents[0]).toMatchObject({ outcome: "ok", message: "ConfigMap rec/settings would be created." });
  expect(result.ok).toBe(false);
  return { document: result.documents[1], lines: `${CONFIG_MAP}---\n${manifest}`.split("\n") };
}

const lineOf = (lines: string[], text: string) => lines.findIndex((l) => l.includes(text)) + 1;

describe("the editor's dry run against a real API server's answers", () => {
  it("reads the server-side apply 500 for an unknown field as the document's mistake, at the field's line", async () => {
    const { document, lines } = await dryRunPair("01b-1-ssa-unknown-field-replicaz-dryrun.json");
    expect(document.outcome).toBe("invalid");
    expect(document.problems).toEqual([expect.objectContaining({ field: "spec.replicaz", line: lineOf(lines, "replicaz: 3"), column: 3, message: 'unknown field "spec.replicaz"; check its spelling and indentation' })]);
    expect(document.message).toBe(`Deployment rec/ssa-b does not fit the Deployment schema (line ${lineOf(lines, "replicaz: 3")}).`);
  });

  it("reads the server-side apply 500 for a wrong type the same way", async () => {
    const { document, lines } = await dryRunPair("01c-1-ssa-wrong-type-replicas-string-dryrun.json");
    expect(document.outcome).toBe("invalid");
    expect(document.problems).toEqual([expect.objectContaining({ field: "spec.replicas", line: lineOf(lines, 'replicas: "two"'), message: "spec.replicas: must be a number, not text" })]);
  });

  it("places a 422's causes at their fields", async () => {
    const { document, lines } = await dryRunPair("01d-1-ssa-invalid-name-dryrun.json");
    expect(document.outcome).toBe("invalid");
    expect(document.problems).toEqual([expect.objectContaining({ field: "metadata.name", line: lineOf(lines, "name: Bad_Name"), message: expect.stringMatching(/^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/) })]);
  });

  it("names the manager that owns each conflicting field", async () => {
    const { document, lines } = await dryRunPair("01e-8-ssa-conflict-multiple-fields.json");
    expect(document).toMatchObject({ outcome: "conflict", message: 'Deployment rec/ssa-a: metadata.labels.tier, spec.minReadySeconds, spec.replicas are owned by "b". Apply with force to take them over.' });
    expect(document.problems.map((p: { line: number; manager?: string }) => [p.line, p.manager])).toEqual([
      [lineOf(lines, "tier: a"), "b"],
      [lineOf(lines, "minReadySeconds"), "b"],
      [lineOf(lines, "replicas: 2"), "b"],
    ]);
  });

  it("says the namespace does not exist", async () => {
    const { document, lines } = await dryRunPair("01f-1-ssa-namespace-missing.json");
    expect(document).toMatchObject({ outcome: "not_found", message: 'Namespace "rec-no-such-namespace" does not exist, so Deployment rec-no-such-namespace/x cannot go there; create the namespace first or change metadata.namespace.' });
    expect(document.problems[0]).toMatchObject({ field: "metadata.namespace", line: lineOf(lines, "namespace: rec-no-such-namespace") });
  });

  it("says the cluster does not serve a kind its API answers with a plain-text 404", async () => {
    const { document, lines } = await dryRunPair("01g-1-ssa-unknown-kind.json", { objectPath: "/apis/example.com/v1/namespaces/rec/widgets/w" });
    expect(document).toMatchObject({ outcome: "not_found", message: "The cluster does not serve Widget in example.com/v1; check the apiVersion, or install the CRD that defines it." });
    expect(document.problems[0].line).toBe(lineOf(lines, "kind: Widget"));
  });

  it("reads strict-decoding 400s: unknown fields and wrong types at their lines", async () => {
    const unknown = await dryRunPair("02-1-post-unknown-field-strict.json");
    expect(unknown.document.outcome).toBe("invalid");
    expect(unknown.document.problems).toEqual([expect.objectContaining({ field: "spec.replicaz", line: lineOf(unknown.lines, "replicaz: 3") })]);
    const wrongType = await dryRunPair("02-7-post-wrong-type-strict.json");
    expect(wrongType.document.problems).toEqual([expect.objectContaining({ field: "spec.replicas", line: lineOf(wrongType.lines, "replicas: two"), message: "spec.replicas: must be of type int32" })]);
  });

  it("passes on a 400 without a field in the API server's words", async () => {
    const { document } = await dryRunPair("01h-2-ssa-name-mismatch.json", { objectPath: "/apis/apps/v1/namespaces/rec/deployments/ssa-a" });
    expect(document).toMatchObject({ outcome: "invalid", message: "the name of the object (ssa-a) does not match the name on the URL (ssa-other)" });
  });

  it("says which permission Berth's service account lacks, and where to grant it", async () => {
    const manifest = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: rec\nspec:\n  schedule: '@daily'\n";
    // The recorded RBAC refusal (08-13), as the real authorizer words it for Berth's ServiceAccount.
    const recorded = readRecording("08-13-no-auth.json").response;
    const body = recorded.body as { message: string };
    const answer = { ...recorded, body: { ...body, message: body.message.replace('pods is', 'cronjobs.batch "nightly" is').replace("system:anonymous", "system:serviceaccount:berth:berth").replace('list resource "pods" in API group ""', 'patch resource "cronjobs" in API group "batch"') } };
    const { document } = await dryRunPair("08-13-no-auth.json", { manifest, objectPath: "/apis/batch/v1/namespaces/rec/cronjobs/nightly", answer });
    expect(document).toMatchObject({ outcome: "forbidden", message: `Berth's service account may not create cronjobs.batch in namespace rec — grant it in the ClusterRole (deploy/berth.yaml): the YAML editor needs the verbs get, create and patch on "cronjobs" in API group "batch".` });
  });

  it("keeps an API server's other 500s on their document, not the cluster's availability", async () => {
    const { document } = await dryRunPair("03-4-put-nonnumeric-rv.json", { objectPath: "/api/v1/namespaces/rec/configmaps/put-cm" });
    expect(document).toMatchObject({ outcome: "failed", message: 'The API server failed on ConfigMap rec/put-cm (HTTP 500): strconv.ParseUint: parsing "abc": invalid syntax' });
  });

  it("answers cluster_unavailable only for a 503 or an API server it cannot reach", async () => {
    const unavailable = { status: 503, headers: { "content-type": "application/json" }, body: { kind: "Status", apiVersion: "v1", status: "Failure", message: "the server is currently unable to handle the request", reason: "ServiceUnavailable", code: 503 } };
    for (const answer of [unavailable, "drop" as const]) {
      const err = await dryRunPair("01b-1-ssa-unknown-field-replicaz-dryrun.json", { answer }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "cluster_unavailable", message: expect.stringMatching(/^The cluster's API server is unavailable \(.+\); nothing was changed\. Try again when it answers\.$/) });
    }
  });

  it("answers cluster_unavailable when discovery cannot reach the API server, and keeps discovery's other failures on their document", async () => {
    const run = (group: string) => {
      const parsed = parseYamlSafely(`${CONFIG_MAP}---\napiVersion: ${group}/v1\nkind: Gadget\nmetadata:\n  name: g\n  namespace: rec\n`);
      if (!parsed.ok) throw new Error(parsed.problems[0].message);
      return dryRunYamlOn(kubeConfig, { ...parsed, project: "rec", principal: admin, allowOutsideProject: true, force: false });
    };
    answers.clear();
    answers.set("/apis/dropped.example/v1", "drop");
    await expect(run("dropped.example")).rejects.toMatchObject({ code: "cluster_unavailable" });
    const internal = readRecording("03-4-put-nonnumeric-rv.json").response;
    answers.set("/apis/failing.example/v1", internal);
    const result = await run("failing.example");
    expect(result.documents[0].outcome).toBe("ok");
    expect(result.documents[1]).toMatchObject({ outcome: "failed", message: 'Document 2 (line 9): the API server failed to say which resource serves Gadget in failing.example/v1 (HTTP 500): strconv.ParseUint: parsing "abc": invalid syntax' });
  });
});
