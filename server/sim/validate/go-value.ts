/**
 * Go's `%v` of a decoded JSON value (map[string]interface{} and friends), which kube-apiserver
 * prints inside some messages, e.g. `Invalid value: "map[spec:map[replicaz:2]]"`.
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goValue(v)}`).join(" ")}]`;
  }
  if (typeof value === "number") return goFloat(value);
  return String(value);
}

/** float64 with %v: the shortest representation, exponent form from 1e21 (and below 1e-4). */
function goFloat(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e21 || abs < 1e-4)) {
    const [mantissa, exp] = n.toExponential().split("e");
    const e = Number(exp);
    return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(n);
}
