/**
 * `npm run build:runtime`: what the image ships beside its bundles: node_modules traced instead
 * of installed, and the .next build without its cache and source maps. A
 * production install carries 900+ MB (prisma's CLI, typescript and playwright-core arrive as
 * optional peers, Next brings its compilers); Berth runs a fraction of it. The files come from
 * two traces made with @vercel/nft, the tracer Next itself uses (it ships it compiled):
 *   - Next's own: `next build` writes a `.nft.json` beside its server and every route, listing
 *     each file they load at run time;
 *   - the custom server and the `berth` command: dist/*.mjs (`npm run build:server`) traced
 *     here, with Next's dev-only and build-only code left out as Next's own traces leave it out.
 * better-sqlite3's native module is traced like any file, so it is the one the build stage
 * compiled (or downloaded) for the architecture being built.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

type NodeFileTrace = (
  files: string[],
  options: { base: string; processCwd: string; mixedModules: boolean; ignore: (file: string) => boolean },
) => Promise<{ fileList: Set<string>; esmFileList: Set<string>; warnings: Set<Error> }>;
const { nodeFileTrace } = createRequire(import.meta.url)("next/dist/compiled/@vercel/nft") as { nodeFileTrace: NodeFileTrace };

/**
 * What the custom server's trace reaches but never runs: `next()` (next/dist/server/next.js)
 * loads the dev server only with `--dev`, and that one reaches the compilers: Next's native
 * SWC binary (~100 MB), TypeScript, esbuild, webpack. tsx and Prisma's CLI are build tools.
 * Next's own trace of its production server leaves out the same packages. Next's JavaScript
 * stays whole: its config loader requires parts of next/dist/build at every start.
 */
const NEXT_DEV_ONLY = [
  /^node_modules\/(@next\/swc-[^/]+|typescript|webpack|esbuild|@esbuild\/[^/]+|tsx|prisma|@prisma\/dev|@prisma\/studio-core)\//,
  // The development builds of Next's server runtimes (13 MB); Next's traces leave them out too.
  /^node_modules\/next\/dist\/compiled\/next-server\/.*\.dev\.js$/,
];
/**
 * Next's trace of its server lists sharp and libvips (~20 MB) for the image optimizer behind
 * `next/image`. Berth's pages use no `next/image`, so /_next/image is never requested by them.
 */
const NOT_USED_BY_BERTH = [/^node_modules\/(sharp|@img\/sharp-[^/]+)\//];
/**
 * Loaded through paths nft cannot follow (a trailing `/` takes the whole folder):
 * server/db/schema-engine.ts reads the schema engine's WASM beside its glue file (Node imports
 * `.wasm` modules only behind a flag), and Next's config loader registers require aliases to
 * its compiled webpack and Babel runtime at every start, resolving each (next/dist/server/
 * config-utils.js; Next's standalone server skips that step, Berth's custom server cannot).
 */
const LOADED_BY_PATH = [
  "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm",
  "node_modules/next/dist/compiled/webpack/",
  "node_modules/next/dist/compiled/@babel/runtime/",
];

function expandFolders(files: string[]): string[] {
  return files.flatMap((file) =>
    file.endsWith("/")
      ? fs.readdirSync(path.join(root, file), { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      : [file],
  );
}

/** Never loaded at run time: types, source maps, React's development builds. */
const NEVER_AT_RUN_TIME = [/\.d\.[cm]?ts$/, /\.map$/, /\/[^/]+\.development\.js$/];

/** nft's paths are relative to its base, "/" (see traceRuntimeModules); ours to the repository. */
function fromRoot(file: string): string {
  return path.relative(root, path.resolve("/", file)).split(path.sep).join("/");
}

function isLeftOut(file: string): boolean {
  return NEXT_DEV_ONLY.some((re) => re.test(file)) || NEVER_AT_RUN_TIME.some((re) => re.test(file));
}

/** Every `.nft.json` `next build` wrote, as repository-relative paths of the files it lists. */
function nextTracedFiles(nextDir: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "cache") visit(full);
      else if (entry.name.endsWith(".nft.json")) {
        const { files: listed } = JSON.parse(fs.readFileSync(full, "utf8")) as { files: string[] };
        for (const file of listed) files.push(path.relative(root, path.resolve(dir, file)));
      }
    }
  };
  visit(nextDir);
  return files;
}

/**
 * The node_modules files (repository-relative, `node_modules/…`) that the image's server and
 * `berth` command load, given `next build` in .next and the bundles in `distDir`.
 */
export async function traceRuntimeModules(distDir: string): Promise<string[]> {
  const entries = fs
    .readdirSync(distDir)
    .filter((f) => f.endsWith(".mjs"))
    .map((f) => path.join(distDir, f));
  // Base "/": nft follows no import out of its base, and a test's bundles sit outside the
  // repository, reaching its node_modules through a link (which nft resolves to the real files).
  const traced = await nodeFileTrace(entries, {
    base: "/",
    processCwd: root,
    mixedModules: true,
    ignore: (file) => isLeftOut(fromRoot(file)),
  });
  const ours = [...traced.fileList, ...traced.esmFileList].map(fromRoot).filter((file) => !isLeftOut(file));
  // Next's lists are taken as they are: Next already left out what its server never loads.
  const all = new Set([...ours, ...expandFolders(LOADED_BY_PATH), ...nextTracedFiles(path.join(root, ".next"))]);
  return [...all].filter((file) => file.startsWith("node_modules/") && !NOT_USED_BY_BERTH.some((re) => re.test(file))).sort();
}

/** What `next build` leaves in .next that the server never reads: its cache, source maps, traces. */
const NOT_SERVED_FROM_NEXT = [/^cache(\/|$)/, /\.map$/, /\.nft\.json$/, /^trace(-build)?$/];

/**
 * Lays out `<outDir>/node_modules` (the traced files) and `<outDir>/.next` (the build without
 * what only `next build` reads), which the image's runtime stage copies to /app. `distDir`
 * holds the bundles and must resolve packages from the repository's node_modules.
 */
export async function assembleRuntime(distDir: string, outDir: string): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const file of await traceRuntimeModules(distDir)) {
    const from = path.join(root, file);
    const stat = fs.lstatSync(from);
    if (stat.isDirectory()) continue;
    const to = path.join(outDir, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    // nft lists a symlink and its target both; keep the link so resolution works as it did.
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.copyFileSync(from, to);
  }
  const nextDir = path.join(root, ".next");
  fs.cpSync(nextDir, path.join(outDir, ".next"), {
    recursive: true,
    // .next/node_modules links the packages route handlers load (`../../../node_modules/…`);
    // made absolute they would point back into the build's full install.
    verbatimSymlinks: true,
    filter: (from) => !NOT_SERVED_FROM_NEXT.some((re) => re.test(path.relative(nextDir, from).split(path.sep).join("/"))),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (!process.argv[2]) {
    console.error("Usage: npm run build:runtime -- <output directory>   (deploy/Dockerfile uses runtime)");
    process.exit(2);
  }
  const outDir = path.resolve(process.argv[2]);
  await assembleRuntime(path.join(root, "dist"), outDir);
  console.log(`Assembled ${outDir}/node_modules and ${outDir}/.next`);
}
