import { describe, expect, it } from "vitest";
import { decodeUtf8Strictly, parseYamlSafely } from "@/lib/yaml/parse-yaml-safely";

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`;

describe("parseYamlSafely", () => {
  it("parses several documents, skipping empty ones, with the line each starts on", () => {
    const result = parseYamlSafely("apiVersion: v1\nkind: ConfigMap\n---\n---\napiVersion: v1\nkind: Secret\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.documents.map((d) => [(d.value as { kind: string }).kind, d.line])).toEqual([["ConfigMap", 1], ["Secret", 5]]);
  });

  it("refuses an alias bomb before expanding it", () => {
    const started = Date.now();
    const result = parseYamlSafely(BILLION_LAUGHS);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toMatch(/YAML bomb/);
  });

  it("refuses a document with more aliases than allowed even when it is small once expanded", () => {
    const many = `x: &x 1\nlist: [${Array.from({ length: 150 }, () => "*x").join(",")}]\n`;
    const result = parseYamlSafely(many);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toMatch(/alias/i);
  });

  it("refuses a document over 1 MB and says which one", () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  blob: "${"x".repeat(1024 * 1024 + 10)}"\n`;
    const result = parseYamlSafely(big);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ document: 1, line: 6, message: expect.stringMatching(/^Document 2 is 1\.0 MB; Kubernetes objects must stay under 1 MB/) })]);
  });

  it("refuses duplicate keys at their line", () => {
    const result = parseYamlSafely("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/unique.*remove or rename the duplicate/) });
  });

  it("reports syntax errors with their line", () => {
    const result = parseYamlSafely("a: [1, 2\nb: c\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].line).toBeGreaterThan(0);
  });
});

describe("decodeUtf8Strictly", () => {
  it("accepts UTF-8 (with or without a BOM) and refuses Latin-1 bytes", () => {
    expect(decodeUtf8Strictly(new TextEncoder().encode("name: café\n"))).toEqual({ ok: true, text: "name: café\n" });
    expect(decodeUtf8Strictly(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: "a" });
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]);
    const result = decodeUtf8Strictly(latin1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].message).toBe("The YAML is not valid UTF-8 text; save the file as UTF-8 and try again.");
  });
});
