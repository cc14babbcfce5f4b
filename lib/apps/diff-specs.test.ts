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

describe("diffSpecs of config files", () => {
  const file = (path: string, checksum: string, secret = false) => ({ path, secret, checksum });
  it("compares files by path and checksum, saying only that a secret file's content changed", () => {
    const a = { files: [file("/etc/a/x.yaml", "1111111111111111"), file("/etc/a/token", "2222222222222222", true), file("/etc/a/old", "3333333333333333")] };
    const b = { files: [file("/etc/a/new", "4444444444444444"), file("/etc/a/token", "5555555555555555", true), file("/etc/a/x.yaml", "1111111111111111")] };
    expect(diffSpecs(a, b)).toEqual([
      { path: 'files["/etc/a/token"]', before: "content 22222222", after: "content changed (55555555)" },
      { path: 'files["/etc/a/old"]', before: "file", after: undefined },
      { path: 'files["/etc/a/new"]', before: undefined, after: "file added" },
    ]);
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
