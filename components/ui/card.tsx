import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export function Card({ className, ...rest }: HTMLAttributes<HTMLElement>) {
  return <section {...rest} className={cn("min-w-0 rounded-lg border border-border bg-panel p-4 sm:p-6", className)} />;
}

type CardHeaderProps = { title: string; description?: ReactNode; actions?: ReactNode; headingId?: string };

export function CardHeader({ title, description, actions, headingId }: CardHeaderProps) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h2 id={headingId} className="text-base font-semibold text-fg">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
