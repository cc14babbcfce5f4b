"use client";

import { Button } from "@/components/ui/button";

/** Last-resort boundary for a page that threw while rendering. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-4 text-center">
      <h1 className="text-2xl font-semibold text-fg">This page failed to load</h1>
      <p className="max-w-md text-sm text-fg-muted">
        Something broke while showing it. Try again; if it keeps happening, reload the browser and check the Berth server log
        {error.digest ? ` for error ${error.digest}` : ""}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
