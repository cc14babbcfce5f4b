/**
 * Reads a request body's bytes, refusing more than `limit` without buffering them all: the
 * declared Content-Length is checked first, then the stream is counted as it arrives. Shared by
 * the JSON parser (server/http) and the YAML reader (server/yaml), each with its own sentence.
 */
export async function readBodyBytes(req: Request, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
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
  return Buffer.concat(chunks);
}
