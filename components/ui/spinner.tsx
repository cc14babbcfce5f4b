import { cn } from "@/components/ui/cn";

/** A small pending indicator with a text label for screen readers and sighted users alike. */
export function Spinner({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={cn("flex items-center gap-2 text-sm text-fg-muted", className)}>
      <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-border border-t-accent" />
      <span>{label}</span>
    </div>
  );
}
