import Link from "next/link";
import { HealthBadge } from "@/components/status/health-badge";
import type { AppListItem } from "@/lib/dto/app";
import type { StatusBoardEntry } from "@/lib/dto/status-board";
import { formatAge } from "@/lib/format-age";

/**
 * The project's apps: status, image, ready/desired, URLs and last deploy age. A grid of rows
 * rather than a table, so it folds into cards on a phone instead of scrolling sideways.
 */
export function AppsList({ project, apps, board }: { project: string; apps: AppListItem[]; board: StatusBoardEntry[] | undefined }) {
  return (
    <ul aria-label="Apps" className="flex flex-col divide-y divide-border rounded-lg border border-border bg-panel">
      <li aria-hidden className="hidden grid-cols-[2fr_1fr_2fr_1fr_2fr_1fr] gap-3 px-4 py-2 text-xs font-medium uppercase text-fg-muted md:grid">
        <span>App</span>
        <span>Status</span>
        <span>Image</span>
        <span>Ready</span>
        <span>URLs</span>
        <span>Deployed</span>
      </li>
      {apps.map((app) => {
        const entry = board?.find((e) => e.project === project && e.app === app.name);
        const status = entry?.status;
        const urls = entry?.status?.urls.length ? entry.status.urls : app.hosts.map((h) => `http://${h}/`);
        return (
          <li key={app.name} data-testid="app-row" className="grid min-w-0 grid-cols-2 gap-x-3 gap-y-1 px-4 py-3 text-sm md:grid-cols-[2fr_1fr_2fr_1fr_2fr_1fr] md:items-center">
            <Link href={`/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app.name)}`} className="truncate font-semibold text-accent underline-offset-2 hover:underline">
              {app.name}
            </Link>
            <HealthBadge health={entry?.status?.health ?? app.health} className="justify-self-end md:justify-self-start" />
            <span className="col-span-2 truncate font-mono text-xs text-fg-muted md:col-span-1">{app.image}</span>
            <span className="text-fg-muted">
              <span className="md:hidden">Ready </span>
              {status ? `${status.ready}/${status.desired}` : `—/${app.replicas}`}
            </span>
            <span className="col-span-2 flex min-w-0 flex-col md:col-span-1">
              {app.isWorker ? <span className="text-fg-muted">worker</span> : null}
              {urls.map((url) => (
                <a key={url} href={url} className="truncate text-accent underline-offset-2 hover:underline" target="_blank" rel="noreferrer">
                  {url}
                </a>
              ))}
            </span>
            <span className="text-fg-muted">
              <span className="md:hidden">Deployed </span>
              {formatAge(entry?.lastDeployAt)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
