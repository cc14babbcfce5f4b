import { randomBytes } from "node:crypto";
import { commandForOperator } from "@/server/operator-command";

/**
 * Berth token strings: `berth_<prefix>_<secret>`. The prefix (8 lowercase letters/digits) is a
 * non-secret lookup key so verifying needs one row; the secret is 32 random bytes, base64url.
 * The recognisable `berth_` start lets secret scanners and our log redaction find tokens.
 */

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
export const PREFIX_LENGTH = 8;
export const SECRET_BYTES = 32;
const TOKEN_RE = /^berth_([a-z0-9]{8})_([A-Za-z0-9_-]{43,256})$/;

/** A token split into its lookup prefix and its secret. */
export type ParsedToken = { prefix: string; secret: string };

/** Makes a fresh random token. */
export function generateToken(): { token: string; prefix: string } {
  const bytes = randomBytes(PREFIX_LENGTH);
  let prefix = "";
  for (const b of bytes) prefix += PREFIX_ALPHABET[b % PREFIX_ALPHABET.length];
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { token: `berth_${prefix}_${secret}`, prefix };
}

/** Splits a token, or returns null when it is not shaped like a Berth token. */
export function parseToken(token: string): ParsedToken | null {
  const m = TOKEN_RE.exec(token);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

/** The part of a token that may be shown and logged, e.g. `berth_ab12cd34_…`. */
export function tokenHint(prefix: string): string {
  return `berth_${prefix}_…`;
}

/** Explains the expected shape; used when `BERTH_ADMIN_TOKEN` is malformed. */
export const TOKEN_SHAPE_HELP =
  "a Berth token looks like berth_<8 lowercase letters or digits>_<at least 43 base64url characters> " +
  `(32 random bytes); generate one with \`${commandForOperator("token generate", { whileDown: true })}\``;
