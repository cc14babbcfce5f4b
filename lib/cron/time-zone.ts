/**
 * The CronJob's `spec.timeZone`: an IANA time zone name, which the API server loads from its time
 * zone database (Go's `time.LoadLocation`, case-sensitive) and refuses otherwise; "Local" is
 * refused since it would mean the controller's own zone.
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
 */

export const DEFAULT_TIME_ZONE = "UTC";

/** Explains why `zone` is not an IANA time zone name, or returns undefined when it is one. */
export function timeZoneProblem(zone: string): string | undefined {
  if (zone === "") return `the time zone is empty — write an IANA name such as "UTC" or "Europe/Berlin"`;
  if (zone.toLowerCase() === "local") return `"Local" would be the cluster's own zone — write an IANA name such as "UTC" or "Europe/Berlin"`;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) {
    return `"${zone}" is not an IANA time zone name — write one such as "UTC" or "America/New_York" (offsets like +01:00 are not accepted)`;
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return `"${zone}" is not an IANA time zone — check the spelling, e.g. "Europe/Berlin"`;
  }
  if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) return `time zone names are case-sensitive — write "${resolved}"`;
  return undefined;
}
