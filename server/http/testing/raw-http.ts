import http from "node:http";

export type RawAnswer = { status: number; type: string | undefined; location: string | undefined; body: string };

/**
 * Test support: one HTTP request with the path sent exactly as written. fetch, Playwright and
 * browsers resolve `..` and `%2e%2e` before sending, so they cannot show what a server does
 * with them.
 */
export function rawHttp(baseUrl: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawAnswer> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
