/**
 * The database engines Berth runs: for each, the official image pinned per version line, where
 * it keeps its data, which environment its entrypoint reads, how to ask it whether it is ready,
 * and which client a terminal starts. Everything here follows the image's own documentation
 * (hub.docker.com/_/postgres, _/mysql, _/mariadb, _/redis, valkey/valkey, _/mongo).
 *
 * All six images run their server as uid/gid 999 after the entrypoint drops root, so the pod's
 * `fsGroup: 999` makes a fresh volume writable for it without an init container.
 */
import type { DatabaseEngine } from "@/lib/schemas/database";
import type { CredentialKey } from "@/lib/schemas/database-link";

/** An env var the entrypoint reads, from a key of the credentials Secret or a fixed value. */
export type EngineEnv = { name: string; key: CredentialKey | "root-password" } | { name: string; value: string };

export interface EngineDescriptor {
  label: string;
  /** Image per version line (lib/schemas/database.ts DATABASE_VERSIONS), pinned to a patch tag. */
  images: Record<string, string>;
  port: number;
  /** The URL scheme clients expect. */
  scheme: string;
  /** Mounted from the claim. */
  dataPath: string;
  env: readonly EngineEnv[];
  args?: readonly string[];
  /** Exec readiness probe: the engine's own tool, run in the container (argv, no shell). */
  readiness: readonly string[];
  /** What the terminal runs: the engine's client, authenticated from the container's env, never a password in argv. */
  client: readonly string[];
  /** The client's program name (for the terminal's header and the audit). */
  clientName: string;
  /** MySQL and MariaDB also get a root password (their images refuse to start without one). */
  hasRootPassword: boolean;
  /** Redis has one user ("default") and numbered databases. */
  fixedUser?: string;
  fixedDatabase?: string;
  /** Query string the URL needs (MongoDB's root user lives in "admin"). */
  urlQuery?: string;
}

/** The uid/gid the images' servers run as. */
export const DATABASE_FS_GROUP = 999;

const secret = (name: string, key: CredentialKey | "root-password"): EngineEnv => ({ name, key });

const redisLike = (label: string, images: Record<string, string>, server: string, cli: string): EngineDescriptor => ({
  label,
  images,
  port: 6379,
  scheme: "redis",
  dataPath: "/data",
  // The image has no password variable: Kubernetes expands $(REDIS_PASSWORD) in args from the
  // container's env, and REDISCLI_AUTH lets redis-cli (probe and terminal) authenticate without -a.
  env: [secret("REDIS_PASSWORD", "password"), secret("REDISCLI_AUTH", "password")],
  args: [server, "--appendonly", "yes", "--requirepass", "$(REDIS_PASSWORD)"],
  readiness: [cli, "ping"],
  client: [cli],
  clientName: cli,
  hasRootPassword: false,
  fixedUser: "default",
  fixedDatabase: "0",
});

/** MySQL and MariaDB: the same variables under their own prefix (MYSQL_*, MARIADB_*), and a root password. */
const mysqlLike = (label: string, images: Record<string, string>, prefix: string, readiness: string[], cli: string): EngineDescriptor => ({
  label,
  images,
  port: 3306,
  scheme: "mysql",
  dataPath: "/var/lib/mysql",
  env: [secret(`${prefix}_ROOT_PASSWORD`, "root-password"), secret(`${prefix}_USER`, "username"), secret(`${prefix}_PASSWORD`, "password"), secret(`${prefix}_DATABASE`, "database")],
  readiness,
  // MYSQL_PWD from the container's own env keeps the password out of argv (and `ps`).
  client: ["sh", "-c", `MYSQL_PWD="$${prefix}_PASSWORD" exec ${cli} -u "$${prefix}_USER" "$${prefix}_DATABASE"`],
  clientName: cli,
  hasRootPassword: true,
});

export const ENGINES: Record<DatabaseEngine, EngineDescriptor> = {
  postgresql: {
    label: "PostgreSQL",
    // The security releases of February 2026 (docker-library/official-images#20851).
    images: { "16": "postgres:16.12", "17": "postgres:17.8" },
    port: 5432,
    scheme: "postgresql",
    dataPath: "/var/lib/postgresql/data",
    // PGDATA one level down: a fresh volume's lost+found would make initdb refuse the directory.
    env: [secret("POSTGRES_USER", "username"), secret("POSTGRES_PASSWORD", "password"), secret("POSTGRES_DB", "database"), { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" }],
    // Over TCP: during initdb the image's temporary server listens on the socket only, so this
    // stays "not ready" until the real server is up.
    readiness: ["sh", "-c", 'exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'],
    // Local socket connections are trusted inside the image, so psql needs no password.
    client: ["sh", "-c", 'exec psql -U "$POSTGRES_USER" -d "$POSTGRES_DB"'],
    clientName: "psql",
    hasRootPassword: false,
  },
  // TCP for mysqladmin: the init phase's server runs with --skip-networking.
  mysql: mysqlLike("MySQL", { "8.4": "mysql:8.4.3" }, "MYSQL", ["mysqladmin", "ping", "-h", "127.0.0.1"], "mysql"),
  // The image's own check; it signs in as the healthcheck user the entrypoint creates.
  mariadb: mysqlLike("MariaDB", { "11.4": "mariadb:11.4.4" }, "MARIADB", ["healthcheck.sh", "--connect", "--innodb_initialized"], "mariadb"),
  redis: redisLike("Redis", { "7.4": "redis:7.4.1" }, "redis-server", "redis-cli"),
  valkey: redisLike("Valkey", { "8.0": "valkey/valkey:8.0.1" }, "valkey-server", "valkey-cli"),
  mongodb: {
    label: "MongoDB",
    images: { "7.0": "mongo:7.0.15" },
    port: 27017,
    scheme: "mongodb",
    dataPath: "/data/db",
    env: [secret("MONGO_INITDB_ROOT_USERNAME", "username"), secret("MONGO_INITDB_ROOT_PASSWORD", "password")],
    readiness: ["mongosh", "--quiet", "--eval", 'db.adminCommand("ping")'],
    // mongosh reads no password variable; given -u without -p it prompts, so the password is typed, not in argv.
    client: ["sh", "-c", 'exec mongosh -u "$MONGO_INITDB_ROOT_USERNAME" --authenticationDatabase admin'],
    clientName: "mongosh",
    hasRootPassword: false,
    urlQuery: "authSource=admin",
  },
};

/** The image a database runs. */
export function imageOf(engine: DatabaseEngine, version: string): string {
  const image = ENGINES[engine].images[version];
  if (!image) throw new Error(`No image for ${engine} ${version}`);
  return image;
}

/** Default resources: enough for a small app's database on a one-node k3s, bounded so one cannot starve the node. */
export const DATABASE_RESOURCES = {
  requests: { cpu: "100m", memory: "256Mi" },
  limits: { memory: "1Gi" },
} as const;
