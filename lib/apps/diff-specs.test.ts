import { describe, expect, it } from "vitest";
import { diffSpecs } from "@/lib/apps/diff-specs";
import { fieldErrorsFromApiMessage, fieldErrorsFromIssues } from "@/lib/apps/field-errors";

describe("diffSpecs", () => {
  it("lists each changed leaf with its path, and nothing for equal specs", () => {
    const a = { image: "nginx:1", replicas: 1, env: [{ name: "A", value: "1" }] };
    const b = { image: "nginx:2", replicas: 1, env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] };
    expect(diffSpecs(a, b)).toEqual([
      { path: "image", before: "nginx:1", after: "nginx:2" },
      { path: "env[1]", before: undefined, after: { name: "B", value: "2" } },
    ]);
    expect(diffSpecs(a, structuredClone(a))).toEqual([]);
  });
});

describe("field errors", () => {
  it("puts the server's per-field sentences next to the field and keeps the rest for the form", () => {
    const errors = fieldErrorsFromApiMessage('hostnames.0.host: must be a DNS name; image: not a valid reference; the app "web" already exists', ["image", "hostnames"]);
    expect(errors).toEqual({ hostnames: "0.host: must be a DNS name", image: "not a valid reference", form: 'the app "web" already exists' });
  });

  it("groups zod issues by top-level field", () => {
    expect(fieldErrorsFromIssues([{ path: ["replicas"], message: "only 1" }, { path: ["volumes", 0, "size"], message: "bad" }])).toEqual({
      replicas: "only 1",
      volumes: "0.size: bad",
    });
  });
});
