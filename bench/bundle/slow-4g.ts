/**
 * How long a person on a phone waits for `/status`: Berth's production build is started on a
 * random port (simulated cluster, fresh data directory), one app is created, and Chromium loads
 * the page with a cold cache under a slow-4G profile — 1.6 Mbps down, 750 kbps up, 150 ms RTT,
 * 4× CPU slowdown (Lighthouse's "slow 4G" mobile throttling) — until the first app row shows.
 * The baseline, in the same run and under the same profile, is the login page: Next's runtime
 * and React with almost no Berth code, the floor any page of this stack pays.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PROFILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

interface Berth {
  url: string;
  token: string;
  stop(): Promise<void>;
}

async function startBerth(): Promise<Berth> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bundle-bench-"));
  fs.mkdirSync(path.join(dataDir, "home"));
  const env: NodeJS.ProcessEnv = { ...process.env, BERTH_PORT: "0", BERTH_HOST: "127.0.0.1", BERTH_DATA_DIR: dataDir, HOME: path.join(dataDir, "home"), NODE_ENV: "production", BERTH_LOG_REQUESTS: "0" };
  delete env.KUBECONFIG;
  delete env.BERTH_ADMIN_TOKEN;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "server/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let url = "";
    let token = "";
    const timer = setTimeout(() => reject(new Error("Berth did not start within 120 s.")), 120_000);
    child.once("exit", (code) => reject(new Error(`Berth exited with ${code} before it listened.`)));
    child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      url ||= /Berth listening on (\S+)/.exec(text)?.[1] ?? "";
      token ||= /Berth admin token: (\S+)/.exec(text)?.[1] ?? "";
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { ...started, stop };
}

async function api(berth: Berth, method: string, pathname: string, body: unknown): Promise<void> {
  const res = await fetch(`${berth.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${berth.token}`, "content-type": "application/json", origin: berth.url },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${pathname} answered ${res.status}: ${await res.text()}`);
}

/**
 * One cold load of `pathname` under the profile; milliseconds from navigation to `selector`
 * visible, and to `interactive` (text the page shows once its JavaScript runs) when given.
 */
async function coldLoad(browser: Browser, berth: Berth, pathname: string, selector: string, interactive?: RegExp): Promise<{ shownMs: number; interactiveMs?: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const login = await context.request.post(`${berth.url}/api/session`, { data: { token: berth.token }, headers: { origin: berth.url } });
    if (!login.ok()) throw new Error(`Login answered ${login.status()}.`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...PROFILE });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const start = Date.now();
    await page.goto(`${berth.url}${pathname}`, { waitUntil: "commit", timeout: 60_000 });
    await page.locator(selector).first().waitFor({ state: "visible", timeout: 60_000 });
    const shownMs = Date.now() - start;
    if (!interactive) return { shownMs };
    await page.getByText(interactive).first().waitFor({ state: "visible", timeout: 60_000 });
    return { shownMs, interactiveMs: Date.now() - start };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The status line once the live socket is open: the page's JavaScript has run. */
const STATUS_LIVE = /^Live · \d+ apps?/;

/**
 * Runs `runs` cold loads of /status and of /login, interleaved; returns the medians in ms: the
 * first app row shown (it is in the HTML) and the board live (hydrated, socket open).
 */
export async function measureSlow4g(runs = 3): Promise<{ statusMs: number; statusLiveMs: number; loginMs: number }> {
  const berth = await startBerth();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    await api(berth, "POST", "/api/projects", { name: "bench" });
    await api(berth, "POST", "/api/projects/bench/apps", { name: "web", image: "nginx:1.27", port: 80 });
    await coldLoad(browser, berth, "/status", '[data-testid="status-row"]'); // warm the server's own caches, not the browser's
    const status: number[] = [];
    const statusLive: number[] = [];
    const login: number[] = [];
    for (let i = 0; i < runs; i++) {
      const load = await coldLoad(browser, berth, "/status", '[data-testid="status-row"]', STATUS_LIVE);
      status.push(load.shownMs);
      statusLive.push(load.interactiveMs!);
      login.push((await coldLoad(browser, berth, "/login", "form")).shownMs);
    }
    console.log(`slow 4G, cold cache, ${runs} runs: /status first app row ${status.join(", ")} ms, live ${statusLive.join(", ")} ms; /login form ${login.join(", ")} ms`);
    return { statusMs: median(status), statusLiveMs: median(statusLive), loginMs: median(login) };
  } finally {
    await browser.close();
    await berth.stop();
  }
}
