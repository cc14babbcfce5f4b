/**
 * The process's keyring and the two calls the model layer makes: every secret value goes into
 * the database through {@link encryptSecretValue} and comes out through
 * {@link decryptSecretValue}. Nothing else reads or writes a secret column.
 */
import { dataDirFromEnv } from "@/server/db/database-file";
import { loadKeyring, type LoadedKeyring } from "@/server/secrets/load-keyring";
import { openSecret, sealSecret } from "@/server/secrets/secret-box";
import { processSingleton } from "@/server/singleton";

/**
 * Keyed by data directory and key so a test that points BERTH_DATA_DIR elsewhere gets that
 * directory's key; in Berth there is one entry, loaded at start (server/main.ts) before any
 * request, and route bundles find it on globalThis.
 */
const loaded = processSingleton("secret-keyrings", () => new Map<string, LoadedKeyring>());

/** The keyring for BERTH_DATA_DIR and BERTH_SECRET_KEY, generating the key file on first use and logging its notice once. */
export function processKeyring(env: Record<string, string | undefined> = process.env): LoadedKeyring {
  const dataDir = dataDirFromEnv(env as NodeJS.ProcessEnv);
  const slot = `${dataDir}\0${env.BERTH_SECRET_KEY ?? ""}`;
  let entry = loaded.get(slot);
  if (!entry) {
    entry = loadKeyring({ dataDir, env, generate: true })!;
    loaded.set(slot, entry);
    if (entry.notice) console.log(entry.notice);
  }
  return entry;
}

/** Forgets loaded keys, so the next use reads the environment and key file again (after a rotation in tests). */
export function forgetProcessKeyring(): void {
  loaded.clear();
}

/** The value to store for `plaintext`. */
export function encryptSecretValue(plaintext: string): string {
  return sealSecret(processKeyring().keyring, plaintext);
}

/** The plaintext of a stored value. */
export function decryptSecretValue(stored: string): string {
  return openSecret(processKeyring().keyring, stored);
}
