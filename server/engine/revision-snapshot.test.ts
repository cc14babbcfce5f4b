import { describe, expect, it } from "vitest";
import { renderApp } from "@/server/engine/render/render-app";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { revisionSnapshot, rollbackSpec } from "@/server/engine/revision-snapshot";

const spec = appSpec({ secretEnv: [{ name: "TOKEN", value: "old-secret-value" }], env: [{ name: "MODE", value: "a" }] });

describe("revisionSnapshot", () => {
  it("stores spec and objects without any secret value", () => {
    const snapshot = revisionSnapshot(spec, renderApp(spec, PROJECT));
    expect(snapshot.spec).not.toContain("old-secret-value");
    expect(snapshot.objects).not.toContain("old-secret-value");
    expect(snapshot.objects).not.toContain(Buffer.from("old-secret-value").toString("base64"));
    const secret = (JSON.parse(snapshot.objects) as Array<{ kind: string; data?: object }>).find((o) => o.kind === "Secret");
    expect(secret?.data).toEqual({ TOKEN: "" });
  });
});

describe("rollbackSpec", () => {
  const revision = { number: 3, ...revisionSnapshot(spec, []) };

  it("restores the revision's spec with the app's current secret values", () => {
    expect(rollbackSpec(revision, [{ name: "TOKEN", value: "new-secret" }])).toEqual({
      ok: true,
      spec: { ...spec, secretEnv: [{ name: "TOKEN", value: "new-secret" }] },
    });
  });

  it("refuses when a secret the revision used is gone", () => {
    expect(rollbackSpec(revision, [])).toEqual({
      ok: false,
      problem: "revision 3 uses the secret env TOKEN, which the app no longer has — add it back, then roll back",
    });
  });
});
