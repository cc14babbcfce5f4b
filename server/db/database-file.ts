import path from "node:path";

/** Berth's SQLite file inside its data directory (`BERTH_DATA_DIR`, default `./data`). */
export function databaseFile(dataDir: string): string {
  return path.resolve(dataDir, "berth.db");
}

/** The data directory from the environment, for code that runs without a parsed env. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.BERTH_DATA_DIR || "./data");
}
