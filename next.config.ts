import type { NextConfig } from "next";

/**
 * Berth is served by its own Node server (server/main.ts), which hands HTTP to Next.
 * Native and Node-only packages stay external so server components that import `server/`
 * load them from node_modules instead of bundling them.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/client",
    "@kubernetes/client-node",
    "ws",
  ],
};

export default nextConfig;
