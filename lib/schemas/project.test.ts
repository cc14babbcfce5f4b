import { describe, expect, it } from "vitest";
import { issueSentences } from "@/lib/schemas/format-issues";
import { projectCreateSchema, projectUpdateSchema } from "@/lib/schemas/project";

function problems(input: unknown): string[] {
  const result = projectCreateSchema.safeParse(input);
  return result.success ? [] : issueSentences(result.error);
}

describe("projectCreateSchema", () => {
  it("accepts a DNS-1123 label of at most 30 characters and an optional display name", () => {
    expect(projectCreateSchema.parse({ name: "shop" })).toEqual({ name: "shop" });
    expect(projectCreateSchema.parse({ name: "a".repeat(30), displayName: "  My Shop " })).toEqual({ name: "a".repeat(30), displayName: "My Shop" });
    expect(projectCreateSchema.parse({ name: "2024-site" }).name).toBe("2024-site");
  });

  it("names the field and the fix", () => {
    expect(problems({ name: "Shop" })).toEqual(['name: must be lowercase — write "shop"']);
    expect(problems({ name: "a".repeat(31) })).toEqual(["name: must be at most 30 characters (it has 31)"]);
    expect(problems({ name: "my_shop" })).toEqual(["name: may contain only lowercase letters, digits and '-'"]);
    expect(problems({})).toEqual(["name: required"]);
    expect(problems({ name: "shop", displayName: "x".repeat(101) })).toEqual(["displayName: at most 100 characters"]);
    expect(problems({ name: "shop", owner: "me" })).toEqual(['unknown field "owner" — remove it or check the spelling']);
  });

  it("refuses namespaces that belong to the cluster or to Berth", () => {
    for (const name of ["default", "kube-system", "kube-public", "berth"]) {
      expect(problems({ name })).toEqual([`name: "${name}" is a namespace the cluster or Berth already uses — pick another project name`]);
    }
  });
});

describe("projectUpdateSchema", () => {
  it("allows only the display name to change", () => {
    expect(projectUpdateSchema.parse({ displayName: "Shop" })).toEqual({ displayName: "Shop" });
    expect(projectUpdateSchema.safeParse({ name: "other" }).success).toBe(false);
  });

  it("is a merge patch: a field left out stays absent, null clears it, spaces are trimmed", () => {
    expect(projectUpdateSchema.parse({})).toEqual({});
    expect(projectUpdateSchema.parse({ displayName: null })).toEqual({ displayName: null });
    expect(projectUpdateSchema.parse({ displayName: "  Shop " })).toEqual({ displayName: "Shop" });
    expect(projectUpdateSchema.safeParse({ displayName: 5 }).error?.issues[0].message).toBe("expected a string, or null to clear it");
  });
});
