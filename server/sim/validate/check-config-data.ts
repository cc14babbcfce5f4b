/**
 * The API server's checks of ConfigMap and Secret data (pkg/apis/core/validation
 * ValidateConfigMap / ValidateSecret, apimachinery IsConfigMapKey): every key a valid config
 * key, and the values together at most 1 MiB (core.MaxSecretSize; a Secret's counted decoded).
 */
import { invalid, type Cause } from "@/server/sim/validate/causes";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const MAX_SIZE = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function keyProblems(key: string): string[] {
  const out: string[] = [];
  if (key.length > 253) out.push("must be no more than 253 characters");
  if (!CONFIG_KEY.test(key)) out.push(CONFIG_KEY_MSG);
  if (key === ".") out.push("must not be '.'");
  else if (key === "..") out.push("must not be '..'");
  else if (key.startsWith("..")) out.push("must not start with '..'");
  return out;
}

export function checkConfigData(o: Any, kind: "ConfigMap" | "Secret"): Cause[] {
  const causes: Cause[] = [];
  let total = 0;
  const fields = kind === "ConfigMap" ? ["data", "binaryData"] : ["data"];
  for (const field of fields) {
    for (const [key, value] of Object.entries((o?.[field] ?? {}) as Record<string, string>)) {
      for (const problem of keyProblems(key)) causes.push(invalid(`${field}[${key}]`, key, problem));
      const isBytes = kind === "Secret" || field === "binaryData";
      total += isBytes ? Buffer.from(String(value), "base64").length : Buffer.byteLength(String(value));
    }
  }
  if (total > MAX_SIZE) {
    causes.push({ reason: "FieldValueTooLong", message: `Too long: must have at most ${MAX_SIZE} bytes`, field: kind === "Secret" ? "data" : "" });
  }
  return causes;
}
