/**
 * Which programs the official database images carry beyond the shell, so an exec (a terminal,
 * a readiness probe) finds `psql` in postgres and not in redis, as a real node would. MariaDB 11
 * ships only `mariadb*` names: its `mysql`/`mysqladmin` compatibility links went with 11.0
 * (MariaDB/mariadb-docker#512), so `mysqladmin ping` there fails as it does on a real node.
 * Valkey installs `redis-*` links next to its own names (USE_REDIS_SYMLINKS defaults to yes).
 * https://hub.docker.com/_/postgres, /_/mysql, /_/mariadb, /_/redis, /_/mongo, /r/valkey/valkey
 */
import { imageTag } from "@/server/sim/controllers/image-behaviour";

export type Engine = "postgres" | "mysql" | "mariadb" | "redis" | "valkey" | "mongo";

const BINARIES: Record<Engine, string[]> = {
  postgres: ["psql", "pg_isready", "postgres", "initdb", "pg_ctl", "pg_dump", "pg_dumpall", "pg_restore", "createdb", "createuser", "dropdb", "gosu", "docker-entrypoint.sh"],
  mysql: ["mysql", "mysqladmin", "mysqld", "mysqldump", "mysqlcheck", "mysqlshow", "mysql_tzinfo_to_sql", "gosu", "docker-entrypoint.sh"],
  mariadb: ["mariadb", "mariadb-admin", "mariadbd", "mariadb-dump", "mariadb-check", "mariadb-show", "mariadb-install-db", "mariadb-tzinfo-to-sql", "healthcheck.sh", "gosu", "docker-entrypoint.sh"],
  redis: ["redis-cli", "redis-server", "redis-benchmark", "redis-check-aof", "redis-check-rdb", "redis-sentinel", "gosu", "docker-entrypoint.sh"],
  valkey: ["valkey-cli", "valkey-server", "valkey-benchmark", "valkey-check-aof", "valkey-check-rdb", "valkey-sentinel", "redis-cli", "redis-server", "redis-benchmark", "redis-check-aof", "redis-check-rdb", "redis-sentinel", "gosu", "docker-entrypoint.sh"],
  mongo: ["mongosh", "mongod", "mongos", "mongodump", "mongorestore", "mongoexport", "mongoimport", "gosu", "docker-entrypoint.sh"],
};

/** `postgres:16.6`, `docker.io/library/postgres:17`, `valkey/valkey:8.0.1` → their engine; undefined for other images. */
export function engineOf(image: string): Engine | undefined {
  const withoutTag = image.replace(/[:@][^/]*$/, "");
  const path = withoutTag.replace(/^(docker\.io\/|index\.docker\.io\/)/, "").replace(/^library\//, "");
  const found: Record<string, Engine> = { postgres: "postgres", mysql: "mysql", mariadb: "mariadb", redis: "redis", "valkey/valkey": "valkey", mongo: "mongo" };
  return found[path];
}

/** The image's version as its programs print it: the tag without variant suffixes (`16.6-bookworm` → `16.6`). */
export function engineVersion(image: string): string {
  const tag = imageTag(image);
  return /^\d+(\.\d+)*/.exec(tag)?.[0] ?? tag;
}

/** Whether `program` (a bare name or a path under a bin directory) is one of the image's engine programs. */
export function hasEngineBinary(image: string, program: string): boolean {
  const engine = engineOf(image);
  if (!engine) return false;
  const dir = program.includes("/") ? program.slice(0, program.lastIndexOf("/")) : "";
  if (dir && !["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/usr/local/sbin"].includes(dir)) return false;
  return BINARIES[engine].includes(program.split("/").pop() ?? program);
}

/** The images' servers and entrypoints: long-running, so the sim never runs them to an end. */
const SERVERS = new Set(["postgres", "mysqld", "mariadbd", "redis-server", "valkey-server", "redis-sentinel", "valkey-sentinel", "mongod", "mongos", "docker-entrypoint.sh", "gosu", "pg_ctl"]);

export function isEngineServer(image: string, program: string): boolean {
  return hasEngineBinary(image, program) && SERVERS.has(program.split("/").pop() ?? program);
}

/** Whether `program` is one of some database image's own programs (so an image without it cannot start it). */
export function isEngineProgram(program: string): boolean {
  const name = program.split("/").pop() ?? program;
  return Object.values(BINARIES).some((names) => names.includes(name));
}
