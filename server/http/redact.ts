/**
 * Helpers that keep secrets out of log lines. Request logging (server/main.ts) and the error
 * mapper pass anything that might echo user input through these.
 */

/** Header names whose values are credentials and must never be logged. */
export const SECRET_HEADERS = new Set(["authorization", "cookie", "set-cookie", "proxy-authorization"]);

const TOKEN_PATTERN = /berth_[A-Za-z0-9]{8}_[A-Za-z0-9_-]+/g;
const SCRYPT_PATTERN = /scrypt\$[^\s"'`]+/g;
const BEARER_PATTERN = /(bearer\s+)[^\s"'`,;]+/gi;
const SESSION_COOKIE_PATTERN = /(berth_session=)[^\s;"'`,]+/g;

/** Replaces Berth tokens, stored hashes, Bearer values and session cookie values with `[redacted]`. */
export function redactSecrets(text: string): string {
  return text
    .replace(SESSION_COOKIE_PATTERN, "$1[redacted]")
    .replace(BEARER_PATTERN, "$1[redacted]")
    .replace(TOKEN_PATTERN, "[redacted]")
    .replace(SCRYPT_PATTERN, "[redacted]");
}

/** Returns a copy of `headers` with credential headers replaced by `[redacted]`. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? "[redacted]" : value;
  }
  return out;
}

/** Strips the query string from a path, since some clients put tokens in it (`?token=`). */
export function redactPath(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : `${url.slice(0, q)}?[redacted]`;
}
