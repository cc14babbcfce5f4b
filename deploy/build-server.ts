/**
 * `npm run build:server`: bundles Berth's custom server and its `berth` command into
 * dist/*.mjs, as the container image runs them (`node dist/server.mjs`): TypeScript and the
 * `@/` alias resolved at build time, every npm package left external in node_modules (native
 * better-sqlite3, Next, Prisma's runtime), no tsx at run time.
 */
import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
/** Where `npm run build:server` writes; the image copies it to /app/dist. */
export const DIST_DIR = path.join(root, "dist");

export const ENTRY_POINTS = {
  server: "server/main.ts",
  berth: "server/cli/berth.ts",
  // Next loads next.config.ts at run time through its SWC compiler (a ~100 MB native binary
  // the image leaves out); the image ships this compiled copy as /app/next.config.mjs instead.
  "next.config": "next.config.ts",
};

/**
 * Every bundled module shares the bundle's `import.meta.dirname` (dist/). Sources that resolve
 * files relative to their own folder (prisma/migrations from server/db) get their original
 * folder back, expressed relative to dist/ so the tree can move (/app in the image). A bundle
 * written elsewhere (a test's staging copy) must sit in a tree laid out like the repository.
 */
const keepModuleDirname: Plugin = {
  name: "keep-module-dirname",
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const fs = await import("node:fs/promises");
      const source = await fs.readFile(args.path, "utf8");
      if (!source.includes("import.meta.dirname")) return undefined;
      const relative = path.relative(DIST_DIR, path.dirname(args.path)).split(path.sep).join("/");
      const replaced = source.replaceAll("import.meta.dirname", `(import.meta.dirname + ${JSON.stringify(`/${relative}`)})`);
      return { contents: replaced, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

/** Builds server.mjs, berth.mjs and next.config.mjs into `outdir` (default dist/). */
export async function buildServer(outdir: string = DIST_DIR): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [keepModuleDirname],
    logLevel: "warning",
    metafile: true,
    // berth.mjs is the image's `berth` command (a symlink on the PATH, see deploy/Dockerfile).
    banner: { js: "#!/usr/bin/env node" },
  });
  fs.chmodSync(path.join(outdir, "berth.mjs"), 0o755);
  return Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".mjs"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const outputs = await buildServer();
  console.log(`Built ${outputs.join(", ")}`);
}
