import type { PodSummary } from "@/lib/dto/app-status";

/** The app's pods: ready or not, restarts, and the reason when one is not running normally. */
export function PodsList({ pods }: { pods: PodSummary[] }) {
  if (pods.length === 0) return <p className="text-sm text-fg-muted">No pods yet. Deploy the app to start them, or set replicas above 0.</p>;
  return (
    <ul aria-label="Pods" className="flex flex-col gap-2">
      {pods.map((pod) => (
        <li key={pod.name} className="flex min-w-0 flex-col gap-1 rounded-md border border-border p-3 text-sm">
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span className="truncate font-mono text-xs">{pod.name}</span>
            <span className="text-fg-muted">
              {pod.ready ? "Ready" : "Not ready"} · {pod.phase} · {pod.restarts} restart{pod.restarts === 1 ? "" : "s"} · {pod.age}
            </span>
          </span>
          {pod.reason ? (
            <span className="break-words text-danger">
              {pod.reason}
              {pod.message ? `: ${pod.message}` : ""}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
