import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type Tone = "error" | "info" | "success" | "warning";

const tones: Record<Tone, string> = {
  error: "border-danger/40 bg-danger/10 text-danger",
  info: "border-border bg-muted text-fg",
  success: "border-success/40 bg-success/10 text-fg",
  warning: "border-warning/40 bg-warning/10 text-fg",
};

type AlertProps = { tone?: Tone; title?: string; children: ReactNode; action?: ReactNode; className?: string };

/** A boxed message. Errors are announced to screen readers as they appear. */
export function Alert({ tone = "info", title, children, action, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex flex-wrap items-start justify-between gap-3 rounded-md border p-3 text-sm", tones[tone], className)}
    >
      <div className="min-w-0 break-words">
        {title ? <p className="font-semibold">{title}</p> : null}
        <div>{children}</div>
      </div>
      {action}
    </div>
  );
}
