import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { ADMIN_STORAGE_STATE, SERVER_FILE, STATE_DIR, type BerthServerState } from "./berth-state";

const ROOT = path.resolve(import.meta.dirname, "..");
const START_TIMEOUT_MS = 60_000;

/** Waits for "Berth listening on <url>" and "Berth admin token: <token>" on the server's stdout. */
function waitForStart(child: ChildProcess, logFile: string): Promise<{ baseURL: string; adminToken: string }> {
  return new Promise((resolve, reject) => {
    const log = fs.createWriteStream(logFile);
    let buffer = "";
    let baseURL: string | undefined;
    let adminToken: string | undefined;
    const timer = setTimeout(() => fail(new Error(`Berth did not start within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`)), START_TIMEOUT_MS);

    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    function handleData(chunk: Buffer) {
      log.write(chunk);
      buffer += chunk.toString("utf8");
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        const listening = /^Berth listening on (\S+)/.exec(line);
        if (listening) baseURL = listening[1];
        const token = /^Berth admin token: (\S+)/.exec(line);
        if (token) adminToken = token[1];
        newline = buffer.indexOf("\n");
      }
      if (baseURL && adminToken) {
        clearTimeout(timer);
        resolve({ baseURL, adminToken });
      }
    }
    child.stdout?.on("data", handleData);
    child.stderr?.on("data", (chunk: Buffer) => log.write(chunk));
    child.once("exit", (code) => fail(new Error(`Berth exited with code ${code} before it was ready; see ${logFile}`)));
  });
}

/** Logs in through the API once and saves the cookie for tests that start signed in. */
async function saveAdminLogin(baseURL: string, adminToken: string): Promise<void> {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  try {
    const response = await context.post("/api/session", { data: { token: adminToken } });
    if (!response.ok()) throw new Error(`Logging in with the printed admin token failed: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: ADMIN_STORAGE_STATE });
  } finally {
    await context.dispose();
  }
}

/**
 * Starts the real Berth server from the production build with a fresh data directory, no
 * cluster (an empty HOME, no KUBECONFIG) and a random port. Returns the teardown.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: run `npx next build` first (npm run test:e2e does this).");
  }
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-"));
  const home = path.join(dataDir, "home");
  fs.mkdirSync(home);

  const env: NodeJS.ProcessEnv = { ...process.env, BERTH_PORT: "0", BERTH_HOST: "127.0.0.1", BERTH_DATA_DIR: dataDir, HOME: home, NODE_ENV: "production" };
  delete env.KUBECONFIG;
  delete env.BERTH_ADMIN_TOKEN;
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "server/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(forced);
  }

  try {
    const { baseURL, adminToken } = await waitForStart(child, path.join(STATE_DIR, "server.log"));
    await saveAdminLogin(baseURL, adminToken);
    const state: BerthServerState = { baseURL, adminToken, pid: child.pid ?? 0, dataDir };
    fs.writeFileSync(SERVER_FILE, JSON.stringify(state, null, 2));
    process.env.BERTH_E2E_BASE_URL = baseURL;
  } catch (error) {
    await stop();
    throw error;
  }

  return async () => {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
