/** One difference between two JSON values, at a path such as `env[0].value`. */
export type SpecChange = { path: string; before: unknown; after: unknown };

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type StoredFile = { path: string; secret: boolean; checksum: string };
const filesOf = (spec: unknown): StoredFile[] => (isObject(spec) && Array.isArray(spec.files) ? (spec.files as StoredFile[]) : []);

/**
 * Config files compare by path, not index, and by checksum (revisions never hold their text):
 * an added, removed or re-marked file, or "content changed" — which is all anyone learns about
 * a secret file.
 */
function diffFiles(before: unknown, after: unknown): SpecChange[] {
  const old = new Map(filesOf(before).map((f) => [f.path, f]));
  const now = new Map(filesOf(after).map((f) => [f.path, f]));
  const kind = (f: StoredFile) => (f.secret ? "secret file" : "file");
  const out: SpecChange[] = [];
  for (const path of [...new Set([...old.keys(), ...now.keys()])]) {
    const [a, b] = [old.get(path), now.get(path)];
    const at = `files[${JSON.stringify(path)}]`;
    if (!a || !b) out.push({ path: at, before: a ? kind(a) : undefined, after: b ? `${kind(b)} added` : undefined });
    else {
      if (a.secret !== b.secret) out.push({ path: `${at}.secret`, before: a.secret, after: b.secret });
      if (a.checksum !== b.checksum) out.push({ path: at, before: `content ${a.checksum.slice(0, 8)}`, after: `content changed (${b.checksum.slice(0, 8)})` });
    }
  }
  return out;
}

/**
 * The leaf-level differences between two revisions' specs, in field order: what the
 * Deployments tab shows when two revisions are compared. Arrays compare by index, except the
 * config files (see {@link diffFiles}).
 */
export function diffSpecs(before: unknown, after: unknown, path = ""): SpecChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: SpecChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...diffSpecs(before[i], after[i], join(path, i)));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => (path === "" && key === "files" ? diffFiles(before, after) : diffSpecs(before[key], after[key], join(path, key))));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "(spec)", before, after }];
}
