/** One difference between two JSON values, at a path such as `env[0].value`. */
export type SpecChange = { path: string; before: unknown; after: unknown };

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The leaf-level differences between two revisions' specs, in field order: what the
 * Deployments tab shows when two revisions are compared. Arrays compare by index.
 */
export function diffSpecs(before: unknown, after: unknown, path = ""): SpecChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: SpecChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...diffSpecs(before[i], after[i], join(path, i)));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffSpecs(before[key], after[key], join(path, key)));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "(spec)", before, after }];
}
