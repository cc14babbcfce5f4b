/**
 * Prisma's schema engine (the code behind `prisma migrate`) compiled to WebAssembly, driven
 * through the better-sqlite3 driver adapter. The native engine is a binary Prisma downloads at
 * install time, which a fresh offline machine cannot do; the WASM build ships inside an npm
 * package and writes the same `_prisma_migrations` bookkeeping.
 *
 * Known limit: the WASM package version (8.1.0-2.59be…) is one patch ahead of the engines the
 * prisma CLI 7.10 pins (8.1.0-1.d1b3f…); the migration table format is unchanged between them.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type { SchemaEngine };

/** Berth has no externally managed tables or enums. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

let loaded: Promise<void> | undefined;

/**
 * Instantiates the WASM module once per process. The package's own entry point imports the
 * `.wasm` file as an ES module, which Node only allows behind a flag, so we instantiate the
 * bytes ourselves and hand the exports to the JS glue, as its generated entry point would.
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await fs.promises.readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const module = await WebAssembly.compile(bytes);
    const instance = await WebAssembly.instantiate(module, {
      "./schema_engine_bg.js": wasmBindings as unknown as WebAssembly.ModuleImports,
    });
    const glueModule = wasmBindings as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void };
    glueModule.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return loaded;
}

/**
 * Runs `work` with a schema engine connected to the SQLite file `dbFile` (":memory:" when only
 * diffing). The engine takes SQLite's EXCLUSIVE locking mode on its connection, as the native
 * engine does, so every connection it opened is closed before this returns; otherwise the
 * database would stay locked for the rest of the process.
 */
export async function withSchemaEngine<T>(
  options: { dbFile: string; datamodel?: { path: string; content: string } },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const inner = new PrismaBetterSqlite3({ url: options.dbFile === ":memory:" ? ":memory:" : `file:${options.dbFile}` });
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => remember(opened, await inner.connect()),
    connectToShadowDb: async () => remember(opened, acceptScripts(await inner.connectToShadowDb())),
  };
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: options.datamodel ? [[options.datamodel.path, options.datamodel.content]] : undefined },
    // The engine's tracing lines (one JSON object each) repeat what its errors already say.
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

function remember(opened: SqlDriverAdapter[], adapter: SqlDriverAdapter): SqlDriverAdapter {
  opened.push(adapter);
  return adapter;
}

/**
 * When it replays migrations on the shadow database (for `diff`), engine 8.1.0-2 sends each
 * whole migration.sql through `executeRaw`, which better-sqlite3 refuses when the script has
 * more than one statement ("The supplied SQL string contains more than one statement").
 * Running such a script with `executeScript` is what the native engine does.
 */
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      const isMultiStatement = error instanceof RangeError && /more than one statement/.test(error.message);
      if (!isMultiStatement || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}
