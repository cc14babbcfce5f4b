import Link from "next/link";
import { HealthBadge } from "@/components/status/health-badge";
import type { StatusBoardDatabase } from "@/lib/dto/status-board";

/** The databases on the status page, failing first: health and the sentence saying why. */
export function DatabaseStatusRows({ databases }: { databases: StatusBoardDatabase[] }) {
  if (databases.length === 0) return null;
  const rank = (d: StatusBoardDatabase) => ["Failed", "Unknown", "Progressing", "Healthy"].indexOf(d.status?.health ?? "Unknown");
  return (
    <ul aria-label="Database status" className="flex flex-col gap-2">
      {[...databases].sort((a, b) => rank(a) - rank(b) || a.database.localeCompare(b.database)).map((d) => (
        <li key={`${d.project}/${d.database}`} data-testid="database-status-row">
          <Link href={`/projects/${encodeURIComponent(d.project)}/databases/${encodeURIComponent(d.database)}`} className="flex min-w-0 flex-col gap-1 rounded-lg border border-border bg-panel p-3 hover:border-accent">
            <span className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate font-semibold text-fg">
                {d.database} <span className="font-normal text-fg-muted">· {d.project} · database</span>
              </span>
              <HealthBadge health={d.status?.health === "Unknown" ? null : d.status?.health} />
            </span>
            <span className="truncate font-mono text-xs text-fg-muted">{d.image}</span>
            <span className="break-words text-sm text-fg">{d.status?.message ?? "cluster unreachable"}</span>
            {d.backupWarning ? <span data-testid="backup-warning" className="break-words text-sm text-warning">{d.backupWarning}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
