/**
 * Stable hashes and deterministic pseudo-random names. The deployment controller names a
 * ReplicaSet `<deploy>-<pod-template-hash>`, where the hash is FNV-32a over the template,
 * rendered with rand.SafeEncodeString's alphabet (no vowels, so no words); pod suffixes are five
 * chars of the same alphabet. Seeding from object identity keeps every run the same.
 */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Like Go's rand.SafeEncodeString: each byte mapped into the vowel-free alphabet. */
export function safeEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with sorted keys, so two equal templates always hash the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** pod-template-hash: FNV-32a of the template (plus collisionCount), printed in decimal, safe-encoded. */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  const seed = stableStringify(template) + (collisionCount ? `#${collisionCount}` : "");
  return safeEncode(String(fnv32a(seed)));
}

/** Five deterministic chars for `<owner>-xxxxx` names; `n` distinguishes successive pods. */
export function nameSuffix(seed: string, n: number): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += ALPHANUMS[fnv32a(`${seed}:${n}:${i}`) % ALPHANUMS.length];
  return out;
}

/** A deterministic hex string (container IDs, image digests). */
export function hexId(seed: string, length = 64): string {
  let out = "";
  let i = 0;
  while (out.length < length) out += fnv32a(`${seed}/${i++}`).toString(16).padStart(8, "0");
  return out.slice(0, length);
}
