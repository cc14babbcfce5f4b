/**
 * The Prisma client over Berth's SQLite file, through the better-sqlite3 driver adapter.
 * One client per process (`getDb`); tests open their own isolated ones (`openDb`).
 */
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/server/db/generated/client";
import { dataDirFromEnv, databaseFile } from "@/server/db/database-file";
import { processSingleton } from "@/server/singleton";

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Set on every connection: WAL lets readers (health checks, the UI) run while the engine
 * writes; SQLite leaves foreign keys off unless asked, and the schema relies on cascades.
 */
const CONNECTION_PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;`;

/** On globalThis like the client itself, so route handlers' statements count with the server's. */
const counter = processSingleton("db-query-count", () => ({ queries: 0 }));

/**
 * SQL statements this process has sent to SQLite, through any client: tests and the scale
 * benchmark read it before and after a request to prove a page costs a constant number of
 * queries whatever the number of apps.
 */
export function dbQueryCount(): number {
  return counter.queries;
}

/** Counts every statement `queryable` runs (a connection, or a transaction it starts). */
function counted<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => (counter.queries++, queryRaw(query));
  queryable.executeRaw = (query) => (counter.queries++, executeRaw(query));
  return queryable;
}

/**
 * Opens a new client on `<dataDir>/berth.db`. The caller owns it and must `$disconnect()` it.
 * Run `migrateDatabase(dataDir)` first: the client does not create tables.
 */
export function openDb(options: { dataDir: string }): PrismaClient {
  const dbFile = databaseFile(options.dataDir);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const inner = new PrismaBetterSqlite3({ url: `file:${dbFile}`, timeout: BUSY_TIMEOUT_MS });
  const adapter: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const connection = await inner.connect();
      await connection.executeScript(CONNECTION_PRAGMAS);
      const startTransaction = connection.startTransaction.bind(connection);
      connection.startTransaction = async (isolationLevel) => counted(await startTransaction(isolationLevel));
      return counted(connection);
    },
  };
  return new PrismaClient({ adapter });
}

/**
 * Next bundles route handlers separately from the custom server, so a module-level variable
 * would exist once per bundle; the client lives on globalThis (as in server/singleton.ts) so
 * the whole process shares one connection. Unlike processSingleton it can be cleared.
 */
const SLOT = Symbol.for("berth.db");
const store = globalThis as unknown as { [SLOT]?: PrismaClient };

/** The process's client, on `${BERTH_DATA_DIR ?? "./data"}/berth.db`, opened on first use. */
export function getDb(): PrismaClient {
  store[SLOT] ??= openDb({ dataDir: dataDirFromEnv() });
  return store[SLOT];
}

/** Closes the process's client (shutdown, end of a test). The next `getDb()` opens a new one. */
export async function closeDb(): Promise<void> {
  const client = store[SLOT];
  store[SLOT] = undefined;
  await client?.$disconnect();
}
