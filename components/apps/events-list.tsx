import type { EventSummary } from "@/lib/dto/app-status";
import { formatAge } from "@/lib/format-age";

/** Recent Kubernetes events about the app, newest first; warnings are marked in words, not only colour. */
export function EventsList({ events }: { events: EventSummary[] }) {
  if (events.length === 0) return <p className="text-sm text-fg-muted">No recent events.</p>;
  return (
    <ul aria-label="Recent events" className="flex flex-col gap-2 text-sm">
      {events.slice(0, 15).map((event, i) => (
        <li key={`${event.object}-${event.reason}-${i}`} className="min-w-0 break-words">
          <span className={event.type === "Warning" ? "font-semibold text-danger" : "font-semibold text-fg"}>
            {event.type === "Warning" ? "Warning: " : ""}
            {event.reason}
          </span>{" "}
          <span className="text-fg-muted">
            {event.object}
            {event.count > 1 ? ` ×${event.count}` : ""} · {formatAge(event.lastSeen)}
          </span>
          <p className="text-fg">{event.message}</p>
        </li>
      ))}
    </ul>
  );
}
