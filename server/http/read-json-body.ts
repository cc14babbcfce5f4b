import { AppError } from "@/server/errors";
import { redactSecrets } from "@/server/http/redact";

/** Largest request body Berth accepts; specs and YAML documents fit comfortably. */
export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = () =>
  new AppError({ code: "payload_too_large", message: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send less.` });

/**
 * Reads and parses a JSON body, refusing more than `limit` bytes without buffering them all
 * (the declared Content-Length is checked first, then the stream is counted as it arrives).
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) throw emptyBody();

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw emptyBody();
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof SyntaxError ? `: ${redactSecrets(err.message)}` : "";
    throw new AppError({ code: "invalid", message: `The request body is not valid JSON${reason}.` });
  }
}

function emptyBody(): AppError {
  return new AppError({ code: "invalid", message: "This request needs a JSON body (Content-Type: application/json)." });
}
