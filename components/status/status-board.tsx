"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { HealthBadge, healthRank } from "@/components/status/health-badge";
import { errorMessage } from "@/lib/api-client";
import type { StatusBoard, StatusBoardEntry } from "@/lib/dto/status-board";
import { formatAge } from "@/lib/format-age";
import { useLiveState } from "@/lib/live/live-updates";
import { useStatusBoard } from "@/lib/queries/status-board";
import { DatabaseStatusRows } from "@/components/status/database-status-rows";

/** One app as a tappable card: health, ready pods, restarts, last deploy, URL and why it fails. */
export function StatusRow({ entry }: { entry: StatusBoardEntry }) {
  const s = entry.status;
  const restarts = s?.restarts ?? 0;
  return (
    <li data-testid="status-row" data-app={`${entry.project}/${entry.app}`}>
      <Link
        href={`/projects/${encodeURIComponent(entry.project)}/apps/${encodeURIComponent(entry.app)}`}
        className="flex min-w-0 flex-col gap-1 rounded-lg border border-border bg-panel p-3 hover:border-accent"
      >
        <span className="flex items-center justify-between gap-2">
          <span className="min-w-0 truncate font-semibold text-fg">
            {entry.app} <span className="font-normal text-fg-muted">· {entry.project}</span>
          </span>
          <HealthBadge health={s?.health} />
        </span>
        <span className="flex flex-wrap gap-x-3 text-sm text-fg-muted">
          <span>{s ? `${s.ready}/${s.desired} ready` : "cluster unreachable"}</span>
          <span className={restarts > 0 ? "text-danger" : undefined}>{restarts} restart{restarts === 1 ? "" : "s"}</span>
          {/* The server's clock and the browser's may put the age a minute apart. */}
          <span suppressHydrationWarning>deployed {formatAge(entry.lastDeployAt)}</span>
        </span>
        {s?.urls[0] ? <span className="truncate text-sm text-accent">{s.urls[0]}</span> : null}
        {s?.explanation ? <span className="break-words text-sm text-fg">{s.explanation}</span> : null}
        {entry.failingTasks.map((failure) => (
          <span key={failure.task} data-testid="failing-task" className="break-words text-sm text-danger">
            Task {failure.task}: {failure.message}
          </span>
        ))}
        {entry.backupWarning ? <span data-testid="backup-warning" className="break-words text-sm text-warning">{entry.backupWarning}</span> : null}
      </Link>
    </li>
  );
}

/** Every app, failing first, updated live; each row opens the app. `initialBoard`: what the server already read (the rows are in the page's HTML). */
export function StatusBoardView({ initialBoard }: { initialBoard?: StatusBoard }) {
  const board = useStatusBoard(initialBoard);
  const live = useLiveState();

  if (board.isPending) return <Spinner label="Loading every app's status…" />;
  if (board.isError) {
    return (
      <Alert tone="error" title="The status could not be loaded" action={<Button size="sm" variant="secondary" onClick={() => void board.refetch()}>Try again</Button>}>
        {errorMessage(board.error)}
      </Alert>
    );
  }
  const apps = [...board.data.apps].sort((a, b) => healthRank(a.status?.health) - healthRank(b.status?.health) || a.app.localeCompare(b.app));
  const failing = apps.filter((a) => healthRank(a.status?.health) <= healthRank(null)).length;

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-fg-muted" role="status">
        {live === "open" ? "Live" : live === "reconnecting" ? "Reconnecting…" : "Connecting…"} · {apps.length} app{apps.length === 1 ? "" : "s"}
        {failing > 0 ? `, ${failing} need${failing === 1 ? "s" : ""} attention` : apps.length > 0 ? ", all fine" : ""}
      </p>
      {apps.length === 0 ? (
        <Alert tone="info" title="No apps yet">
          Create a project and deploy an app; it shows up here with its health. <Link href="/projects" className="underline">Go to Projects</Link>
        </Alert>
      ) : (
        <ul aria-label="App status" className="flex flex-col gap-2">
          {apps.map((entry) => (
            <StatusRow key={`${entry.project}/${entry.app}`} entry={entry} />
          ))}
        </ul>
      )}
      <DatabaseStatusRows databases={board.data.databases} />
    </div>
  );
}
