/**
 * The StatusCause shapes and the shared RFC 1123 wording of k8s.io/apimachinery's field errors.
 */
export interface Cause {
  reason: "FieldValueInvalid" | "FieldValueRequired" | "FieldValueNotSupported" | "FieldValueNotFound" | "FieldValueForbidden" | "FieldValueTooLong";
  message: string;
  field: string;
}

export const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Go's %#v of map[string]string, used by the selector-mismatch message. */
function goMapString(value: unknown): string {
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
    return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(", ")}}`;
  }
  return value === undefined || value === null ? "map[string]string(nil)" : String(value);
}

export function invalid(field: string, value: unknown, detail: string): Cause {
  const shown = typeof value === "string" ? JSON.stringify(value) : typeof value === "number" ? String(value) : goMapString(value);
  return { reason: "FieldValueInvalid", message: `Invalid value: ${shown}: ${detail}`, field };
}

export function required(field: string, detail = ""): Cause {
  return { reason: "FieldValueRequired", message: detail ? `Required value: ${detail}` : "Required value", field };
}

export function notFoundCause(field: string, value: string): Cause {
  return { reason: "FieldValueNotFound", message: `Not found: ${JSON.stringify(value)}`, field };
}
