import { describe, expect, it } from "vitest";
import {
  dns1035Label,
  dnsLabelProblem,
  dnsSubdomainProblem,
  envNameProblem,
  hostnameProblem,
  mountPathProblem,
  portNumber,
  strictObject,
  urlPathProblem,
} from "@/lib/schemas/kube-validators";
import { z } from "zod";

describe("DNS names", () => {
  it("accepts RFC 1123 labels and refuses the rest with a reason", () => {
    for (const ok of ["a", "web", "my-app-2", "0day", "a".repeat(63)]) expect(dnsLabelProblem(ok)).toBeUndefined();
    expect(dnsLabelProblem("")).toMatch(/must not be empty/);
    expect(dnsLabelProblem("Web")).toBe('must be lowercase — write "web"');
    expect(dnsLabelProblem("-web")).toMatch(/start and end with a letter or digit/);
    expect(dnsLabelProblem("web-")).toMatch(/start and end/);
    expect(dnsLabelProblem("my_app")).toMatch(/only lowercase letters, digits and '-'/);
    expect(dnsLabelProblem("a.b")).toMatch(/only lowercase letters/);
    expect(dnsLabelProblem("a".repeat(64))).toMatch(/at most 63 characters \(it has 64\)/);
    expect(dnsLabelProblem("a".repeat(31), 30)).toMatch(/at most 30/);
  });

  it("requires a leading letter for RFC 1035 labels (Service names)", () => {
    expect(dns1035Label().safeParse("web").success).toBe(true);
    expect(dns1035Label().safeParse("1web").error?.issues[0].message).toMatch(/must start with a letter/);
  });

  it("checks each label of a subdomain", () => {
    expect(dnsSubdomainProblem("my-tls.example")).toBeUndefined();
    expect(dnsSubdomainProblem("a..b")).toMatch(/"\(empty\)" between the dots must not be empty/);
    expect(dnsSubdomainProblem("a.B")).toMatch(/lowercase/);
    expect(dnsSubdomainProblem("a".repeat(254))).toMatch(/at most 253/);
  });
});

describe("hostnameProblem", () => {
  it.each(["example.com", "app.example.com", "*.example.com", "localhost", "a-b.c-d.io", "xn--bcher-kva.example"])("accepts %s", (host) => {
    expect(hostnameProblem(host)).toBeUndefined();
  });

  it.each([
    ["", /must not be empty/],
    ["Example.com", /lowercase — write "example.com"/],
    ["a.*.example.com", /only as the whole leftmost label/],
    ["*foo.example.com", /only as the whole leftmost label/],
    ["*.com", /at least two labels after/],
    ["10.0.0.1", /not an IP address/],
    ["::1", /not an IP address/],
    ["example.com:8080", /must not include a port — set the hostname's port field instead/],
    ["https://example.com", /bare hostname/],
    ["example.com/api", /bare hostname/],
    ["exa_mple.com", /only lowercase letters/],
    ["-a.example.com", /start and end/],
    ["a..com", /empty/],
    [`${"a".repeat(64)}.com`, /at most 63/],
    ["a.".repeat(127) + "com", /at most 253/],
  ])("refuses %j", (host, message) => {
    expect(hostnameProblem(host)).toMatch(message);
  });
});

describe("urlPathProblem", () => {
  it("accepts absolute paths", () => {
    for (const ok of ["/", "/api", "/api/v1/", "/a-b_c.d~e", "/%E2%9C%93"]) expect(urlPathProblem(ok)).toBeUndefined();
    expect(urlPathProblem("/healthz?full=1", true)).toBeUndefined();
  });

  it("refuses relative paths, '..', doubled slashes, spaces and queries where not allowed", () => {
    expect(urlPathProblem("api")).toBe('must be an absolute path starting with \'/\' (e.g. "/api")');
    expect(urlPathProblem("/a/../b")).toMatch(/'\.\.' segments/);
    expect(urlPathProblem("/..")).toMatch(/'\.\.' segments/);
    expect(urlPathProblem("/a//b")).toMatch(/'\/\/'/);
    expect(urlPathProblem("/a/.")).toMatch(/end with '\/\.'/);
    expect(urlPathProblem("/a%2fb")).toMatch(/%2f/);
    expect(urlPathProblem("/a b")).toMatch(/spaces/);
    expect(urlPathProblem("/a?b")).toMatch(/only URL path characters/);
    expect(urlPathProblem("/a?b", true)).toBeUndefined();
    expect(urlPathProblem("/a/..?b", true)).toMatch(/'\.\.' segments/);
    expect(urlPathProblem("/a\"b")).toMatch(/only URL path characters/);
  });
});

describe("mountPathProblem", () => {
  it("accepts directories and refuses /, relative paths, '..' and ':'", () => {
    expect(mountPathProblem("/data")).toBeUndefined();
    expect(mountPathProblem("/var/lib/postgresql/data")).toBeUndefined();
    expect(mountPathProblem("/")).toMatch(/must not be '\/' — mount the volume at a directory such as \/data/);
    expect(mountPathProblem("//")).toMatch(/must not be '\/'/);
    expect(mountPathProblem("data")).toMatch(/absolute path/);
    expect(mountPathProblem("/data/../etc")).toMatch(/'\.\.'/);
    expect(mountPathProblem("/a:b")).toMatch(/':'/);
    expect(mountPathProblem("/a b")).toMatch(/spaces/);
    expect(mountPathProblem("/a\u0007b")).toMatch(/control characters/);
    expect(mountPathProblem("/data/./x")).toMatch(/'\.' segments/);
  });

  it("refuses the paths the runtime and Kubernetes mount themselves, and below them, with the reason", () => {
    expect(mountPathProblem("/proc")).toBe(
      "must not be /proc: the container runtime mounts the kernel's process filesystem there and refuses volumes over it — mount the volume at a directory such as /data",
    );
    expect(mountPathProblem("/proc/self")).toMatch(/^must not be \/proc or below it: the container runtime/);
    expect(mountPathProblem("//proc//self/")).toMatch(/^must not be \/proc or below it/);
    expect(mountPathProblem("/sys")).toMatch(/^must not be \/sys: .*sysfs/);
    expect(mountPathProblem("/sys/fs/cgroup")).toMatch(/^must not be \/sys or below it/);
    expect(mountPathProblem("/dev")).toMatch(/^must not be \/dev: .*device nodes/);
    expect(mountPathProblem("/dev/shm")).toMatch(/^must not be \/dev or below it/);
    expect(mountPathProblem("/var/run/secrets/kubernetes.io/serviceaccount")).toMatch(/service-account token/);
    expect(mountPathProblem("/var/run/secrets/kubernetes.io/serviceaccount/token")).toMatch(/or below it: Kubernetes mounts the pod's service-account token/);
    expect(mountPathProblem("/processed")).toBeUndefined();
    expect(mountPathProblem("/system")).toBeUndefined();
    expect(mountPathProblem("/devdata")).toBeUndefined();
    expect(mountPathProblem("/var/run/secrets/app")).toBeUndefined();
  });
});

describe("envNameProblem", () => {
  it.each(["PORT", "_X", "my.var", "my-var", "a1", "-x"])("accepts %s", (name) => {
    expect(envNameProblem(name)).toBeUndefined();
  });
  it.each([
    ["", /must not be empty/],
    ["1VAR", /must not start with a digit/],
    ["MY VAR", /only letters, digits/],
    ["A=B", /only letters, digits/],
    ["Ä", /only letters, digits/],
    ["A".repeat(254), /at most 253 characters/],
  ])("refuses %j", (name, message) => {
    expect(envNameProblem(name)).toMatch(message);
  });
});

describe("portNumber", () => {
  it("accepts 1–65535 only", () => {
    expect(portNumber.safeParse(1).success).toBe(true);
    expect(portNumber.safeParse(65535).success).toBe(true);
    expect(portNumber.safeParse(0).error?.issues[0].message).toBe("a port must be between 1 and 65535");
    expect(portNumber.safeParse(65536).error?.issues[0].message).toBe("a port must be between 1 and 65535");
    expect(portNumber.safeParse(80.5).error?.issues[0].message).toBe("expected a whole port number");
    expect(portNumber.safeParse("80").error?.issues[0].message).toBe("expected a port number");
    expect(portNumber.safeParse(undefined).error?.issues[0].message).toBe("required");
  });
});

describe("strictObject", () => {
  it("names unknown fields and says what to do", () => {
    const schema = strictObject({ a: z.number() });
    expect(schema.safeParse({ a: 1, b: 2 }).error?.issues[0].message).toBe('unknown field "b" — remove it or check the spelling');
    expect(schema.safeParse({ a: 1, b: 2, c: 3 }).error?.issues[0].message).toBe('unknown fields "b", "c" — remove them or check the spelling');
    expect(schema.safeParse([]).error?.issues[0].message).toBe("expected an object");
  });
});
