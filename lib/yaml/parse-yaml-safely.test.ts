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

describe("YAML that is not plain data", () => {
  const problemsOf = (text: string) => {
    const result = parseYamlSafely(text);
    return result.ok ? [] : result.problems;
  };

  it.each([
    ["!!js/function", "data:\n  run: !!js/function 'function () { return 1 }'\n", 2, 8],
    ["!!python/object/apply:os.system", "data:\n  x: !!python/object/apply:os.system ['id']\n", 2, 6],
    ["!Ref", "spec:\n  bucket: !Ref MyBucket\n", 2, 11],
    ["!!binary", "data:\n  key: !!binary aGVsbG8=\n", 2, 8],
    ["!!timestamp", "metadata:\n  when: !!timestamp 2001-12-14\n", 2, 9],
    ["!!set", "items: !!set {a, b}\n", 1, 8],
  ])("refuses the tag %s at its line and column", (tag, text, line, column) => {
    expect(problemsOf(text)).toEqual([{ message: expect.stringMatching(new RegExp(`^the tag ${tag.replace(/[!/]/g, "\\$&")} is not plain data`)), line, column, document: 0 }]);
  });

  it("accepts the core schema's tags, spelt out or implied", () => {
    expect(parseYamlSafely("a: !!str 1\nb: !!int '2'\nc: !!bool true\nd: !!null\ne: !!map {x: 1}\nf: !!seq [1]\ng: !!float 1.5\nh: ! text\n").ok).toBe(true);
  });

  it.each([
    ["NUL", 'data:\n  a: "x\\0y"\n', "U+0000 (NUL)", 2, 6],
    ["a raw NUL byte", "data:\n  a: x\u0000y\n", "U+0000 (NUL)", 2, 7],
    ["BEL", 'data:\n  a: "\\a"\n', "U+0007 (BEL)", 2, 6],
    ["ESC in a key", '"k\\e": v\n', "U+001B (ESC)", 1, 1],
    ["a C1 control", 'a: "\\x85"\n', "U+0085", 1, 4],
  ])("refuses a control character (%s) at its line and column", (_, text, name, line, column) => {
    expect(problemsOf(text)).toEqual([expect.objectContaining({ message: expect.stringContaining(`the control character ${name}`), line, column })]);
  });

  it("keeps tabs and line breaks, which are ordinary text", () => {
    expect(parseYamlSafely('data:\n  script: |\n    a\tb\n    c\n  quoted: "x\\ty\\r\\n"\n').ok).toBe(true);
  });
});
