import type { AppHealth } from "@/lib/dto/app-status";
import { cn } from "@/components/ui/cn";

const dots: Record<AppHealth | "Unknown", string> = {
  Healthy: "bg-success",
  Progressing: "bg-accent animate-pulse",
  Degraded: "bg-warning",
  Failed: "bg-danger",
  Stopped: "bg-fg-muted",
  Unknown: "border border-fg-muted",
};

/** A health dot AND its word: colour is never the only signal. null means the cluster could not be read. */
export function HealthBadge({ health, className }: { health: AppHealth | null | undefined; className?: string }) {
  const word = health ?? "Unknown";
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-sm font-medium text-fg", className)} data-health={word}>
      <span aria-hidden className={cn("size-2.5 shrink-0 rounded-full", dots[word])} />
      {word}
    </span>
  );
}

const ORDER: Array<AppHealth | "Unknown"> = ["Failed", "Degraded", "Unknown", "Progressing", "Healthy", "Stopped"];

/** Sort rank: failing first, stopped last. */
export function healthRank(health: AppHealth | null | undefined): number {
  return ORDER.indexOf(health ?? "Unknown");
}
