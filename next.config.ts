import type { NextConfig } from "next";

/**
 * Berth is served by its own Node server (server/main.ts), which hands HTTP to Next.
 * Native and Node-only packages stay external so server components that import `server/`
 * load them from node_modules instead of bundling them.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo (server, tests, e2e) as its own step;
  // repeating it inside `next build` doubles the slowest part of the build for no new signal.
  typescript: { ignoreBuildErrors: true },
  // Next loads every route's server code at start by default. Berth's routes load on their first
  // request instead: `npm run bench -- scale` measured 279 MB after start against 302 MB before,
  // and a route's first request pays its load once.
  experimental: { preloadEntriesOnStart: false },
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/client",
    "@kubernetes/client-node",
    "ws",
  ],
};

export default nextConfig;
