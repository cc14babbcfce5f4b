import type { Event } from "kubernetes-types/core/v1";

/** Milliseconds since epoch of an event's last occurrence, 0 when it carries no time. */
export function eventTime(e: Event): number {
  const t = e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) || 0 : 0;
}
