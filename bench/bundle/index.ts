/**
 * `npm run bench -- bundle`: first-load JavaScript per route of the production build, gzipped.
 * Run `npx next build` first.
 *
 * Follows Next's own accounting (next/dist/build/route-bundle-stats.js): a route's first load is
 * the union of its segments' `entryJSFiles` from the page's client reference manifest
 * (`.next/server/app/<page>_client-reference-manifest.js`) plus the build manifest's
 * `rootMainFiles`. Each chunk is gzipped with zlib (level 9, as a server would) and summed.
 *
 * Then measures what the person feels (./slow-4g.ts): the time from navigation to the first app
 * row on /status in Chromium under a slow-4G profile with a cold cache (the budget), and to the
 * board live (its JavaScript run), beside the login page.
 *
 * Also checks that Monaco and xterm stay out of the first load of every page that does not
 * show them (they must come through next/dynamic): a chunk holding Monaco's or xterm's own
 * CSS class names counts as a leak on any route other than the YAML/resources and terminal ones.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { measureSlow4g } from "./slow-4g";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DIST = path.join(ROOT, ".next");
/** Next 16 + React 19 alone ship ~129 KB gzipped to every page; Berth's /status holds the total here. */
const STATUS_BUDGET_KB = 160;
const STATUS_SLOW_4G_BUDGET_MS = 3000;
const MONACO = /monaco-editor|monaco-mouse-cursor-text/;
const XTERM = /xterm-helper-textarea|xterm-screen/;
const SHOWS_MONACO = /\/(yaml|resources)(\/|$)/;
const SHOWS_XTERM = /\/terminal(\/|$)/;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** `/(app)/projects/[project]/page` → `/projects/[project]` (route groups dropped). */
function routeOf(appPath: string): string {
  const route = appPath.replace(/\/page$/, "").split("/").filter((s) => s && !(s.startsWith("(") && s.endsWith(")"))).join("/");
  return `/${route}`;
}

function entryFilesOf(pagePath: string): string[] | undefined {
  const file = path.join(DIST, "server", "app", `${pagePath}_client-reference-manifest.js`);
  if (!fs.existsSync(file)) return undefined;
  const sandbox = { globalThis: {} as Record<string, unknown> };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST as Record<string, { entryJSFiles?: Record<string, string[]> }> | undefined;
  const entry = manifest?.[pagePath];
  return entry?.entryJSFiles ? [...new Set(Object.values(entry.entryJSFiles).flat())].filter((f) => f.endsWith(".js")) : undefined;
}

const gzipCache = new Map<string, { gz: number; text: string }>();
function chunk(file: string): { gz: number; text: string } {
  let hit = gzipCache.get(file);
  if (!hit) {
    const buffer = fs.readFileSync(path.join(DIST, file));
    hit = { gz: zlib.gzipSync(buffer, { level: 9 }).length, text: buffer.toString("utf8") };
    gzipCache.set(file, hit);
  }
  return hit;
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "BUILD_ID"))) {
    console.error("No production build in .next: run `npx next build` first.");
    process.exit(2);
  }
  const appPaths = readJson<Record<string, string>>(path.join(DIST, "server", "app-paths-manifest.json"));
  const rootMain = (readJson<{ rootMainFiles?: string[] }>(path.join(DIST, "build-manifest.json")).rootMainFiles ?? []).filter((f) => f.endsWith(".js"));

  const rows: Array<{ route: string; kb: number; monaco: boolean; xterm: boolean }> = [];
  for (const pagePath of Object.keys(appPaths).filter((p) => p.endsWith("/page")).sort()) {
    const entries = entryFilesOf(pagePath);
    if (!entries) continue;
    const files = [...new Set([...entries, ...rootMain])];
    const route = routeOf(pagePath);
    const bytes = files.reduce((sum, f) => sum + chunk(f).gz, 0);
    rows.push({
      route,
      kb: bytes / 1024,
      monaco: !SHOWS_MONACO.test(route) && files.some((f) => MONACO.test(chunk(f).text)),
      xterm: !SHOWS_XTERM.test(route) && files.some((f) => XTERM.test(chunk(f).text)),
    });
  }
  if (rows.length === 0) {
    console.error("No app routes with client reference manifests found in .next; is the build complete?");
    process.exit(2);
  }
  const width = Math.max(...rows.map((r) => r.route.length));
  console.log(`${"route".padEnd(width)}  first-load JS (gzip)`);
  for (const r of [...rows].sort((a, b) => b.kb - a.kb)) {
    const flags = [r.monaco ? "MONACO LEAK" : "", r.xterm ? "XTERM LEAK" : ""].filter(Boolean).join(" ");
    console.log(`${r.route.padEnd(width)}  ${r.kb.toFixed(1).padStart(7)} KB ${flags}`);
  }
  const status = rows.find((r) => r.route === "/status");
  const max = rows.reduce((a, b) => (b.kb > a.kb ? b : a));
  const monacoLeaks = rows.filter((r) => r.monaco).length;
  const xtermLeaks = rows.filter((r) => r.xterm).length;
  console.log(`shared by every route (rootMainFiles): ${(rootMain.reduce((s, f) => s + chunk(f).gz, 0) / 1024).toFixed(1)} KB; /status budget ${STATUS_BUDGET_KB} KB; largest ${max.route}`);
  const slow = await measureSlow4g();
  console.log(`slow 4G medians: /status first row ${slow.statusMs} ms (budget ${STATUS_SLOW_4G_BUDGET_MS} ms), live ${slow.statusLiveMs} ms; /login ${slow.loginMs} ms`);
  console.log(
    `RESULT status_kb=${status ? status.kb.toFixed(1) : "missing"} max_route_kb=${max.kb.toFixed(1)} monaco_leaks=${monacoLeaks} xterm_leaks=${xtermLeaks} status_slow4g_ms=${slow.statusMs} status_live_slow4g_ms=${slow.statusLiveMs} login_slow4g_ms=${slow.loginMs} status_over_login=${(slow.statusMs / slow.loginMs).toFixed(2)}`,
  );
  if (!status || status.kb > STATUS_BUDGET_KB || monacoLeaks > 0 || xtermLeaks > 0 || slow.statusMs > STATUS_SLOW_4G_BUDGET_MS) process.exitCode = 1;
}

await main();
