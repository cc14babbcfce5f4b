/**
 * Timed GETs for the scale bench, one helper for Berth (plain HTTP) and the simulated API
 * (HTTPS with its CA) so both sides pay the same client costs: keep-alive, the whole body
 * read and parsed as JSON.
 */
import http from "node:http";
import https from "node:https";

export interface Target {
  base: string;
  token: string;
  ca?: string;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function getJson(target: Target, path: string): Promise<unknown> {
  const url = new URL(path, target.base);
  const isTls = url.protocol === "https:";
  const get = isTls ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: isTls ? agents.https : agents.http, ca: target.ca, headers: { Authorization: `Bearer ${target.token}` }, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        if ((res.statusCode ?? 500) >= 400) return reject(new Error(`GET ${url.pathname} answered ${res.statusCode}: ${text.slice(0, 200)}`));
        resolve(JSON.parse(text));
      });
    });
    req.on("error", reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `read` `times` times one after another; the sorted durations in ms. */
export async function timeRepeated(times: number, read: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await read();
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

export function agentsDestroy(): void {
  agents.http.destroy();
  agents.https.destroy();
}
