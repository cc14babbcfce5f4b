import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DatabaseStatusRows } from "@/components/status/database-status-rows";
import type { StatusBoardDatabase } from "@/lib/dto/status-board";

const pg: StatusBoardDatabase = { project: "shop", database: "pg", image: "postgres:17.2", status: { health: "Healthy", message: "The database is ready and accepts connections." }, backupWarning: null };

describe("the status page's database rows", () => {
  it("carry the overdue-backup sentence of a database whose backups stopped, and nothing for one that is fine", () => {
    const warning = "The last successful backup of pg was 3 days ago; it runs daily.";
    const html = renderToStaticMarkup(createElement(DatabaseStatusRows, { databases: [pg, { ...pg, database: "orders", backupWarning: warning }] }));
    expect(html).toContain(warning);
    expect(html.match(/data-testid="backup-warning"/g)).toHaveLength(1);
  });
});
