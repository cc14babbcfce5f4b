import fs from "node:fs";
import path from "node:path";

/** Where the global setup leaves the running server's address, token and login state. */
export const STATE_DIR = path.resolve(import.meta.dirname, ".state");
export const SERVER_FILE = path.join(STATE_DIR, "server.json");
export const ADMIN_STORAGE_STATE = path.join(STATE_DIR, "admin-storage-state.json");

export type BerthServerState = { baseURL: string; adminToken: string; pid: number; dataDir: string };

export function readServerState(): BerthServerState {
  return JSON.parse(fs.readFileSync(SERVER_FILE, "utf8")) as BerthServerState;
}
