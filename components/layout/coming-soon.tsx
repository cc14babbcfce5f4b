import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";

/** An honest placeholder for a page that is planned but not built yet. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <p className="text-sm text-fg-muted">{children}</p>
    </Card>
  );
}
