/**
 * Reads a request body (bounded) and decodes it as the API server would: JSON for ordinary
 * writes, YAML or JSON for server-side apply (`application/apply-patch+yaml`).
 */
import type { FieldValidation } from "@/server/sim/http/prepare-write";
import type { IncomingMessage } from "node:http";
import { LineCounter, parse as parseYaml, parseDocument } from "yaml";
import { SimError } from "@/server/sim/contract";
import { badRequest } from "@/server/sim/http/status";

const MAX_BODY = 3 * 1024 * 1024; // kube-apiserver's request size limit

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBuffer(req)).toString("utf8");
}

export async function readBodyBuffer(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SimError(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export function decodeYamlOrJson(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
}

/**
 * An apply body: YAML or JSON. A key repeated in a mapping is, like an unknown field on create,
 * up to fieldValidation — Strict refuses it, Warn (the default) keeps the last value with one
 * Warning per key, Ignore keeps it silently (recorded: real-k8s/01h-8, 01h-9, 01h-11).
 */
export function decodeApplyBody(text: string, mode: FieldValidation): { value: unknown; warnings: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, lineCounter });
  const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (duplicates.length < doc.errors.length) return { value: decodeYamlOrJson(text), warnings: [] };
  const found = duplicates.map((e) => {
    const key = /^\s*"?([^":\n]+)"?\s*:/.exec(text.slice(e.pos[0]))?.[1] ?? "";
    return `line ${lineCounter.linePos(e.pos[0]).line}: key ${JSON.stringify(key)} already set in map`;
  });
  if (found.length > 0 && mode === "Strict") throw badRequest(`error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n${found.map((f) => `  ${f}`).join("\n")}`);
  return { value: parseDocument(text, { uniqueKeys: false }).toJS(), warnings: mode === "Warn" ? found.map((f) => `299 - ${JSON.stringify(f)}`) : [] };
}
