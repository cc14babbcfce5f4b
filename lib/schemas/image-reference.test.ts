import { describe, expect, it } from "vitest";
import { imageReference, parseImageReference } from "@/lib/schemas/image-reference";

const SHA = "a".repeat(64);

describe("parseImageReference", () => {
  it.each([
    ["nginx", { path: "nginx" }],
    ["nginx:1.27", { path: "nginx", tag: "1.27" }],
    ["library/nginx:latest", { path: "library/nginx", tag: "latest" }],
    ["ghcr.io/org/app:v1.2.3", { domain: "ghcr.io", path: "org/app", tag: "v1.2.3" }],
    [`localhost:5000/a/b@sha256:${SHA}`, { domain: "localhost:5000", path: "a/b", digest: `sha256:${SHA}` }],
    [`nginx:1.27@sha256:${SHA}`, { path: "nginx", tag: "1.27", digest: `sha256:${SHA}` }],
    ["registry.example.com:443/team/my_app__x/sub-dir.y:TAG_1-a.b", { domain: "registry.example.com:443", path: "team/my_app__x/sub-dir.y", tag: "TAG_1-a.b" }],
    ["Registry.Example.com/app", { domain: "Registry.Example.com", path: "app" }],
    ["[::1]:5000/app:1", { domain: "[::1]:5000", path: "app", tag: "1" }],
    ["a---b/c", { path: "a---b/c" }],
    ["x:" + "t".repeat(128), { path: "x", tag: "t".repeat(128) }],
  ])("accepts %s", (text, expected) => {
    const result = parseImageReference(text);
    expect(result).toEqual({ ok: true, value: { domain: undefined, tag: undefined, digest: undefined, ...expected } });
  });

  it.each([
    ["NGINX", /lowercase — write "nginx"/],
    ["ghcr.io/Org/app", /lowercase — write "org"/],
    ["nginx:", /empty tag/],
    ["nginx::1", /'::'/],
    ["a b", /spaces/],
    ["", /must not be empty/],
    [":1.27", /missing the repository/],
    ["nginx:-bad", /must not start with '.' or '-'/],
    ["nginx:" + "t".repeat(129), /longer than 128/],
    ["nginx@sha256:abc", /exactly 64 lowercase hex/],
    [`nginx@sha256:${"A".repeat(64)}`, /lowercase hex/],
    ["nginx@latest", /sha256:<64 hex digits>/],
    [`a@sha256:${SHA}@x`, /'@' only once/],
    ["a//b", /empty path component/],
    ["a/b/", /empty path component/],
    ["_nginx", /invalid repository component/],
    ["ngi..nx", /invalid repository component/],
    ["bad_host-.io/app", /invalid repository component|registry host/],
    ["-bad.io/app", /invalid registry host/],
    ["a/b:c/d", /':' inside the repository name/],
  ])("refuses %j with a sentence", (text, message) => {
    const result = parseImageReference(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(message);
  });

  it("is used by the zod schema with the same sentence", () => {
    expect(imageReference.safeParse("nginx:1.27").success).toBe(true);
    const result = imageReference.safeParse("NGINX");
    expect(result.error?.issues[0].message).toBe('repository names must be lowercase — write "nginx"');
    expect(imageReference.safeParse(undefined).error?.issues[0].message).toBe("required");
    expect(imageReference.safeParse(42).error?.issues[0].message).toMatch(/expected an image reference/);
  });
});
