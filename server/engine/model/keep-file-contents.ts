import type { AppFile } from "@/lib/schemas/app-files";

/**
 * Fills in the text of files sent without `content`: clients never receive a secret file's text,
 * so a client editing the list it read sends secret files without it, meaning "keep it". Only a
 * file that is secret now and was secret before keeps its text (turning a plain file secret, or
 * moving a file, needs the text). Entries that cannot be filled stay as they are, so the schema
 * names the missing content.
 */
export function keepFileContents(current: readonly AppFile[], input: unknown): unknown {
  if (!Array.isArray(input)) return input;
  const byPath = new Map(current.map((f) => [f.path, f]));
  return input.map((entry: unknown) => {
    if (typeof entry !== "object" || entry === null || "content" in entry) return entry;
    const { path, secret } = entry as { path?: unknown; secret?: unknown };
    const kept = typeof path === "string" ? byPath.get(path) : undefined;
    return kept?.secret && secret === true ? { ...entry, content: kept.content } : entry;
  });
}
