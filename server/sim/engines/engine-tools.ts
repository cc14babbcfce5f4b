/**
 * The database images' dump and restore tools by program name. A tool answers undefined for a
 * use it does not model (`redis-cli ping`, `mysql -e 'SELECT 1'`), which the image's health
 * check answers then take (streams/engine-commands.ts).
 */
import { mongoDump, mongoRestore } from "@/server/sim/engines/mongo-tools";
import { mysqlClient, mysqlDump } from "@/server/sim/engines/mysql-tools";
import { pgDump, pgRestore } from "@/server/sim/engines/postgres-tools";
import { redisRdb } from "@/server/sim/engines/redis-tools";
import type { ProgramContext } from "@/server/sim/shell/process";

export const ENGINE_TOOLS: Record<string, (ctx: ProgramContext) => number | undefined> = {
  pg_dump: pgDump,
  pg_restore: pgRestore,
  mysqldump: mysqlDump,
  "mariadb-dump": mysqlDump,
  mysql: mysqlClient,
  mariadb: mysqlClient,
  "redis-cli": redisRdb,
  "valkey-cli": redisRdb,
  mongodump: mongoDump,
  mongorestore: mongoRestore,
};
