/**
 * Auth settings read from the environment. Read on each call (cheap) so tests can change
 * `process.env` without reloading modules; server/env.ts validates the same variables at start.
 *
 * - `BERTH_SESSION_TTL_HOURS` (default 168 = 7 days): sliding session lifetime.
 * - `BERTH_TRUST_PROXY` (`1` or `true` to enable): trust `X-Forwarded-Proto/-Host/-For` from a gateway.
 * - `BERTH_ADMIN_TOKEN`: admin login token supplied by the operator (see ensure-admin-token.ts).
 */

const DEFAULT_SESSION_TTL_HOURS = 168;

/** Sliding session lifetime in milliseconds. */
export function sessionTtlMs(): number {
  const raw = process.env.BERTH_SESSION_TTL_HOURS;
  if (raw === undefined || raw === "") return DEFAULT_SESSION_TTL_HOURS * 3_600_000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 366) {
    throw new Error(
      `BERTH_SESSION_TTL_HOURS must be a number of hours between 0 and 8784 (got "${raw}"); unset it for the default of 168.`,
    );
  }
  return hours * 3_600_000;
}

/** Whether forwarded headers from a TLS gateway or reverse proxy are believed. */
export function trustProxy(): boolean {
  const value = process.env.BERTH_TRUST_PROXY;
  return value === "1" || value === "true";
}

/** A session's expiry is pushed forward at most this often, so reads don't write every time. */
export const SESSION_REFRESH_INTERVAL_MS = 60_000;

/** Failed logins allowed per client address within `LOGIN_FAILURE_WINDOW_MS`. */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 5 * 60_000;
