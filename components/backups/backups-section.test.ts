import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BackupsSection } from "@/components/backups/backups-section";
import type { ProjectBackupTarget } from "@/lib/backups/backup-target";
import type { BackupView } from "@/lib/schemas/backup-view";
import { backupsKey } from "@/lib/queries/backups";

/** The whole section rendered from an API answer already in the query cache, as the page shows it once loaded. */
const volume: ProjectBackupTarget = { kind: "volume", project: "shop", app: "web", volume: "uploads" };
const answer: BackupView = {
  target: { kind: "volume", name: "uploads" },
  schedule: { schedule: "0 3 * * *", timeZone: "UTC", keep: 7, description: "At 03:00, every day (UTC)", nextRuns: ["2026-12-02T03:00:00Z"], isDeployed: true },
  volume: { claim: "berth-backups", phase: "Bound" },
  backups: [{ file: "web-uploads-20261128T030000Z.tar.gz", sizeBytes: 2048, takenAt: "2026-11-28T03:00:02Z" }],
  runs: [],
  restores: [],
  lastSuccessAt: "2026-11-28T03:00:02Z",
  warning: "The last successful backup of uploads was 3 days ago; it runs daily.",
  consistency: "The app keeps running while its volume is archived: files it writes meanwhile may be caught half-written.",
};

function render(canManage: boolean, view: BackupView = answer) {
  const client = new QueryClient();
  client.setQueryData(backupsKey(volume), view);
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, createElement(BackupsSection, { target: volume, title: "Backups of uploads", canManage })));
}

describe("the Backups section", () => {
  it("warns when backups are overdue and says an app volume's archive is not crash-consistent", () => {
    const html = render(false);
    expect(html).toContain("Backups are overdue");
    expect(html).toContain("The last successful backup of uploads was 3 days ago; it runs daily.");
    expect(html).toContain("files it writes meanwhile may be caught half-written.");
    expect(html).toContain("At 03:00, every day (UTC) · keeps 7");
  });

  it("lets a viewer read the list but not download, back up, restore or change the schedule", () => {
    const html = render(false);
    expect(html).toContain("web-uploads-20261128T030000Z.tar.gz");
    expect(html).not.toContain(">Download<");
    expect(html).not.toContain("Back up now</button>");
    expect(html).not.toContain("Restore");
    expect(html).not.toContain('aria-label="Backup schedule"');
  });

  it("gives an admin Back up now, the schedule form and the restore prompt for a volume", () => {
    const html = render(true);
    expect(html).toContain("Back up now</button>");
    expect(html).toContain(">Download<");
    expect(html).toContain('aria-label="Backup schedule"');
    expect(html).toContain("Type uploads to confirm. The app stops while its volume is restored, then starts again.");
  });

  it("holds Back up now and Restore while a backup runs, since the cluster would refuse a second", () => {
    const running: BackupView = { ...answer, runs: [{ name: "web-uploads-backup-manual", trigger: "manual", startedAt: "2026-12-01T10:00:00Z", finishedAt: null, outcome: "running", message: null }] };
    const html = render(true, running);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Back up now<\/button>/);
    expect(html).toMatch(/<button[^>]*aria-label="Restore web-uploads-20261128T030000Z.tar.gz"[^>]*disabled=""/);
  });

  it("says how backups start when there is no schedule", () => {
    expect(render(false, { ...answer, schedule: null, warning: null })).toContain("No schedule: backups are taken only when you press Back up now.");
  });
});
