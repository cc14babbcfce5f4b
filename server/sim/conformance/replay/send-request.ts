/**
 * Sends a recorded request to the simulated cluster over plain HTTP, with the sim's admin token
 * in place of the redacted one, and reads the answer the way the recorder did: headers (every
 * Warning line kept apart), the body, and for streams each line with its arrival time.
 */
import http from "node:http";
import type { Sim } from "@/server/sim/start-sim";
import type { RecordedRequest } from "@/server/sim/conformance/replay/recordings";

export interface ObservedLine {
  tMs: number;
  json?: Record<string, unknown>;
  text?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
  text: string;
  lines: ObservedLine[];
  firstByteMs?: number;
  endedBy: string;
  totalMs: number;
}

export interface SendOptions {
  /** Close the stream from the client side after this many ms (streams only). */
  holdMs?: number;
  /** Replaces the recorded Authorization header; `null` sends none. */
  authorization?: string | null;
}

function requestBody(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}

function collectHeaders(raw: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i].toLowerCase();
    const prev = out[key];
    out[key] = prev === undefined ? raw[i + 1] : [...(Array.isArray(prev) ? prev : [prev]), raw[i + 1]];
  }
  return out;
}

function parseLine(text: string): Omit<ObservedLine, "tMs"> {
  try {
    return { json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { text };
  }
}

export function sendRecorded(sim: Sim, request: RecordedRequest, opts: SendOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) if (k.toLowerCase() !== "authorization") headers[k] = v;
  const recordedAuth = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === "authorization")?.[1];
  // No headers recorded at all means the recorder's admin; headers without Authorization, anonymous.
  const asAdmin = recordedAuth === "Bearer <redacted>" || request.headers === undefined;
  const auth = opts.authorization !== undefined ? opts.authorization : asAdmin ? `Bearer ${sim.adminToken}` : recordedAuth;
  if (auth) headers.Authorization = auth;
  const body = requestBody(request.body);
  if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  return new Promise((resolve, reject) => {
    const req = http.request(`${sim.httpUrl}${request.path}`, { method: request.method, headers }, (res) => {
      let text = "";
      let pending = "";
      let firstByteMs: number | undefined;
      const lines: ObservedLine[] = [];
      let endedBy = "server-closed";
      let timer: NodeJS.Timeout | undefined;
      if (opts.holdMs !== undefined) {
        timer = setTimeout(() => {
          endedBy = `client-closed-after-${opts.holdMs}ms`;
          res.destroy();
        }, opts.holdMs);
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        firstByteMs ??= elapsed();
        text += chunk;
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf("\n")) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          lines.push({ tMs: elapsed(), ...parseLine(line) });
        }
      });
      const done = () => {
        clearTimeout(timer);
        if (pending) lines.push({ tMs: elapsed(), ...parseLine(pending) });
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not one JSON document */
        }
        resolve({ status: res.statusCode ?? 0, headers: collectHeaders(res.rawHeaders), body: parsed, text, lines, firstByteMs, endedBy, totalMs: elapsed() });
      };
      res.on("end", done);
      res.on("close", () => {
        if (!res.complete) done();
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
