import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { RouteHandler } from "@/server/http/with-auth";

/**
 * Test support: every route file under app/ found on disk, so a route added later is covered by
 * the enumeration tests without anyone editing them.
 */
const APP_DIR = path.resolve(import.meta.dirname, "../../../app");
export const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
export const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type Route = {
  file: string;
  /** The path with each dynamic segment filled in by `fill` ("dummy" unless given). */
  urlPath: string;
  /** The route as written: `/api/projects/[project]`. */
  pattern: string;
  params: Record<string, string | string[]>;
};

/** Every route.ts under app/, with each dynamic segment filled by `fill(name, pattern)`. */
export function findRoutes(fill: (name: string, pattern: string) => string = () => "dummy"): Route[] {
  const files = fs
    .readdirSync(APP_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|[\\/])route\.(ts|tsx|js)$/.test(f))
    .sort();
  return files.map((rel) => {
    const segments = path.dirname(rel).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
    const pattern = `/${segments.join("/")}`;
    const params: Record<string, string | string[]> = {};
    const concrete = segments.map((segment) => {
      const m = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
      if (!m) return segment;
      const value = fill(m[2], pattern);
      params[m[2]] = m[1] ? [value] : value;
      return value;
    });
    return { file: path.join(APP_DIR, rel), pattern, urlPath: `/${concrete.join("/")}`, params };
  });
}

/** The HTTP methods a route file exports, with their handlers. */
export async function handlersOf(route: Route): Promise<Array<[string, RouteHandler]>> {
  const mod = (await import(pathToFileURL(route.file).href)) as Record<string, unknown>;
  return METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as RouteHandler]);
}
