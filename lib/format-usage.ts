/**
 * Resource usage as people read it on the Overview: CPU the way Kubernetes writes requests
 * ("12m", "1.5 cores"), memory in binary units ("48 MiB"), and the points of a sparkline.
 */

export function formatCpu(millicores: number): string {
  if (millicores >= 1000) return `${(millicores / 1000).toFixed(millicores >= 10_000 ? 0 : 2).replace(/\.?0+$/, "")} cores`;
  if (millicores > 0 && millicores < 1) return "<1m";
  return `${Math.round(millicores)}m`;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * SVG polyline points for `values` in a `width`×`height` box, oldest on the left. The scale starts
 * at zero so a flat line near the bottom means little use, not "no change from the minimum".
 */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(...values) || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => +(height - (v / max) * height).toFixed(2);
  const points = values.map((v, i) => `${+(i * step).toFixed(2)},${y(v)}`);
  // One sample is a short level line rather than an invisible dot.
  return values.length === 1 ? `0,${y(values[0])} ${width},${y(values[0])}` : points.join(" ");
}
