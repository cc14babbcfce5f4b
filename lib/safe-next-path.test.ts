import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/safe-next-path";

describe("safeNextPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeNextPath("/settings?tab=tokens")).toBe("/settings?tab=tokens");
  });

  it("refuses paths that would leave the site or loop back to login", () => {
    for (const next of ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "/login?next=/x", "", "/\t/evil.example", "/\n/evil.example", "/%0a/x\u0000"]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });

  it("takes the first of repeated parameters and defaults to home", () => {
    expect(safeNextPath(["/projects", "/status"])).toBe("/projects");
    expect(safeNextPath(undefined)).toBe("/");
  });
});
