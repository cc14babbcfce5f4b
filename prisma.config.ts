import path from "node:path";
import { defineConfig } from "prisma/config";

const dataDir = process.env.BERTH_DATA_DIR ?? "./data";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: `file:${path.resolve(dataDir, "berth.db")}` },
});
