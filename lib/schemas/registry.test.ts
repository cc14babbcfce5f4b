import { describe, expect, it } from "vitest";
import { registryCreateSchema, registryOfImage, registryServerSchema, registryUpdateSchema } from "@/lib/schemas/registry";

function problem(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error!.issues[0].message;
}

describe("registry servers", () => {
  it("take host[:port], made canonical", () => {
    expect(registryServerSchema.parse("ghcr.io")).toBe("ghcr.io");
    expect(registryServerSchema.parse(" Registry.Example.com:5000 ")).toBe("registry.example.com:5000");
    for (const alias of ["docker.io", "index.docker.io", "registry-1.docker.io"]) expect(registryServerSchema.parse(alias)).toBe("docker.io");
  });

  it("refuse URLs, paths and bad ports with a sentence saying what to write", () => {
    expect(problem(registryServerSchema, "https://ghcr.io/v2/")).toBe('write the host only, without "https://" — e.g. "ghcr.io"');
    expect(problem(registryServerSchema, "ghcr.io/acme")).toBe('write the host only, without a path — e.g. "ghcr.io"');
    expect(problem(registryServerSchema, "reg.example.com:99999")).toBe("has a port that must be between 1 and 65535");
    expect(problem(registryServerSchema, "bad_host")).toMatch(/^must be a host name with an optional port/);
    expect(problem(registryServerSchema, "")).toMatch(/^must not be empty/);
  });

  it("of an image: its host, Docker Hub when it has none", () => {
    expect(registryOfImage("nginx:1.27")).toBe("docker.io");
    expect(registryOfImage("index.docker.io/acme/x")).toBe("docker.io");
    expect(registryOfImage("localhost:5000/x")).toBe("localhost:5000");
    expect(registryOfImage("ghcr.io/acme/x@sha256:" + "a".repeat(64))).toBe("ghcr.io");
    expect(registryOfImage("Not An Image")).toBeUndefined();
  });
});

describe("registry bodies", () => {
  it("are strict and need a password", () => {
    expect(problem(registryCreateSchema, { server: "ghcr.io", username: "me", password: "t", token: "x" })).toBe('unknown field "token" — remove it or check the spelling');
    expect(problem(registryCreateSchema, { server: "ghcr.io", username: "me" })).toBe("required");
    expect(problem(registryCreateSchema, { server: "ghcr.io", username: "me:you", password: "t" })).toMatch(/must not contain ':'/);
  });

  it("of an update change at least one field", () => {
    expect(problem(registryUpdateSchema, {})).toBe("give a new username, password, or both");
    expect(registryUpdateSchema.parse({ password: "new" })).toEqual({ password: "new" });
  });
});
