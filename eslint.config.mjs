import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The server boundary is a folder: UI code and isomorphic helpers must never pull in
 * `server/` (Prisma, Kubernetes clients, secrets). Server components in app/ may.
 */
const serverImportBan = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        {
          group: ["@/server", "@/server/**", "**/server", "**/server/**"],
          message: "components/ and lib/ run in the browser too: ask the API through lib/api-client.ts instead of importing server/.",
        },
      ],
    },
  ],
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "server/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    "data/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "app/**/*-client.tsx", "app/providers.tsx"],
    rules: serverImportBan,
  },
  {
    // server/ is plain Node code loaded by tsx, not a Next page: a local named `module` is fine there.
    files: ["server/**/*.ts"],
    rules: { "@next/next/no-assign-module-variable": "off" },
  },
  {
    // Playwright fixtures receive a callback named `use`; it is not React's hook.
    files: ["e2e/**/*.ts", "playwright.config.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
