import { z } from "zod";
import { requiredOr } from "@/lib/schemas/kube-validators";

/**
 * Container image references, per the grammar of distribution/reference (the one Docker,
 * containerd and the kubelet use):
 *
 *     reference  := name [ ":" tag ] [ "@" digest ]
 *     name       := [domain "/"] path-component ["/" path-component]*
 *     domain     := host [":" port]          (the first component, when it has "." or ":" or is "localhost")
 *     path-component := [a-z0-9]+ (separator [a-z0-9]+)*   separator := "." | "_" | "__" | "-"+
 *     tag        := [\w][\w.-]{0,127}
 *     digest     := algorithm ":" hex        (sha256: 64 hex, sha512: 128 hex)
 *
 * https://github.com/distribution/reference/blob/main/reference.go
 */
export interface ImageReference {
  /** Registry host and optional port, e.g. "ghcr.io" or "localhost:5000"; undefined for Docker Hub. */
  domain?: string;
  /** Repository path, e.g. "library/nginx" is written as "nginx". */
  path: string;
  tag?: string;
  digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

export type ImageReferenceResult = { ok: true; value: ImageReference } | { ok: false; problem: string };

/** Parses `text` as an image reference, or says what is wrong with it in one sentence. */
export function parseImageReference(text: string): ImageReferenceResult {
  const fail = (problem: string): ImageReferenceResult => ({ ok: false, problem });
  if (text.length === 0) return fail('must not be empty — e.g. "nginx:1.27" or "ghcr.io/org/app:v1"');
  if (/\s/.test(text)) return fail("must not contain spaces");
  if (text.length > 512) return fail("must be at most 512 characters");

  const [beforeDigest, digest, ...extraAt] = text.split("@");
  if (extraAt.length > 0) return fail("may contain '@' only once, before the digest");
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return fail(problem);
  }

  const lastSlash = beforeDigest.lastIndexOf("/");
  const lastColon = beforeDigest.lastIndexOf(":");
  let name = beforeDigest;
  let tag: string | undefined;
  if (lastColon > lastSlash) {
    name = beforeDigest.slice(0, lastColon);
    tag = beforeDigest.slice(lastColon + 1);
    if (name.endsWith(":")) return fail("has '::' — a tag follows a single ':' (e.g. nginx:1.27)");
    if (tag === "") return fail("has an empty tag after ':' — write a tag (e.g. nginx:1.27) or leave out the ':'");
    if (!TAG.test(tag)) {
      return fail(
        tag.length > 128
          ? "has a tag longer than 128 characters"
          : "has a tag that may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'",
      );
    }
  }
  if (name === "") return fail("is missing the repository name before the tag or digest");

  const parts = name.split("/");
  let domain: string | undefined;
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) {
    domain = parts.shift();
    if (!DOMAIN.test(domain!)) return fail(`has an invalid registry host "${domain}" (e.g. ghcr.io or localhost:5000)`);
  }
  const path = parts.join("/");
  if (path.length > 255) return fail("has a repository name longer than 255 characters");
  for (const part of parts) {
    if (part === "") return fail("has an empty path component ('//' or a leading or trailing '/')");
    if (/[A-Z]/.test(part)) return fail(`repository names must be lowercase — write "${part.toLowerCase()}"`);
    if (part.includes(":")) return fail("has ':' inside the repository name — only one tag is allowed, at the end");
    if (!PATH_COMPONENT.test(part)) {
      return fail(
        `has an invalid repository component "${part}" — use lowercase letters and digits, separated by '.', '_', '__' or '-'`,
      );
    }
  }
  return { ok: true, value: { domain, path, tag, digest } };
}

function digestProblem(digest: string): string | undefined {
  const [algorithm, hex, ...rest] = digest.split(":");
  if (hex === undefined || rest.length > 0 || !DIGEST_ALGORITHM.test(algorithm)) {
    return "has a digest that is not of the form sha256:<64 hex digits>";
  }
  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected !== undefined && (hex.length !== expected || !/^[a-f0-9]+$/.test(hex))) {
    return `has a ${algorithm} digest that must be exactly ${expected} lowercase hex digits`;
  }
  if (expected === undefined && !/^[a-fA-F0-9]{32,}$/.test(hex)) {
    return "has a digest whose hex part must be at least 32 hex digits";
  }
  return undefined;
}

/** A zod string that must be a container image reference. */
export const imageReference = z.string({ error: requiredOr('expected an image reference such as "nginx:1.27"') }).superRefine((value, ctx) => {
  const result = parseImageReference(value);
  if (!result.ok) ctx.addIssue({ code: "custom", message: result.problem });
});
