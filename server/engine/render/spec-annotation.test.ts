import { describe, expect, it } from "vitest";
import { canonicalJson, decodeSpecAnnotation, encodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";

describe("the berth.dev/spec annotation", () => {
  it("round-trips a spec without its secret values", () => {
    const spec = appSpec({
      env: [{ name: "A", value: "1" }],
      secretEnv: [{ name: "TOKEN", value: "hunter2" }],
      hostnames: [{ host: "a.example.com", tlsSecretName: "a-tls" }],
      volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
      healthCheck: { path: "/healthz" },
    });
    const decoded = decodeSpecAnnotation(renderDeployment(spec, PROJECT));
    expect(decoded).toEqual({ ok: true, spec: { ...spec, secretEnv: [{ name: "TOKEN" }] } });
  });

  it("is compact, key-sorted JSON", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(encodeSpecAnnotation(appSpec())).not.toMatch(/\s/);
  });

  it("says why a Deployment cannot be restored from", () => {
    const meta = (annotations: Record<string, string>) => ({ metadata: { name: "web", annotations } });
    expect(decodeSpecAnnotation(meta({}))).toEqual({ ok: false, problem: "Deployment web has no berth.dev/spec annotation — it was not deployed by Berth" });
    expect(decodeSpecAnnotation(meta({ "berth.dev/spec": "{}", "berth.dev/spec-version": "9" }))).toEqual({
      ok: false,
      problem: "Deployment web has spec version 9; this Berth reads version 1",
    });
    expect(decodeSpecAnnotation(meta({ "berth.dev/spec": "{", "berth.dev/spec-version": "1" }))).toEqual({
      ok: false,
      problem: "Deployment web has a berth.dev/spec annotation that is not JSON",
    });
    const bad = decodeSpecAnnotation(meta({ "berth.dev/spec": '{"name":"web","image":"NGINX","port":80}', "berth.dev/spec-version": "1" }));
    expect(bad).toEqual({ ok: false, problem: 'Deployment web has an invalid berth.dev/spec: image: repository names must be lowercase — write "nginx"' });
  });
});
