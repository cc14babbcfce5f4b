import { describe, expect, it } from "vitest";
import { backupFilePath, backupsPath, confirmName, restorePrompt, type ProjectBackupTarget } from "@/lib/backups/backup-target";

const database: ProjectBackupTarget = { kind: "database", project: "shop", name: "pg" };
const volume: ProjectBackupTarget = { kind: "volume", project: "shop", app: "web", volume: "uploads" };

describe("backup targets", () => {
  it("address a database's and an app volume's backups under their own resource", () => {
    expect(backupsPath(database)).toBe("/api/projects/shop/databases/pg/backups");
    expect(backupsPath(volume)).toBe("/api/projects/shop/apps/web/volumes/uploads/backups");
    expect(backupFilePath(database, "pg-20261201T030000Z.dump")).toBe("/api/projects/shop/databases/pg/backups/pg-20261201T030000Z.dump");
  });

  it("encode what goes into the path, so a strange name cannot reach another route", () => {
    expect(backupFilePath(volume, "../x?y")).toBe("/api/projects/shop/apps/web/volumes/uploads/backups/..%2Fx%3Fy");
  });

  it("ask for the target's own name and say what the restore costs", () => {
    expect(confirmName(database)).toBe("pg");
    expect(restorePrompt(database)).toBe("Type pg to confirm. This replaces the database's current data.");
    expect(confirmName(volume)).toBe("uploads");
    expect(restorePrompt(volume)).toBe("Type uploads to confirm. The app stops while its volume is restored, then starts again.");
  });
});
