/**
 * Where Berth's secret key comes from: `BERTH_SECRET_KEY` (e.g. from the Secret
 * `berth-secret-key` that deploy/berth.yaml references), else the key file in the data
 * directory, generated on first start.
 */
import { keyFilePath, readKeyFile, writeKeyFile } from "@/server/secrets/key-file";
import { formatSecretKey, generateSecretKey, keyringOf, parseSecretKey, SECRET_KEY_SHAPE_HELP, type Keyring, type SecretKey } from "@/server/secrets/secret-box";

export type KeySource = { kind: "env" } | { kind: "file"; file: string };

export interface LoadedKeyring {
  keyring: Keyring;
  /** Where the active key lives: rotation writes the new key back there, or prints it for the env. */
  source: KeySource;
  /** One line for the log, or null: said once, when the key file is generated. */
  notice: string | null;
}

/** The variable, for messages. */
export const SECRET_KEY_VARIABLE = "BERTH_SECRET_KEY";

/** The command that moves a key into the Secret deploy/berth.yaml reads; one line, no shell tricks. */
export function createSecretCommand(key: SecretKey): string {
  return `kubectl -n berth create secret generic berth-secret-key --from-literal=${SECRET_KEY_VARIABLE}=${formatSecretKey(key)}`;
}

function keyFromEnv(env: Record<string, string | undefined>): SecretKey | null {
  const text = env[SECRET_KEY_VARIABLE]?.trim();
  if (!text) return null;
  const key = parseSecretKey(text);
  if (!key) throw new Error(`Berth cannot start: ${SECRET_KEY_VARIABLE} is set but is not a key: ${SECRET_KEY_SHAPE_HELP}.`);
  return key;
}

/**
 * Loads the keyring for `dataDir`. With `generate` (start-up), a missing key file is created
 * and the notice says that the key now sits beside the database and how to move it into a
 * Secret. Returns null only without `generate` when there is no key at all.
 */
export function loadKeyring(options: { dataDir: string; env: Record<string, string | undefined>; generate: boolean }): LoadedKeyring | null {
  const file = keyFilePath(options.dataDir);
  const fromEnv = keyFromEnv(options.env);
  const fromFile = readKeyFile(file);

  // Keys left in the file still open values sealed before the move; start-up re-seals those.
  if (fromEnv) return { keyring: keyringOf(fromEnv, fromFile ?? []), source: { kind: "env" }, notice: null };
  if (fromFile) return { keyring: keyringOf(fromFile[0], fromFile.slice(1)), source: { kind: "file", file }, notice: null };
  if (!options.generate) return null;

  const key = generateSecretKey();
  writeKeyFile(file, [key], { exclusive: true });
  return {
    keyring: keyringOf(key),
    source: { kind: "file", file },
    notice:
      `Berth generated its secret key in ${file}: the key and the database now sit together, so a copy of the data directory opens every secret value. ` +
      `Move the key into a Secret with: ${createSecretCommand(key)} — then kubectl -n berth rollout restart deploy/berth (Berth then removes the file).`,
  };
}
