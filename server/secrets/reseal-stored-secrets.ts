/**
 * Re-encrypts every stored secret value under one key, in one transaction: what start-up does
 * to values an older Berth left in plain text (or sealed with a key since replaced), and what a
 * key rotation does to all of them. Idempotent: a value already sealed with the target key is
 * left as it is.
 */
import type { PrismaClient } from "@/server/db/generated/client";
import { SECRET_COLUMNS } from "@/server/secrets/secret-columns";
import { openSecret, sealedKeyId, sealSecret, type Keyring } from "@/server/secrets/secret-box";

export interface ResealReport {
  /** Plain-text values now encrypted. */
  encrypted: number;
  /** Values moved from another key to the target key. */
  resealed: number;
  unchanged: number;
}

/** Thrown before anything is written when some values are sealed with keys neither keyring has. */
export class UnknownSecretKeyError extends Error {
  constructor(
    readonly keyIds: string[],
    readonly count: number,
  ) {
    super(`${count} stored secret value(s) are encrypted with key ${keyIds.join(", ")}, which Berth does not have.`);
    this.name = "UnknownSecretKeyError";
  }
}

/** How many stored values each key id sealed (plain-text values are not counted). */
export async function countSealedValues(db: PrismaClient): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const column of SECRET_COLUMNS) {
    for (const row of await db.$transaction((tx) => column.read(tx))) {
      const keyId = sealedKeyId(row.value);
      if (keyId !== null) counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Interactive transactions default to 5 s; a large database takes longer, and nothing else writes meanwhile. */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 300_000 };

/**
 * Opens every value with `from` (or takes it as plain text) and seals it with `to.active`.
 * Throws UnknownSecretKeyError, writing nothing, when a value's key is in neither keyring.
 */
export async function resealStoredSecrets(db: PrismaClient, from: Keyring, to: Keyring): Promise<ResealReport> {
  return db.$transaction(async (tx) => {
    const columns = await Promise.all(SECRET_COLUMNS.map(async (column) => ({ column, rows: await column.read(tx) })));
    const unknown = columns.flatMap(({ rows }) => rows.map((row) => sealedKeyId(row.value))).filter((id): id is string => id !== null && !from.keys.has(id) && !to.keys.has(id));
    if (unknown.length > 0) throw new UnknownSecretKeyError([...new Set(unknown)], unknown.length);

    const report: ResealReport = { encrypted: 0, resealed: 0, unchanged: 0 };
    for (const { column, rows } of columns) {
      for (const row of rows) {
        const keyId = sealedKeyId(row.value);
        if (keyId === to.active.id) {
          report.unchanged++;
          continue;
        }
        const plaintext = keyId === null ? row.value : openSecret(to.keys.has(keyId) ? to : from, row.value);
        await column.write(tx, row.id, sealSecret(to, plaintext));
        report[keyId === null ? "encrypted" : "resealed"]++;
      }
    }
    return report;
  }, TRANSACTION_LIMITS);
}
