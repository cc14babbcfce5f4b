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
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/client",
    "@kubernetes/client-node",
    "ws",
  ],
};

export default nextConfig;
