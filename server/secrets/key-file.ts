/**
 * The key file Berth keeps in its data directory when no BERTH_SECRET_KEY is set: one key per
 * line, the first one active. It holds more than one line only while a rotation is in flight,
 * so a crash between writing the new key and committing the re-encryption leaves a file that
 * opens every value either way.
 */
import fs from "node:fs";
import path from "node:path";
import { formatSecretKey, parseSecretKey, SECRET_KEY_SHAPE_HELP, type SecretKey } from "@/server/secrets/secret-box";

/** `<dataDir>/secret.key`. */
export function keyFilePath(dataDir: string): string {
  return path.resolve(dataDir, "secret.key");
}

/** The keys in the file, active first; null when there is no file. Throws naming the file when a line is not a key. */
export function readKeyFile(file: string): SecretKey[] | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  const keys = lines.map((line) => parseSecretKey(line));
  if (keys.length === 0 || keys.some((key) => key === null)) {
    throw new Error(`Berth's key file ${file} is damaged (${SECRET_KEY_SHAPE_HELP}, one per line). Restore it from where you keep a copy, or set BERTH_SECRET_KEY.`);
  }
  return keys as SecretKey[];
}

/**
 * Replaces the file's contents atomically (write beside it, then rename), readable by Berth's
 * user only. With `exclusive`, fails when the file already exists (two first starts racing).
 */
export function writeKeyFile(file: string, keys: readonly SecretKey[], options: { exclusive?: boolean } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = `${keys.map(formatSecretKey).join("\n")}\n`;
  if (options.exclusive) {
    fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return;
  }
  const staging = `${file}.writing`;
  fs.writeFileSync(staging, text, { mode: 0o600 });
  fs.renameSync(staging, file);
}
