import { z } from "zod";

/**
 * Small zod building blocks for the names, references and values Kubernetes accepts. Each check
 * returns a sentence that says what to fix; the zod path (added by the caller's schema) names
 * the field. Isomorphic: no server imports, so forms and the YAML editor use the same rules as
 * the route handlers.
 *
 * The grammars follow the API server's own validation:
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

/** A zod error callback: "required" for a missing field, `message` for a value of the wrong type. */
export function requiredOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "required" : message);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Explains why `value` is not an RFC 1123 label, or returns undefined when it is one. */
export function dnsLabelProblem(value: string, max = 63): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  if (/[A-Z]/.test(value)) return `must be lowercase — write "${value.toLowerCase()}"`;
  if (value.startsWith("-") || value.endsWith("-")) return "must start and end with a letter or digit, not '-'";
  if (!DNS_LABEL.test(value)) return "may contain only lowercase letters, digits and '-'";
  return undefined;
}

/** Explains why `value` is not an RFC 1123 subdomain (dot-separated labels, ≤ 253 characters). */
export function dnsSubdomainProblem(value: string, max = 253): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  for (const label of value.split(".")) {
    const problem = dnsLabelProblem(label);
    if (problem) return `"${label || "(empty)"}" between the dots ${problem}`;
  }
  return undefined;
}

/** A string checked by `problem`, which returns the sentence for a bad value. */
export function checked(problem: (value: string) => string | undefined) {
  return z.string({ error: requiredOr("expected a string") }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}

/** An RFC 1123 label of at most `max` characters: lowercase letters, digits, '-'. */
export function dnsLabel(max = 63) {
  return checked((value) => dnsLabelProblem(value, max));
}

/**
 * An RFC 1035 label (starts with a letter). Service names must be RFC 1035 labels, and an app's
 * name becomes its Service's name, so app names follow this rule.
 */
export function dns1035Label(max = 63) {
  return checked((value) => {
    const problem = dnsLabelProblem(value, max);
    if (problem) return problem;
    if (!DNS_1035_LABEL.test(value)) return "must start with a letter (it becomes a Service name)";
    return undefined;
  });
}

/** An RFC 1123 subdomain: e.g. a Secret or StorageClass name. */
export function dnsSubdomain(max = 253) {
  return checked((value) => dnsSubdomainProblem(value, max));
}

/**
 * Explains why `value` is not a hostname an Ingress accepts: an RFC 1123 subdomain of at most
 * 253 characters, optionally with `*` as the whole leftmost label, and not an IP address.
 */
export function hostnameProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > 253) return `must be at most 253 characters (it has ${value.length})`;
  if (/^[^:]+:\d+$/.test(value)) return "must not include a port — set the hostname's port field instead";
  if (value.includes("://") || value.includes("/")) return 'must be a bare hostname such as "app.example.com" — no scheme or path';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || value.includes(":")) {
    return "must be a DNS name, not an IP address — Ingress rules match hostnames only";
  }
  if (/[A-Z]/.test(value)) return `must be lowercase — write "${value.toLowerCase()}"`;
  const labels = value.split(".");
  const rest = labels[0] === "*" ? labels.slice(1) : labels;
  if (labels[0] === "*" && rest.length < 2) return "a wildcard needs at least two labels after '*.' (e.g. *.example.com)";
  if (rest.some((label) => label.includes("*"))) return "'*' is allowed only as the whole leftmost label (e.g. *.example.com)";
  for (const label of rest) {
    const problem = dnsLabelProblem(label);
    if (problem) return `"${label || "(empty)"}" between the dots ${problem}`;
  }
  return undefined;
}

/** A hostname for an Ingress rule (see {@link hostnameProblem}). */
export const hostname = checked(hostnameProblem);

/** Sequences the API server refuses in Ingress `Prefix` paths (networking validation). */
const BAD_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];

/**
 * Explains why `value` is not an absolute URL path without `..`. With `allowQuery` a `?query`
 * tail is allowed (an HTTP health check may carry one; an Ingress path may not).
 */
export function urlPathProblem(value: string, allowQuery = false): string | undefined {
  if (!value.startsWith("/")) return `must be an absolute path starting with '/' (e.g. "/${value}")`;
  if (value.length > 1024) return "must be at most 1024 characters";
  const [path, query] = allowQuery ? splitOnce(value, "?") : [value, undefined];
  if (/\s/.test(value)) return "must not contain spaces — percent-encode them as %20";
  if (path.split("/").includes("..")) return "must not contain '..' segments";
  if (BAD_PATH_SEQUENCES.some((seq) => path.includes(seq)) || path.endsWith("/.")) {
    return "must not contain '//', '/./', '%2f' or end with '/.'";
  }
  if (!/^[A-Za-z0-9/._~!$&'()*+,;=:@%-]*$/.test(path)) {
    return allowQuery
      ? "may contain only URL path characters (letters, digits, and - . _ ~ ! $ & ' ( ) * + , ; = : @ % /) before '?'"
      : "may contain only URL path characters (letters, digits, and - . _ ~ ! $ & ' ( ) * + , ; = : @ % /)";
  }
  if (query !== undefined && !/^[A-Za-z0-9/._~!$&'()*+,;=:@%?-]*$/.test(query)) {
    return "the query after '?' may contain only URL characters";
  }
  return undefined;
}

function splitOnce(value: string, sep: string): [string, string | undefined] {
  const at = value.indexOf(sep);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

/** An absolute URL path (Ingress path, health-check path). */
export function urlPath(options: { allowQuery?: boolean } = {}) {
  return checked((value) => urlPathProblem(value, options.allowQuery));
}

/**
 * An Ingress `Prefix` path, trailing '/' removed ("/api/" → "/api"): the two match the same
 * requests, so storing one form lets the database's host+path uniqueness catch both.
 */
export const ingressPath = urlPath().transform((value) => (value.length > 1 ? value.replace(/\/+$/, "") || "/" : value));

/** A mount path as the kubelet compares it: repeated and trailing '/' removed. */
export function normalMountPath(value: string): string {
  return `/${value.split("/").filter(Boolean).join("/")}`;
}

/**
 * Paths the container runtime or Kubernetes itself mounts in every container; a volume there
 * hides what they put (or the runtime refuses the container and the pod never starts).
 */
const RESERVED_MOUNTS: Array<{ path: string; reason: string }> = [
  { path: "/proc", reason: "the container runtime mounts the kernel's process filesystem there and refuses volumes over it" },
  { path: "/sys", reason: "the container runtime mounts the kernel's sysfs there and refuses volumes over it" },
  { path: "/dev", reason: "the container runtime puts the container's device nodes there" },
  {
    path: "/var/run/secrets/kubernetes.io/serviceaccount",
    reason: "Kubernetes mounts the pod's service-account token there; a volume over it would hide the token",
  },
];

/** Explains why `value` is not a mount path: absolute, not `/` or a runtime's own, no `..`, no `:`. */
export function mountPathProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return `must be an absolute path starting with '/' (e.g. "/${value}")`;
  if (value.length > 1024) return "must be at most 1024 characters";
  const segments = value.split("/");
  if (segments.includes("..")) return "must not contain '..' segments";
  if (segments.includes(".")) return "must not contain '.' segments — write the path without them";
  if (value.includes(":")) return "must not contain ':'";
  if (/[\s\0-\x1f\x7f]/.test(value)) return "must not contain spaces or control characters";
  const normal = normalMountPath(value);
  if (normal === "/") return "must not be '/' — mount the volume at a directory such as /data";
  const reserved = RESERVED_MOUNTS.find((r) => normal === r.path || normal.startsWith(`${r.path}/`));
  if (reserved) return `must not be ${reserved.path}${normal === reserved.path ? "" : " or below it"}: ${reserved.reason} — mount the volume at a directory such as /data`;
  return undefined;
}

/** A container mount path (see {@link mountPathProblem}). */
export const mountPath = checked(mountPathProblem);

/**
 * The environment variable name rule Kubernetes has always accepted (C identifier plus '-' and
 * '.'), which every runtime and shell tool copes with.
 */
export function envNameProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > 253) return "must be at most 253 characters (it is also a Secret key)";
  if (/^[0-9]/.test(value)) return "must not start with a digit (e.g. write _1VAR or VAR_1)";
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value)) return "may contain only letters, digits, '_', '-' and '.'";
  return undefined;
}

/** An environment variable name (see {@link envNameProblem}). */
export const envName = checked(envNameProblem);

/** A TCP port number 1–65535. */
export const portNumber = z
  .number({ error: requiredOr("expected a port number") })
  .int({ error: "expected a whole port number" })
  .min(1, { error: "a port must be between 1 and 65535" })
  .max(65535, { error: "a port must be between 1 and 65535" });

/**
 * `z.strictObject` whose unknown-key error names the key and says what to do, so a typo in a
 * form or YAML ("replica: 2") is an error instead of being dropped silently.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T, typeMessage = "expected an object") {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const keys = issue.keys.map((k) => `"${k}"`).join(", ");
        return `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys} — remove ${issue.keys.length > 1 ? "them" : "it"} or check the spelling`;
      }
      if (issue.code === "invalid_type") return issue.input === undefined ? "required" : typeMessage;
      return undefined;
    },
  });
}
