/**
 * What a backup is of, as everything downstream needs it: the target's names in the cluster (its
 * directory on the backup volume, its CronJob, its file names), the dump step, and how a restore
 * runs. A database and an app volume go through the same code from here on. Pure.
 */
import type { Container, EnvVar, Volume } from "kubernetes-types/core/v1";
import type { BackupExtension, BackupTarget } from "@/lib/schemas/backup";
import type { DatabaseEngine } from "@/lib/schemas/database";
import type { CredentialKey } from "@/lib/schemas/database-link";
import { credentialsSecretName, dataClaimName } from "@/server/engine/databases/database-names";
import { boundedName, pvcName } from "@/server/engine/names";
import { RESTORE_RDB_SCRIPT, RESTORE_VOLUME_SCRIPT } from "@/server/engine/backups/backup-scripts";

export const BUSYBOX_IMAGE = "busybox:1.36";

/** How a restore runs: the engine's own tool against the live server, or files written onto the stopped workload's volume. */
export type RestorePlan =
  | { kind: "tool"; container: Container }
  | { kind: "volume"; claim: string; script: string; workload: { kind: "StatefulSet" | "Deployment"; name: string } };

export interface BackupSubject {
  project: string;
  target: BackupTarget;
  /** What the user types to confirm a restore, and what messages call the target. */
  displayName: string;
  /** The target's directory on the backup volume (its subPath), also the `berth.dev/backup-of` label. */
  dir: string;
  /** The file names' stem: `<stem>-<time>.<ext>`. */
  stem: string;
  ext: BackupExtension;
  cronJobName: string;
  /** The dump step's image, argv and env; its mounts are added by the renderer. */
  dump: Container;
  /** Program named in a failed run's sentence ("pg_dump exited with code 1"). */
  dumpTool: string;
  /** Extra pod volumes the dump needs (an app volume's claim). */
  volumes: Volume[];
  /** For an app volume: the pod labels of the app, whose node the dump must run on (RWO). */
  colocateWith?: Record<string, string>;
  restore: RestorePlan;
}

/** A CronJob name must leave 11 characters for the controller's `-<minutes>` suffix. */
const CRONJOB_NAME_MAX = 52;

const fromSecret = (secret: string, name: string, key: CredentialKey): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

interface EngineBackup {
  ext: BackupExtension;
  tool: string;
  env: Array<[string, CredentialKey]>;
  dump: (host: string) => string[];
  /** The restore tool's argv, or undefined for a file-level restore (Redis, Valkey). */
  restore?: (host: string) => string[];
}

const mysqlLike = (dumpTool: string, client: string): EngineBackup => ({
  ext: "sql",
  tool: dumpTool,
  env: [["DB_USER", "username"], ["DB_NAME", "database"], ["MYSQL_PWD", "password"]],
  dump: (host) => [dumpTool, "--single-transaction", "--routines", `--host=${host}`, "--user=$(DB_USER)", "--result-file=/backups/$(BERTH_RUN).partial", "$(DB_NAME)"],
  restore: (host) => [client, `--host=${host}`, "--user=$(DB_USER)", "$(DB_NAME)", "--execute=source /backups/$(FILE)"],
});

const redisLike = (cli: string): EngineBackup => ({
  ext: "rdb",
  tool: cli,
  env: [["REDISCLI_AUTH", "password"]],
  dump: (host) => [cli, "-h", host, "--rdb", "/backups/$(BERTH_RUN).partial"],
});

/**
 * Each engine's dump and restore, argv only: the kubelet expands `$(VAR)` from the container's
 * env, so credentials come from the database's Secret and never appear in the pod spec.
 * https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#use-environment-variables-to-define-arguments
 */
const ENGINE_BACKUPS: Record<DatabaseEngine, EngineBackup> = {
  postgresql: {
    ext: "dump",
    tool: "pg_dump",
    env: [["PGUSER", "username"], ["PGDATABASE", "database"], ["PGPASSWORD", "password"]],
    dump: (host) => ["pg_dump", "--format=custom", `--host=${host}`, "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "--file=/backups/$(BERTH_RUN).partial"],
    restore: (host) => ["pg_restore", "--clean", "--if-exists", "--no-owner", `--host=${host}`, "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "/backups/$(FILE)"],
  },
  mysql: mysqlLike("mysqldump", "mysql"),
  mariadb: mysqlLike("mariadb-dump", "mariadb"),
  redis: redisLike("redis-cli"),
  valkey: redisLike("valkey-cli"),
  mongodb: {
    ext: "archive.gz",
    tool: "mongodump",
    env: [["DB_USER", "username"], ["DB_PASSWORD", "password"]],
    dump: (host) => ["mongodump", `--host=${host}`, "--username=$(DB_USER)", "--password=$(DB_PASSWORD)", "--authenticationDatabase=admin", "--gzip", "--archive=/backups/$(BERTH_RUN).partial"],
    restore: (host) => ["mongorestore", `--host=${host}`, "--username=$(DB_USER)", "--password=$(DB_PASSWORD)", "--authenticationDatabase=admin", "--drop", "--gzip", "--archive=/backups/$(FILE)"],
  },
};

/** The backup Job's and restore Job's env var naming the run (downward API) or the file to restore. */
export const RUN_ENV: EnvVar = { name: "BERTH_RUN", valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } };

export interface DatabaseForBackup {
  name: string;
  engine: DatabaseEngine;
  /** The image the database runs: its tools match its server. */
  image: string;
}

/** A database's backup: the engine's dump tool against its Service, as the database's own user. */
export function databaseSubject(project: string, db: DatabaseForBackup): BackupSubject {
  const engine = ENGINE_BACKUPS[db.engine];
  const secret = credentialsSecretName(db.name);
  const env = engine.env.map(([name, key]) => fromSecret(secret, name, key));
  const host = db.name;
  const restore: RestorePlan = engine.restore
    ? { kind: "tool", container: { name: "restore", image: db.image, command: engine.restore(host), env } }
    : { kind: "volume", claim: dataClaimName(db.name), script: RESTORE_RDB_SCRIPT, workload: { kind: "StatefulSet", name: db.name } };
  return {
    project,
    target: { kind: "database", name: db.name },
    displayName: db.name,
    dir: `database-${db.name}`,
    stem: db.name,
    ext: engine.ext,
    cronJobName: `${db.name}-backup`,
    dump: { name: "dump", image: db.image, command: engine.dump(host), env },
    dumpTool: engine.tool,
    volumes: [],
    restore,
  };
}

/**
 * One volume of an app, archived with tar from a busybox pod that mounts the claim read-only on
 * the app's node. Not crash-consistent: the app keeps writing meanwhile.
 */
export function volumeSubject(project: string, app: string, volume: string, appPodLabels: Record<string, string>): BackupSubject {
  const claim = pvcName(app, volume);
  const stem = boundedName(`${app}-${volume}`);
  return {
    project,
    target: { kind: "volume", app, volume },
    displayName: volume,
    dir: boundedName(`volume-${app}-${volume}`),
    stem,
    ext: "tar.gz",
    cronJobName: boundedName(`${app}-${volume}-backup`, CRONJOB_NAME_MAX),
    dump: {
      name: "dump",
      image: BUSYBOX_IMAGE,
      command: ["tar", "-czf", "/backups/$(BERTH_RUN).partial", "-C", "/volume", "."],
      volumeMounts: [{ name: "target", mountPath: "/volume", readOnly: true }],
    },
    dumpTool: "tar",
    volumes: [{ name: "target", persistentVolumeClaim: { claimName: claim, readOnly: true } }],
    colocateWith: appPodLabels,
    restore: { kind: "volume", claim, script: RESTORE_VOLUME_SCRIPT, workload: { kind: "Deployment", name: app } },
  };
}

/** The sentence GET shows for an app volume's backups. */
export const VOLUME_CONSISTENCY = "The app keeps running while its volume is archived: files it writes meanwhile may be caught half-written.";
