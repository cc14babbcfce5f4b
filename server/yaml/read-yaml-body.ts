/**
 * Reads a YAML request body as bytes and refuses it, before anything reaches the API server,
 * when it is too large, not UTF-8, an alias bomb, has duplicate keys, tags outside YAML's core
 * schema or control characters — the same checks the editor runs in the browser, repeated here
 * as the authority. Each problem is named with its line and column.
 */
import type { LineCounter } from "yaml";
import { decodeUtf8Strictly, parseYamlSafely, YAML_LIMITS, type ParsedYamlDocument, type YamlProblem } from "@/lib/yaml/parse-yaml-safely";
import { AppError } from "@/server/errors";
import { readBodyBytes } from "@/server/read-body-bytes";

function describeProblems(problems: YamlProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => (p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.message}` : p.message))
    .join(" ");
}

/** The body as UTF-8 text, refused when larger than the YAML limit or not UTF-8. */
export async function readYamlText(req: Request): Promise<string> {
  const limit = YAML_LIMITS.maxTotalBytes;
  const tooLarge = new AppError({ code: "payload_too_large", message: `The YAML is larger than ${limit / 1024 / 1024} MB; split it up.` });
  const decoded = decodeUtf8Strictly(await readBodyBytes(req, limit, () => tooLarge));
  if (!decoded.ok) throw new AppError({ code: "invalid", message: describeProblems(decoded.problems) });
  return decoded.text;
}

export async function readYamlBody(req: Request): Promise<{ documents: ParsedYamlDocument[]; lineCounter: LineCounter }> {
  const text = await readYamlText(req);
  if (text.trim() === "") throw new AppError({ code: "invalid", message: "Send the YAML of at least one object as the request body (Content-Type: application/yaml)." });
  const parsed = parseYamlSafely(text);
  if (!parsed.ok) throw new AppError({ code: "invalid", message: describeProblems(parsed.problems) });
  if (parsed.documents.length === 0) throw new AppError({ code: "invalid", message: "The YAML holds no object; write at least one with apiVersion, kind and metadata.name." });
  return { documents: parsed.documents, lineCounter: parsed.lineCounter };
}
