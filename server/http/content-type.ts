import { AppError } from "@/server/errors";

/**
 * Content-Type checks for request bodies: a body is read as what it says it is, never guessed.
 * A form post or `text/plain` must not be read as JSON just because it parses (the second lock,
 * after the Origin check, against cross-site form posts).
 */

/** The media types the YAML endpoints take: RFC 9512's `application/yaml` and the older names. */
export const YAML_CONTENT_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"] as const;

function parseContentType(contentType: string | null): { type: string; charset: string | undefined; sent: string } {
  const [type, ...params] = (contentType ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/^"|"$/g, "");
  return { type, charset, sent: contentType ? `it was sent as "${contentType}"` : "no Content-Type was sent" };
}

function unsupported(message: string): AppError {
  return new AppError({ code: "invalid", status: 415, message });
}

function requireUtf8(charset: string | undefined, example: string, sent: string): void {
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw unsupported(`The body must be UTF-8: send Content-Type: ${example}; charset=utf-8 (${sent}).`);
  }
}

/** 415 unless the type is `application/json`, optionally with `charset=utf-8`. */
export function requireJsonContentType(contentType: string | null): void {
  const { type, charset, sent } = parseContentType(contentType);
  if (type !== "application/json") throw unsupported(`This endpoint takes JSON: send the body with Content-Type: application/json (${sent}).`);
  requireUtf8(charset, "application/json", sent);
}

/** 415 unless the type is one of YAML_CONTENT_TYPES, optionally with `charset=utf-8`. */
export function requireYamlContentType(contentType: string | null): void {
  const { type, charset, sent } = parseContentType(contentType);
  if (!(YAML_CONTENT_TYPES as readonly string[]).includes(type)) {
    throw unsupported(`This endpoint takes YAML: send the body with Content-Type: ${YAML_CONTENT_TYPES.join(", ")} (${sent}).`);
  }
  requireUtf8(charset, "application/yaml", sent);
}
