import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The server boundary is a folder: UI code and isomorphic helpers must never pull in
 * `server/` (Prisma, Kubernetes clients, secrets). Server components in app/ may. React's own
 * `react-dom/server` is no part of that folder: component tests render with it.
 */
const SERVER_IMPORTS = {
  group: ["@/server", "@/server/**", "**/server", "**/server/**", "!react-dom/server"],
  message: "components/ and lib/ run in the browser too: ask the API through lib/api-client.ts instead of importing server/.",
};
const serverImportBan = { "no-restricted-imports": ["error", { patterns: [SERVER_IMPORTS] }] };

/**
 * The signed-in shell (layout, live updates, the API client) is in the first load of every page:
 * a value imported from zod or the schemas there ships them to every page (45 KB gzipped, which
 * `npm run bench -- bundle` caught). Types are free; forms load the schemas in their own chunks.
 */
const firstLoadImportBan = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        SERVER_IMPORTS,
        {
          group: ["zod", "yaml", "@/lib/dto/*", "@/lib/schemas/*"],
          allowTypeImports: true,
          message: "This module is in every page's first load: import only types from zod-backed modules here (plain values live beside them, e.g. lib/board-status.ts).",
        },
      ],
    },
  ],
};

/**
 * The layers of ../shared/DESIGN.md: data flows down, never back up. Each entry bans the layers
 * above a folder, so a wrong arrow fails `npm run lint`.
 */
function bansLayers(layers, why) {
  return {
    "no-restricted-imports": [
      "error",
      { patterns: [{ group: layers.flatMap((l) => [`@/server/${l}`, `@/server/${l}/**`]), message: why }] },
    ],
  };
}
const HTTP_LAYER = ["http", "ws"];
const SERVICE_LAYER = ["engine", "auth", "yaml"];

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
    files: ["components/layout/**/*.{ts,tsx}", "lib/live/**/*.{ts,tsx}", "lib/api-client.ts", "lib/queries/session.ts", "lib/queries/keys.ts"],
    ignores: ["**/*.test.ts"],
    rules: firstLoadImportBan,
  },
  {
    files: ["server/engine/**/*.ts", "server/auth/**/*.ts", "server/yaml/**/*.ts"],
    rules: bansLayers(HTTP_LAYER, "The engine, auth and yaml sit below server/http and server/ws: throw AppError from server/errors.ts and let the HTTP layer map it."),
  },
  {
    files: ["server/kube/**/*.ts", "server/db/**/*.ts", "server/secrets/**/*.ts"],
    // The secrets scenario tests drive Berth end to end (routes, sockets, the engine) on purpose.
    ignores: ["server/secrets/**/*.test.ts"],
    rules: bansLayers([...HTTP_LAYER, ...SERVICE_LAYER], "server/kube, server/db and server/secrets are the bottom layers: they must not import the engine, auth, yaml, http or ws above them."),
  },
  {
    files: ["server/errors.ts"],
    rules: bansLayers([...HTTP_LAYER, ...SERVICE_LAYER, "kube", "db"], "server/errors.ts sits below every layer and imports none of them."),
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
