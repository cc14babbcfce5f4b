import { z } from "zod";
import { requiredOr } from "@/lib/schemas/kube-validators";

/**
 * Kubernetes resource quantities ("100m", "0.5", "128Mi", "1Gi", "1e3"), parsed so limits can be
 * compared with requests before anything reaches the cluster.
 * Grammar: https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const MULTIPLIERS: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The value of a quantity as a number (bytes for memory, cores for CPU), or undefined when the
 * text is not a non-negative quantity. Floating point is exact enough to compare limits with
 * requests; it is never written back to the cluster.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, number, suffix = ""] = match;
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : MULTIPLIERS[suffix];
  return Number(number) * multiplier;
}

/** Explains why `text` is not a usable quantity of `kind`, or returns undefined. */
export function quantityProblem(text: string, kind: "cpu" | "memory" | "storage"): string | undefined {
  const example = kind === "cpu" ? '"100m" or "0.5"' : '"128Mi" or "1Gi"';
  if (text.trim() !== text || text === "") return `expected a quantity such as ${example}`;
  if (text.startsWith("-")) return `must not be negative (e.g. ${example})`;
  const value = parseQuantity(text);
  if (value === undefined) {
    if (/^\d+(\.\d+)?\s*[a-zA-Z]+$/.test(text)) {
      return `unknown unit — use m (milli), k, M, G or Ki, Mi, Gi, Ti (e.g. ${example})`;
    }
    return `expected a quantity such as ${example}`;
  }
  if (value === 0) return `must be greater than zero (e.g. ${example})`;
  if (kind !== "cpu" && text.endsWith("m")) {
    return `"m" means thousandths, so ${text} is less than a byte — did you mean ${text.slice(0, -1)}Mi?`;
  }
  if (kind === "cpu" && value < 0.001) return "must be at least 1m (one thousandth of a core)";
  if (kind !== "cpu" && !Number.isInteger(value)) return "must be a whole number of bytes";
  return undefined;
}

/** A zod string that must be a positive quantity of `kind`. */
export function quantity(kind: "cpu" | "memory" | "storage") {
  return z.string({ error: requiredOr("expected a quantity string such as \"100m\" or \"1Gi\"") }).superRefine((value, ctx) => {
    const message = quantityProblem(value, kind);
    if (message) ctx.addIssue({ code: "custom", message });
  });
}
