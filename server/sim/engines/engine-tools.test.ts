/**
 * The dump and restore tools of the MySQL, MariaDB and MongoDB images against running sim
 * servers, argv as Berth's backup Jobs run them (after the kubelet's $(VAR) expansion): real
 * headers, a restore bringing the data directory back, and each tool's own errors.
 */
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { containerEnv } from "@/server/sim/controllers/container-env";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { containerFs, containerSpecOf } from "@/server/sim/fs/pod-mounts";
import { runArgv } from "@/server/sim/streams/exec-commands";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

async function server(image: string, env: Obj[], dataPath: string) {
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10 });
  const make = (resource: (typeof R)[keyof typeof R], obj: Obj) => store.create(resource, applyDefaults(obj as KubeObject));
  make(R.services, { apiVersion: "v1", kind: "Service", metadata: { name: "db", namespace: "default" }, spec: { clusterIP: "10.43.0.70", selector: { app: "db" }, ports: [{ port: 1 }] } });
  make(R.statefulsets, {
    apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db", namespace: "default" },
    spec: { replicas: 1, serviceName: "db", selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image, env, volumeMounts: [{ name: "data", mountPath: dataPath }] }] } }, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }] },
  });
  make(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "c", image, command: ["sleep", "3600"], volumeMounts: [{ name: "b", mountPath: "/backups" }] }], volumes: [{ name: "b", emptyDir: {} }] } });
  await waitFor(() => (store.get(R.statefulsets, "default", "db") as Obj | undefined)?.status?.readyReplicas === 1 && (store.get(R.pods, "default", "client")?.status as Obj | undefined)?.phase === "Running", 8000, "db and client running");
  const exec = (pod: string, argv: string[], env: Record<string, string> = {}) => {
    const p = store.get(R.pods, "default", pod)!;
    const spec = containerSpecOf(p, (p.spec as Obj).containers[0].name)!;
    return runArgv(argv, { env: { ...containerEnv(store, p, spec), ...env }, cwd: "/", hostname: pod, shell: "sh", hasBash: true, size: undefined, image, fs: containerFs(store, p, spec), store, namespace: "default" });
  };
  return { store, exec, file: (path: string) => readFile(store, path) };
}

function readFile(store: SimStore, path: string): Buffer {
  const p = store.get(R.pods, "default", "client")!;
  return containerFs(store, p, containerSpecOf(p, "c")!).readFile(path);
}

describe("database dump and restore tools", () => {
  it("mariadb-dump writes a MariaDB dump that mariadb --execute='source F' loads back, and both refuse bad credentials in MariaDB's words", async () => {
    const env = [{ name: "MARIADB_ROOT_PASSWORD", value: "rootpw" }, { name: "MARIADB_USER", value: "app" }, { name: "MARIADB_PASSWORD", value: "pw" }, { name: "MARIADB_DATABASE", value: "shop" }];
    const { exec, file } = await server("mariadb:11.4.4", env, "/var/lib/mysql");
    exec("db-0", ["sh", "-c", "mkdir -p /var/lib/mysql/shop && echo 'order 1' > /var/lib/mysql/shop/orders.ibd"]);
    const dump = exec("client", ["mariadb-dump", "--single-transaction", "--routines", "--host=db", "--user=app", "--result-file=/backups/run.partial", "shop"], { MYSQL_PWD: "pw" });
    expect(dump).toMatchObject({ code: 0, stderr: "" });
    expect(file("/backups/run.partial").toString()).toMatch(/^-- MariaDB dump 10\.19-11\.4\.4-MariaDB, for debian-linux-gnu \(x86_64\)\n/);

    exec("db-0", ["sh", "-c", "echo 'order 2' > /var/lib/mysql/shop/orders.ibd"]);
    expect(exec("client", ["mariadb", "--host=db", "--user=app", "shop", "--execute=source /backups/run.partial"], { MYSQL_PWD: "pw" })).toMatchObject({ code: 0, stderr: "" });
    expect(exec("db-0", ["cat", "/var/lib/mysql/shop/orders.ibd"]).stdout).toBe("order 1\n");

    const clientIp = "10.42.0.";
    expect(exec("client", ["mariadb-dump", "--host=db", "--user=app", "shop"], { MYSQL_PWD: "no" }).stderr).toMatch(new RegExp(`^mariadb-dump: Got error: 1045: "Access denied for user 'app'@'${clientIp.replace(/\./g, "\\.")}\\d+' \\(using password: YES\\)" when trying to connect\\n$`));
    expect(exec("client", ["mariadb-dump", "--host=nowhere", "--user=app", "shop"], { MYSQL_PWD: "pw" })).toMatchObject({ code: 2, stderr: `mariadb-dump: Got error: 2005: "Unknown server host 'nowhere' (-2)" when trying to connect\n` });
    exec("client", ["sh", "-c", "echo 'not sql' > /backups/junk"]);
    expect(exec("client", ["mariadb", "--host=db", "--user=app", "shop", "--execute=source /backups/junk"], { MYSQL_PWD: "pw" }).stderr).toBe("ERROR 1064 (42000) at line 1 in file: '/backups/junk': You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'not sql' at line 1\n");
  });

  it("mysqldump writes a MySQL dump, and refuses an unknown database", async () => {
    const env = [{ name: "MYSQL_ROOT_PASSWORD", value: "rootpw" }, { name: "MYSQL_USER", value: "app" }, { name: "MYSQL_PASSWORD", value: "pw" }, { name: "MYSQL_DATABASE", value: "shop" }];
    const { exec } = await server("mysql:8.4.3", env, "/var/lib/mysql");
    const dump = exec("client", ["mysqldump", "--host=db", "--user=app", "shop"], { MYSQL_PWD: "pw" });
    expect(dump.stdout).toMatch(/^-- MySQL dump 10\.13 {2}Distrib 8\.4\.3, for Linux \(x86_64\)\n/);
    expect(exec("client", ["mysqldump", "--host=db", "--user=root", "other"], { MYSQL_PWD: "rootpw" }).stderr).toBe("mysqldump: Got error: 1049: Unknown database 'other' when selecting the database\n");
  });

  it("mongodump --gzip --archive writes a gzip'd mongodump archive that mongorestore --drop loads back; a wrong password and a non-archive fail", async () => {
    const env = [{ name: "MONGO_INITDB_ROOT_USERNAME", value: "root" }, { name: "MONGO_INITDB_ROOT_PASSWORD", value: "pw" }];
    const { exec, file } = await server("mongo:7.0.15", env, "/data/db");
    exec("db-0", ["sh", "-c", "echo 'doc 1' > /data/db/collection-0.wt"]);
    const auth = ["--username=root", "--password=pw", "--authenticationDatabase=admin"];
    const dump = exec("client", ["mongodump", "--host=db", ...auth, "--gzip", "--archive=/backups/run.partial"]);
    expect(dump.code).toBe(0);
    expect(dump.stderr).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000\twriting admin\.system\.version to archive '\/backups\/run\.partial'\n/);
    expect(gunzipSync(file("/backups/run.partial")).subarray(0, 4)).toEqual(Buffer.from([0x6d, 0xe2, 0x99, 0x81]));

    exec("db-0", ["sh", "-c", "echo 'doc 2' > /data/db/collection-0.wt"]);
    expect(exec("client", ["mongorestore", "--host=db", ...auth, "--drop", "--gzip", "--archive=/backups/run.partial"]).code).toBe(0);
    expect(exec("db-0", ["cat", "/data/db/collection-0.wt"]).stdout).toBe("doc 1\n");

    expect(exec("client", ["mongodump", "--host=db", "--username=root", "--password=bad", "--gzip", "--archive=/backups/x"]).stderr).toContain("(AuthenticationFailed) Authentication failed.");
    exec("client", ["sh", "-c", "echo plain > /backups/plain"]);
    expect(exec("client", ["mongorestore", "--host=db", ...auth, "--gzip", "--archive=/backups/plain"]).stderr).toMatch(/\tFailed: gzip: invalid header\n$/);
  });

  it("pg_restore refuses a file that is no custom-format archive in its own words", async () => {
    const env = [{ name: "POSTGRES_USER", value: "app" }, { name: "POSTGRES_PASSWORD", value: "pw" }];
    const { exec } = await server("postgres:16.6", env, "/var/lib/postgresql/data");
    exec("client", ["sh", "-c", "echo garbage > /backups/x.dump"]);
    expect(exec("client", ["pg_restore", "--host=db", "--username=app", "--dbname=app", "/backups/x.dump"], { PGPASSWORD: "pw" })).toMatchObject({ code: 1, stderr: "pg_restore: error: input file does not appear to be a valid archive\n" });
    expect(exec("client", ["pg_dump", "--host=nowhere", "--username=app", "--dbname=app"], { PGPASSWORD: "pw" }).stderr).toBe('pg_dump: error: could not translate host name "nowhere" to address: Name or service not known\n');
  });
});
