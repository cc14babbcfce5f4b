import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "@/server/db/diff-schema";
import { SCHEMA_FILE } from "@/server/db/migrations-folder";

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree: every schema change has its migration", async () => {
    const missing = await diffMigrationsToSchema();
    expect(
      missing,
      `prisma/schema.prisma has changes no migration creates. Run: npm run db:migration -- <what_changed>\nMissing SQL:\n${missing}`,
    ).toBe("");
  });

  it("would be caught disagreeing: a model added to the schema shows up as missing SQL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-schema-"));
    try {
      const schemaFile = path.join(dir, "schema.prisma");
      const extra = "\nmodel Widget {\n  id   String @id\n  size Int\n}\n";
      fs.writeFileSync(schemaFile, fs.readFileSync(SCHEMA_FILE, "utf8") + extra);

      const missing = await diffMigrationsToSchema({ schemaFile });

      expect(missing).toContain('CREATE TABLE "Widget"');
      expect(missing).not.toContain('CREATE TABLE "User"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
