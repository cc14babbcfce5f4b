import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BackupJobs } from "@/components/backups/backup-jobs";
import { BackupList } from "@/components/backups/backup-list";
import type { ProjectBackupTarget } from "@/lib/backups/backup-target";
import type { BackupFile, BackupRun } from "@/lib/schemas/backup-view";

/** The presentational parts of the Backups section, rendered to HTML as the browser receives them. */
const target: ProjectBackupTarget = { kind: "database", project: "shop", name: "pg" };
const backups: BackupFile[] = [
  { file: "pg-20261201T030000Z.dump", sizeBytes: 3_355_443, takenAt: "2026-12-01T03:00:05Z" },
  { file: "pg-20261130T030000Z.dump", sizeBytes: 12_800, takenAt: "2026-11-30T03:00:04Z" },
];

function renderList(props: Partial<Parameters<typeof BackupList>[0]> = {}) {
  return renderToStaticMarkup(createElement(BackupList, { target, backups, canManage: true, isRestoreBlocked: false, onRestore: () => undefined, ...props }));
}

describe("the backup list", () => {
  it("shows each file with its size in KiB or MiB and its time in UTC on hover", () => {
    const html = renderList();
    expect(html).toContain(">3.2 MiB<");
    expect(html).toContain(">13 KiB<");
    expect(html).toContain('title="2026-12-01 03:00:05 UTC"');
    expect(html).toContain('dateTime="2026-12-01T03:00:05Z"');
  });

  it("links each file to its download, saved under the file's own name", () => {
    expect(renderList()).toContain('href="/api/projects/shop/databases/pg/backups/pg-20261130T030000Z.dump" download="pg-20261130T030000Z.dump"');
  });

  it("offers Download and Restore to admins only, and Restore not while a backup or restore runs", () => {
    expect(renderList({ canManage: false })).not.toContain("Restore");
    expect(renderList({ canManage: false })).not.toContain("Download");
    expect(renderList()).toMatch(/<button[^>]*aria-label="Restore pg-20261201T030000Z.dump"[^>]*>/);
    expect(renderList()).not.toContain('disabled=""');
    expect(renderList({ isRestoreBlocked: true }).match(/<button[^>]*aria-label="Restore [^>]*disabled=""/g)).toHaveLength(2);
  });

  it("says there is nothing yet instead of an empty list", () => {
    expect(renderList({ backups: [] })).toBe('<p class="text-sm text-fg-muted">No backups yet.</p>');
  });
});

describe("the backup runs", () => {
  const failed: BackupRun = {
    name: "pg-backup-29412345",
    trigger: "schedule",
    startedAt: "2026-12-01T03:00:00Z",
    finishedAt: "2026-12-01T03:00:02Z",
    outcome: "failed",
    message: "The backup failed. pg_dump exited with code 1. Its last log line: password authentication failed for user \"pg\"",
  };

  it("shows a failed run's outcome with the sentence saying why", () => {
    const html = renderToStaticMarkup(createElement(BackupJobs, { runs: [failed], restores: [] }));
    expect(html).toContain(">Failed<");
    expect(html).toContain(">Scheduled<");
    expect(html).toContain("pg_dump exited with code 1. Its last log line: password authentication failed for user &quot;pg&quot;");
  });

  it("tells Back up now runs and restores apart", () => {
    const manual: BackupRun = { ...failed, name: "pg-backup-manual-x", trigger: "manual", outcome: "running", finishedAt: null, message: null };
    const restore = { name: "pg-restore-x7k2q", file: "pg-20261201T030000Z.dump", startedAt: null, finishedAt: null, outcome: "running" as const, message: null };
    const html = renderToStaticMarkup(createElement(BackupJobs, { runs: [manual], restores: [restore] }));
    expect(html).toContain(">Back up now<");
    expect(html).toContain("Restore of pg-20261201T030000Z.dump");
    expect(html).toContain("waiting to start");
  });
});
