import { trustProxy } from "@/server/auth/auth-config";

/** The header the custom server sets to the socket's remote address, overwriting any sent by a client. */
export const CLIENT_IP_HEADER = "x-berth-client-ip";

/** Headers as both a fetch `Request` and a Node `IncomingMessage` carry them. */
export type HeaderReader = (name: string) => string | null;

function firstValue(value: string | null): string | null {
  if (!value) return null;
  const first = value.split(",")[0].trim();
  return first === "" ? null : first;
}

/** Reads headers from a fetch `Headers` or Node's `IncomingHttpHeaders`. */
export function headerReader(headers: Headers | Record<string, string | string[] | undefined>): HeaderReader {
  if (headers instanceof Headers) return (name) => headers.get(name);
  return (name) => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  };
}

/**
 * The client's address for rate limiting and the audit log: the first `X-Forwarded-For` hop when
 * `BERTH_TRUST_PROXY=1`, otherwise the socket address the custom server put in
 * `x-berth-client-ip` (route handlers cannot see the socket themselves).
 */
export function clientAddress(get: HeaderReader, socketAddress?: string | null): string {
  if (trustProxy()) {
    const forwarded = firstValue(get("x-forwarded-for"));
    if (forwarded) return forwarded;
  }
  return socketAddress || get(CLIENT_IP_HEADER) || "unknown";
}

/** Whether the browser reached Berth over HTTPS (the TLS gateway says so via X-Forwarded-Proto). */
export function isHttpsRequest(get: HeaderReader, url?: string): boolean {
  if (trustProxy()) {
    const proto = firstValue(get("x-forwarded-proto"));
    if (proto) return proto.toLowerCase() === "https";
  }
  return url?.startsWith("https:") ?? false;
}

/** The host the browser addressed: `X-Forwarded-Host` when trusted, otherwise `Host`. */
export function requestHost(get: HeaderReader): string | null {
  const forwarded = trustProxy() ? firstValue(get("x-forwarded-host")) : null;
  return (forwarded ?? get("host"))?.toLowerCase() ?? null;
}

function withoutDefaultPort(host: string): string {
  return host.replace(/:(80|443)$/, "");
}

/**
 * Checks that `Origin` names the host this request was sent to. Browsers always send `Origin`
 * on cross-site POST/PUT/PATCH/DELETE and on WebSocket handshakes, so a mismatch is a forged
 * request (CSRF) or a hijacking attempt (CSWSH). Returns a sentence on failure, null when fine.
 */
export function checkSameOrigin(get: HeaderReader): string | null {
  const origin = get("origin");
  if (!origin || origin === "null") {
    return "This request has no Origin header; browsers send one, so it was refused. Use a Bearer token for scripts.";
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return "This request's Origin header is not a URL, so it was refused.";
  }
  const host = requestHost(get);
  if (!host) return "This request has no Host header, so its origin cannot be checked.";
  if (withoutDefaultPort(originHost) !== withoutDefaultPort(host)) {
    return `Cross-site request refused: Origin ${originHost} does not match ${host}.`;
  }
  return null;
}
