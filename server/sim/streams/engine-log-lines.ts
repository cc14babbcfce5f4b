/**
 * What the official database images print, for the sim's log of a database container: the
 * server's start-up lines, then its routine ones, in each engine's own format — so a demo's
 * database log reads like the engine's (and a crash's last line follows real ones), not like
 * a web server's. Shapes from the images' own output (hub.docker.com/_/postgres, _/mysql,
 * _/mariadb, _/redis, valkey/valkey, _/mongo); timestamps are the line's own.
 */
import { engineOf, engineVersion, type Engine } from "@/server/sim/controllers/image-binaries";

type Format = (at: Date, text: string) => string;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2026-12-01 20:00:00.123 UTC [1] LOG:  …` */
const postgresLine: Format = (at, text) => `${at.toISOString().replace("T", " ").slice(0, 23)} UTC [1] ${text}`;
/** `2026-12-01T20:00:00.123456Z 0 [System] [MY-010931] [Server] …` */
const mysqlLine: Format = (at, text) => `${at.toISOString().slice(0, 23)}000Z 0 ${text}`;
/** `2026-12-01 20:00:00 0 [Note] …` */
const mariadbLine: Format = (at, text) => `${at.toISOString().replace("T", " ").slice(0, 19)} 0 ${text}`;
/** `1:M 01 Dec 2026 20:00:00.123 * …` */
const redisLine: Format = (at, text) =>
  `1:M ${pad(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)} ${text}`;
/** mongod's structured JSON log. */
const mongoLine: Format = (at, text) => text.replace("$DATE", at.toISOString().replace("Z", "+00:00"));

interface EngineLog {
  format: Format;
  startup: (version: string) => string[];
  /** Routine lines after start-up, chosen by the line's hash. */
  routine: string[];
}

const redisLike = (name: string): EngineLog => ({
  format: redisLine,
  startup: (version) => [`# ${name} version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`, "* Running mode=standalone, port=6379.", "* Server initialized", "* Ready to accept connections tcp"],
  routine: ["* 1 changes in 3600 seconds. Saving...", "* Background saving started by pid 42", "* Background saving terminated with success", "* DB saved on disk"],
});

const LOGS: Record<Engine, EngineLog> = {
  postgres: {
    format: postgresLine,
    startup: (version) => [
      `LOG:  starting PostgreSQL ${version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
      'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
      'LOG:  listening on IPv6 address "::", port 5432',
      'LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
      "LOG:  database system is ready to accept connections",
    ],
    routine: ["LOG:  checkpoint starting: time", "LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled", "LOG:  automatic vacuum of table \"app.public.sessions\": index scans: 0"],
  },
  mysql: {
    format: mysqlLine,
    startup: (version) => [
      `[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${version}) starting as process 1`,
      "[System] [MY-013576] [InnoDB] InnoDB initialization has started.",
      "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.",
      `[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
    ],
    routine: ["[Note] [MY-010914] [Server] Aborted connection 12 to db: 'app' user: 'app' host: '10.42.0.7' (Got an error reading communication packets)."],
  },
  mariadb: {
    format: mariadbLine,
    startup: (version) => [`[Note] Starting MariaDB ${version}-MariaDB-ubu2404 source revision as process 1`, "[Note] InnoDB: Buffer pool(s) load completed", "[Note] Server socket created on IP: '0.0.0.0', port: '3306'.", `[Note] mariadbd: ready for connections.`],
    routine: ["[Warning] Aborted connection 5 to db: 'app' user: 'app' host: '10.42.0.7' (Got an error reading communication packets)"],
  },
  redis: redisLike("Redis"),
  valkey: redisLike("Valkey"),
  mongo: {
    format: mongoLine,
    startup: (version) => [
      `{"t":{"$date":"$DATE"},"s":"I","c":"CONTROL","id":23285,"ctx":"main","msg":"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'"}`,
      `{"t":{"$date":"$DATE"},"s":"I","c":"CONTROL","id":23403,"ctx":"initandlisten","msg":"Build Info","attr":{"buildInfo":{"version":"${version}"}}}`,
      `{"t":{"$date":"$DATE"},"s":"I","c":"NETWORK","id":23015,"ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0"}}`,
      `{"t":{"$date":"$DATE"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`,
    ],
    routine: [`{"t":{"$date":"$DATE"},"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted","attr":{"remote":"10.42.0.7:51234","connectionCount":1}}`, `{"t":{"$date":"$DATE"},"s":"I","c":"STORAGE","id":22430,"ctx":"Checkpointer","msg":"WiredTiger message","attr":{"message":"saving checkpoint snapshot"}}`],
  },
};

/** Line `n` of a database image's log at `ms`, or undefined for other images. `hash` picks the routine line. */
export function engineLineText(image: string, n: number, ms: number, hash: number): string | undefined {
  const engine = engineOf(image);
  if (!engine) return undefined;
  const log = LOGS[engine];
  const startup = log.startup(engineVersion(image));
  return log.format(new Date(ms), n < startup.length ? startup[n] : log.routine[hash % log.routine.length]);
}
