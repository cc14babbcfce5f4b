import { describe, expect, it } from "vitest";
import { createRouteLabeller, OTHER_ROUTE, STATIC_ROUTE } from "@/server/metrics/route-label";

const label = createRouteLabeller([
  { page: "/", regex: "^/(?:/)?$" },
  { page: "/api/tokens", regex: "^/api/tokens(?:/)?$" },
  { page: "/api/tokens/[id]", regex: "^/api/tokens/([^/]+?)(?:/)?$" },
  { page: "/api/projects/[project]/apps/[app]", regex: "^/api/projects/([^/]+?)/apps/([^/]+?)(?:/)?$" },
]);

describe("route labels", () => {
  it("names a dynamic route by its pattern, so ids never become label values", () => {
    expect(label("/api/tokens/cm3abc123")).toBe("/api/tokens/[id]");
    expect(label("/api/tokens/another-one/")).toBe("/api/tokens/[id]");
    expect(label("/api/projects/shop/apps/web")).toBe("/api/projects/[project]/apps/[app]");
  });

  it("keeps static routes and the server's own endpoints as they are", () => {
    expect(label("/")).toBe("/");
    expect(label("/api/tokens")).toBe("/api/tokens");
    expect(label("/metrics")).toBe("/metrics");
    expect(label("/readyz")).toBe("/readyz");
  });

  it("folds build assets into one label and unknown paths into another", () => {
    expect(label("/_next/static/chunks/abc123.js")).toBe(STATIC_ROUTE);
    expect(label("/wp-login.php")).toBe(OTHER_ROUTE);
    expect(label("/api/tokens/a/b/c")).toBe(OTHER_ROUTE);
  });
});
