import { AppError } from "@/server/errors";
import { readBodyBytes } from "@/server/read-body-bytes";
import { requireJsonContentType } from "@/server/http/content-type";
import { redactSecrets } from "@/server/http/redact";

/** Largest request body Berth accepts; specs and YAML documents fit comfortably. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Deeper nesting than any Berth spec needs; deeper bodies are refused rather than walked. */
const MAX_DEPTH = 64;

/**
 * Keys that reach an object's prototype when a body is merged or spread somewhere downstream
 * (prototype pollution). No Berth field is named like this, so they are refused, not dropped.
 */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A lone UTF-16 surrogate: what `\ud800` in JSON decodes to, and not a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const tooLarge = () =>
  new AppError({ code: "payload_too_large", message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send less.` });

const invalid = (message: string) => new AppError({ code: "invalid", message });

function describePath(path: Array<string | number>): string {
  return ["body", ...path].join(".");
}

/**
 * Walks a parsed body without recursion (a deep body must not overflow the stack) and refuses
 * prototype keys, lone surrogates in keys or strings, and nesting deeper than MAX_DEPTH.
 */
function checkParsedBody(root: unknown): void {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) {
        throw invalid(`${describePath(path)}: the text holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which is not a character; send valid Unicode.`);
      }
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_DEPTH) throw invalid(`${describePath(path)}: the body is nested more than ${MAX_DEPTH} levels deep; no Berth request needs that.`);
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw invalid(`${describePath([...path, key])}: "${key}" is not allowed as a field name; remove it.`);
      if (LONE_SURROGATE.test(key)) throw invalid(`${describePath(path)}: a field name holds a lone UTF-16 surrogate, which is not a character; send valid Unicode.`);
      stack.push({ value: item, path: [...path, key] });
    }
  }
}

/**
 * The one parser for JSON request bodies: `application/json` only (415 otherwise), strictly
 * UTF-8 (invalid bytes are refused, not turned into U+FFFD), no prototype keys at any depth.
 * Returns undefined for an empty body, so the caller decides whether one was required.
 */
export async function readOptionalJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  const bytes = await readBodyBytes(req, limit, tooLarge);
  if (bytes.byteLength === 0 && contentType === null) return undefined;
  requireJsonContentType(contentType);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("The request body is not valid UTF-8 text; send JSON encoded as UTF-8.");
  }
  if (text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof SyntaxError ? `: ${redactSecrets(err.message)}` : "";
    throw invalid(`The request body is not valid JSON${reason}.`);
  }
  checkParsedBody(parsed);
  return parsed;
}

/** Like readOptionalJsonBody, for requests that need a body: an empty one is a 400. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readOptionalJsonBody(req, limit);
  if (body === undefined) throw invalid("This request needs a JSON body (Content-Type: application/json).");
  return body;
}
