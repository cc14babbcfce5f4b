/**
 * Turns a request path into the `route` label of http_requests_total: Next's route pattern
 * (`/api/tokens/[id]`), never the raw path, so a label value exists per route and not per
 * token, project or app id. Patterns come from the build's `.next/routes-manifest.json`.
 */
import fs from "node:fs";
import path from "node:path";

export type RoutePattern = { page: string; regex: string };

/** Next's build assets, one label for all of them. */
export const STATIC_ROUTE = "/_next/*";
/** Anything else (public files, 404s, probes for paths that do not exist). */
export const OTHER_ROUTE = "(other)";

/** Routes served by the custom server itself, outside Next's manifest. */
const SERVER_ROUTES = ["/metrics", "/healthz", "/readyz"];

export type RouteLabeller = (pathname: string) => string;

/** A labeller over explicit patterns (static routes first, then dynamic ones, as Next matches). */
export function createRouteLabeller(patterns: RoutePattern[]): RouteLabeller {
  const compiled = patterns.map((p) => ({ page: p.page, regex: new RegExp(p.regex) }));
  const exact = new Set([...SERVER_ROUTES, ...patterns.filter((p) => !p.page.includes("[")).map((p) => p.page)]);
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return STATIC_ROUTE;
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (exact.has(trimmed)) return trimmed;
    return compiled.find((p) => p.regex.test(trimmed))?.page ?? OTHER_ROUTE;
  };
}

type RoutesManifest = { staticRoutes?: RoutePattern[]; dynamicRoutes?: RoutePattern[] };

/**
 * The labeller for the build in `<projectDir>/.next`. In development, or before a build,
 * the manifest is missing and every path is labelled (other) apart from the server's own.
 */
export function routeLabellerFromBuild(projectDir: string): RouteLabeller {
  const file = path.join(projectDir, ".next", "routes-manifest.json");
  let patterns: RoutePattern[] = [];
  try {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as RoutesManifest;
    patterns = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])];
  } catch {
    patterns = [];
  }
  return createRouteLabeller(patterns);
}
