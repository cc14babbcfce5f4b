import { describe, expect, it } from "vitest";
import { renderSecret, secretEnvFromSecret } from "@/server/engine/render/render-secret";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

describe("renderSecret", () => {
  it("renders no Secret for an app without secret env", () => {
    expect(renderSecret(appSpec({ env: [{ name: "A", value: "1" }] }), PROJECT)).toBeUndefined();
  });

  it("holds each secret env value under its name, base64-encoded", () => {
    const secret = renderSecret(appSpec({ secretEnv: [{ name: "DATABASE_URL", value: "postgres://u:p@db/x" }, { name: "EMOJI", value: "ünïcode ✓" }] }), PROJECT)!;
    expectValidKubeObject(secret);
    expect(secret).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "web-env", namespace: "shop", labels: expect.objectContaining({ "berth.dev/app": "web", "app.kubernetes.io/managed-by": "berth" }) },
      type: "Opaque",
      data: { DATABASE_URL: Buffer.from("postgres://u:p@db/x").toString("base64"), EMOJI: Buffer.from("ünïcode ✓").toString("base64") },
    });
  });

  it("round-trips through secretEnvFromSecret (how restore gets values back)", () => {
    const secretEnv = [{ name: "A", value: "x=y" }, { name: "B", value: "ünïcode ✓\n" }];
    expect(secretEnvFromSecret(renderSecret(appSpec({ secretEnv }), PROJECT)!)).toEqual(secretEnv);
  });
});
