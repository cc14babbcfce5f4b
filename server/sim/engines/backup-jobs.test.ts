/**
 * The backup contract's pods (/tmp/prompts/backup-design.md, as Berth's backup engine renders
 * them) run on the simulated cluster: a dump init container reaching a running database by its
 * Service, the busybox FINISH script naming, pruning and listing files in the termination
 * message, restores putting the old state back, and a volume's tar round trip.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController, SimStore } from "@/server/sim/contract";
import { containerEnv } from "@/server/sim/controllers/container-env";
import { recordedOutput } from "@/server/sim/controllers/container-process";
import { R } from "@/server/sim/controllers/resources";
import { simClock } from "@/server/sim/controllers/sim-clock";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { containerFs, containerSpecOf } from "@/server/sim/fs/pod-mounts";
import { runArgv } from "@/server/sim/streams/exec-commands";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => {
  ctl?.stop();
  simClock.reset();
});

const FINISH = `set -eu
cd /backups
final="$NAME-$(date -u +%Y%m%dT%H%M%SZ).$EXT"
mv -- "$BERTH_RUN.partial" "$final"
rm -f -- *.partial
ls -1t -- *."$EXT" | tail -n +"$PRUNE_FROM" | xargs -r rm -f --
stat -c '%n %s %Y' -- *."$EXT" > /dev/termination-log
`;
const RESTORE_VOLUME = 'set -eu; cd /volume; rm -rf -- * .[!.]* ; tar -xzf "/backups/$FILE" -C /volume';

const fromSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: "pg-credentials", key } } });
const BERTH_RUN = { name: "BERTH_RUN", valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } };

function cluster() {
  const store = createTestStore();
  ctl = startControllers(store, { tickMs: 10, secondMs: 20 });
  const create = (resource: (typeof R)[keyof typeof R], obj: Obj) => store.create(resource, applyDefaults({ metadata: { namespace: "default" }, ...obj } as KubeObject));
  create(R.pvcs, { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "berth-backups", namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } });
  return { store, create };
}

/** `kubectl exec` as the API server would run it: the container's env, files and cluster. */
function exec(store: SimStore, podName: string, container: string, argv: string[]) {
  const pod = store.get(R.pods, "default", podName)!;
  const spec = containerSpecOf(pod, container)!;
  return runArgv(argv, { env: containerEnv(store, pod, spec), cwd: "/", hostname: podName, shell: "sh", hasBash: true, size: undefined, image: spec.image, fs: containerFs(store, pod, spec), store, namespace: "default" });
}

function postgres(store: SimStore, create: ReturnType<typeof cluster>["create"], password = "s3cret") {
  create({ group: "", version: "v1", plural: "secrets" }, { apiVersion: "v1", kind: "Secret", metadata: { name: "pg-credentials", namespace: "default" }, stringData: {}, data: { username: b64("app"), password: b64(password), database: b64("appdb") } });
  create(R.services, { apiVersion: "v1", kind: "Service", metadata: { name: "pg", namespace: "default" }, spec: { clusterIP: "10.43.0.50", selector: { app: "pg" }, ports: [{ port: 5432 }] } });
  create(R.statefulsets, {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "pg", namespace: "default" },
    spec: {
      replicas: 1,
      serviceName: "pg",
      selector: { matchLabels: { app: "pg" } },
      template: {
        metadata: { labels: { app: "pg" } },
        spec: {
          securityContext: { fsGroup: 999 },
          containers: [{
            name: "postgres",
            image: "postgres:16.6",
            env: [fromSecret("POSTGRES_USER", "username"), fromSecret("POSTGRES_PASSWORD", "password"), fromSecret("POSTGRES_DB", "database"), { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" }],
            readinessProbe: { exec: { command: ["sh", "-c", 'exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'] } },
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
          }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    },
  });
  return waitFor(() => (store.get(R.statefulsets, "default", "pg") as Obj | undefined)?.status?.readyReplicas === 1, 8000, "pg ready");
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A run-once Job (backoffLimit 0, restartPolicy Never) with the backup volume and `extraVolumes`. */
function job(create: ReturnType<typeof cluster>["create"], name: string, extraVolumes: Obj[], containers: Obj) {
  return create(R.jobs, {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: "Never", volumes: [{ name: "backups", persistentVolumeClaim: { claimName: "berth-backups" } }, ...extraVolumes], ...containers } } },
  });
}

/** A backup Job exactly as the contract describes its pod. */
function backupJob(create: ReturnType<typeof cluster>["create"], name: string, target: { name: string; ext: string; dir: string; keep: number; dump: Obj }, extraVolumes: Obj[] = []) {
  return job(create, name, extraVolumes, {
    initContainers: [{ name: "dump", ...target.dump, volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: target.dir }, ...(target.dump.volumeMounts ?? [])] }],
    containers: [{
      name: "finish",
      image: "busybox:1.36",
      command: ["sh", "-c", FINISH],
      env: [BERTH_RUN, { name: "NAME", value: target.name }, { name: "EXT", value: target.ext }, { name: "PRUNE_FROM", value: String(target.keep + 1) }],
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: target.dir }],
    }],
  });
}

/** A restore Job: the target's backup directory read-only at /backups, FILE the file to restore. */
function restoreJob(create: ReturnType<typeof cluster>["create"], name: string, dir: string, file: string, container: Obj, extraVolumes: Obj[] = []) {
  return job(create, name, extraVolumes, {
    containers: [{ name: "restore", ...container, env: [{ name: "FILE", value: file }, ...(container.env ?? [])], volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: dir, readOnly: true }, ...(container.volumeMounts ?? [])] }],
  });
}

const PG_DUMP = {
  image: "postgres:16.6",
  command: ["pg_dump", "--format=custom", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "--file=/backups/$(BERTH_RUN).partial"],
  env: [BERTH_RUN, fromSecret("PGUSER", "username"), fromSecret("PGDATABASE", "database"), fromSecret("PGPASSWORD", "password")],
};

function finished(store: SimStore, name: string) {
  return waitFor(() => {
    const j = store.get(R.jobs, "default", name) as Obj | undefined;
    return j?.status?.conditions?.some((c: Obj) => ["Complete", "Failed"].includes(c.type)) && j;
  }, 8000, `${name} finished`);
}

const podOf = (store: SimStore, job: string) => store.list(R.pods, "default").find((p) => p.metadata.labels?.["job-name"] === job) as Obj;
const conditionOf = (job: Obj) => job.status.conditions.map((c: Obj) => c.type).at(-1);

describe("backups on the simulated cluster", () => {
  it("dumps a running postgres through its Service, names, prunes and lists the files in the finish container's termination message, and restores the old row", async () => {
    const { store, create } = cluster();
    await postgres(store, create);
    expect(exec(store, "pg-0", "postgres", ["sh", "-c", 'mkdir -p "$PGDATA" && echo "1 alice" > "$PGDATA/row"']).code).toBe(0);

    simClock.set(new Date("2026-03-01T02:00:00Z"));
    const target = { name: "pg", ext: "dump", dir: "database-pg", keep: 2, dump: PG_DUMP };
    for (const [i, run] of ["pg-backup-1", "pg-backup-2", "pg-backup-3"].entries()) {
      if (i > 0) simClock.advance(3_600_000);
      backupJob(create, run, target);
      expect(conditionOf(await finished(store, run))).toBe("Complete");
    }
    const pod = podOf(store, "pg-backup-3");
    expect(pod.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    const message: string = pod.status.containerStatuses[0].state.terminated.message;
    const lines = message.trim().split("\n").map((l) => l.split(" "));
    // Two kept of three (keep 2), oldest first as the glob sorts them; the clock also runs on by wall time.
    expect(lines.map((l) => l[0])).toEqual([expect.stringMatching(/^pg-20260301T0300\d\dZ\.dump$/), expect.stringMatching(/^pg-20260301T0400\d\dZ\.dump$/)]);
    for (const [name, , mtime] of lines) {
      const [, y, mo, d, h, mi, sec] = /(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(name)!;
      expect(Math.abs(Number(mtime) - Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec) / 1000)).toBeLessThanOrEqual(2);
    }
    const [older, newer] = lines.map((l) => l[0]);

    // The reader pod's view: the files in the target's directory, a custom-format dump each.
    create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "reader", namespace: "default" }, spec: { containers: [{ name: "reader", image: "busybox:1.36", command: ["sleep", "3600"], volumeMounts: [{ name: "b", mountPath: "/backups", readOnly: true }] }], volumes: [{ name: "b", persistentVolumeClaim: { claimName: "berth-backups" } }] } });
    await waitFor(() => (store.get(R.pods, "default", "reader")?.status as Obj | undefined)?.phase === "Running", 5000, "reader running");
    expect(exec(store, "reader", "reader", ["ls", "/backups/database-pg"]).stdout).toBe(`${older}\n${newer}\n`);
    const dump = exec(store, "reader", "reader", ["cat", "--", `/backups/database-pg/${newer}`]);
    expect(Buffer.concat(dump.chunks!.map((c) => c.data)).subarray(0, 5).toString()).toBe("PGDMP");
    expect(String(lines[1][1])).toBe(String(dump.chunks!.reduce((n, c) => n + c.data.length, 0)));
    expect(exec(store, "reader", "reader", ["sh", "-c", "echo x > /backups/x"]).stderr).toBe("sh: can't create /backups/x: Read-only file system\n");

    exec(store, "pg-0", "postgres", ["sh", "-c", 'echo "1 bob" > "$PGDATA/row"']);
    restoreJob(create, "pg-restore-abcde", "database-pg", older, {
      image: "postgres:16.6",
      command: ["pg_restore", "--clean", "--if-exists", "--no-owner", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "/backups/$(FILE)"],
      env: [fromSecret("PGUSER", "username"), fromSecret("PGDATABASE", "database"), fromSecret("PGPASSWORD", "password")],
    });
    expect(conditionOf(await finished(store, "pg-restore-abcde"))).toBe("Complete");
    expect(exec(store, "pg-0", "postgres", ["sh", "-c", 'cat "$PGDATA/row"']).stdout).toBe("1 alice\n");
  });

  it("fails the run in the dump container with libpq's words when the password is wrong or the database is down, and never starts finish", async () => {
    const { store, create } = cluster();
    await postgres(store, create);
    const wrong = { ...PG_DUMP, env: [BERTH_RUN, fromSecret("PGUSER", "username"), fromSecret("PGDATABASE", "database"), { name: "PGPASSWORD", value: "nope" }] };
    backupJob(create, "pg-backup-bad", { name: "pg", ext: "dump", dir: "database-pg", keep: 3, dump: wrong });
    expect(conditionOf(await finished(store, "pg-backup-bad"))).toBe("Failed");
    const pod = podOf(store, "pg-backup-bad");
    expect(pod.status.phase).toBe("Failed");
    const dump = pod.status.initContainerStatuses[0];
    expect(dump.state.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(recordedOutput(store, dump.containerID)?.toString()).toBe('pg_dump: error: connection to server at "pg" (10.43.0.50), port 5432 failed: FATAL:  password authentication failed for user "app"\n');
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe("PodInitializing");

    store.delete(R.statefulsets, "default", "pg");
    await waitFor(() => !store.get(R.pods, "default", "pg-0"), 5000, "pg gone");
    backupJob(create, "pg-backup-down", { name: "pg", ext: "dump", dir: "database-pg", keep: 3, dump: PG_DUMP });
    await finished(store, "pg-backup-down");
    const down = podOf(store, "pg-backup-down").status.initContainerStatuses[0];
    expect(recordedOutput(store, down.containerID)?.toString()).toBe('pg_dump: error: connection to server at "pg" (10.43.0.50), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n');
  });

  it("takes a redis snapshot with redis-cli --rdb and REDISCLI_AUTH against the server's --requirepass; a copied dump.rdb comes back only without AOF, as on Redis 7", async () => {
    const { store, create } = cluster();
    create({ group: "", version: "v1", plural: "secrets" }, { apiVersion: "v1", kind: "Secret", metadata: { name: "cache-credentials", namespace: "default" }, data: { password: b64("pw") } });
    const password = { name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "cache-credentials", key: "password" } } };
    const redis = (name: string, appendonly: string) => {
      create(R.services, { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec: { clusterIP: name === "cache" ? "10.43.0.60" : "10.43.0.61", selector: { app: name }, ports: [{ port: 6379 }] } });
      create(R.statefulsets, {
        apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name, namespace: "default" },
        spec: { replicas: 1, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "redis", image: "redis:7.4.1", args: ["redis-server", "--appendonly", appendonly, "--requirepass", "$(REDIS_PASSWORD)"], env: [password], volumeMounts: [{ name: "data", mountPath: "/data" }] }] } }, volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }] },
      });
    };
    const replicas = (name: string, n: number) => waitFor(() => ((store.get(R.statefulsets, "default", name) as Obj | undefined)?.status?.readyReplicas ?? 0) === n && store.list(R.pods, "default").filter((p) => p.metadata.labels?.app === name).length === n, 8000, `${name} at ${n}`);
    const scale = (name: string, n: number) => {
      const sts = store.get(R.statefulsets, "default", name) as Obj;
      sts.spec.replicas = n;
      store.update(R.statefulsets, sts as KubeObject);
      return replicas(name, n);
    };
    const rdb = (db: string, run: string, auth: string) => backupJob(create, run, { name: db, ext: "rdb", dir: `database-${db}`, keep: 3, dump: { image: "redis:7.4.1", command: ["redis-cli", "-h", db, "--rdb", "/backups/$(BERTH_RUN).partial"], env: [BERTH_RUN, { name: "REDISCLI_AUTH", value: auth }] } });
    const restore = async (db: string, file: string) => {
      await scale(db, 0);
      restoreJob(create, `${db}-restore-q1w2e`, `database-${db}`, file, { image: "busybox:1.36", command: ["sh", "-c", 'set -eu; cp -- "/backups/$FILE" /volume/dump.rdb'], volumeMounts: [{ name: "volume", mountPath: "/volume" }] }, [{ name: "volume", persistentVolumeClaim: { claimName: `data-${db}-0` } }]);
      expect(conditionOf(await finished(store, `${db}-restore-q1w2e`))).toBe("Complete");
      await scale(db, 1);
    };

    redis("cache", "yes");
    await replicas("cache", 1);
    exec(store, "cache-0", "redis", ["sh", "-c", "echo 'k=old' > /data/keys"]);
    rdb("cache", "cache-backup-1", "pw");
    expect(conditionOf(await finished(store, "cache-backup-1"))).toBe("Complete");
    const pod = podOf(store, "cache-backup-1");
    const [file, size] = pod.status.containerStatuses[0].state.terminated.message.split(" ");
    expect(file).toMatch(/^cache-\d{8}T\d{6}Z\.rdb$/);
    expect(recordedOutput(store, pod.status.initContainerStatuses[0].containerID)?.toString()).toBe(`sending REPLCONF capa eof\nsending REPLCONF rdb-only 1\nSYNC sent to master, writing ${size} bytes to '/backups/cache-backup-1.partial'\nTransfer finished with success.\n`);
    const bytes = containerFs(store, pod as KubeObject, containerSpecOf(pod as KubeObject, "finish")!).readFile(`/backups/${file}`);
    expect(bytes.subarray(0, 9).toString()).toBe("REDIS0011");

    rdb("cache", "cache-backup-2", "wrong");
    expect(conditionOf(await finished(store, "cache-backup-2"))).toBe("Failed");
    expect(recordedOutput(store, podOf(store, "cache-backup-2").status.initContainerStatuses[0].containerID)?.toString()).toBe("AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\nsending REPLCONF capa eof\nMASTER aborted replication with an error: NOAUTH Authentication required.\n");

    // With AOF on, the server loads appendonlydir at start and ignores the copied dump.rdb.
    exec(store, "cache-0", "redis", ["sh", "-c", "echo 'k=new' > /data/keys"]);
    await restore("cache", file);
    expect(exec(store, "cache-0", "redis", ["cat", "/data/keys"]).stdout).toBe("k=new\n");

    // Without AOF the server loads dump.rdb, so the same copy brings the old data back.
    redis("plain", "no");
    await replicas("plain", 1);
    exec(store, "plain-0", "redis", ["sh", "-c", "echo 'k=old' > /data/keys"]);
    rdb("plain", "plain-backup-1", "pw");
    await finished(store, "plain-backup-1");
    const plainFile = podOf(store, "plain-backup-1").status.containerStatuses[0].state.terminated.message.split(" ")[0];
    exec(store, "plain-0", "redis", ["sh", "-c", "echo 'k=new' > /data/keys"]);
    await restore("plain", plainFile);
    expect(exec(store, "plain-0", "redis", ["cat", "/data/keys"]).stdout).toBe("k=old\n");
  });

  it("archives an app volume read-only with busybox tar and restores it with the RESTORE script, a claim's files outliving its pods", async () => {
    const { store, create } = cluster();
    create(R.pvcs, { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "uploads", namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
    const appPod = (name: string) => create(R.pods, { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [{ name: "app", image: "nginx:1.27", volumeMounts: [{ name: "u", mountPath: "/srv/uploads" }, { name: "u", mountPath: "/srv/avatars", subPath: "avatars" }] }], volumes: [{ name: "u", persistentVolumeClaim: { claimName: "uploads" } }] } });
    appPod("web-1");
    await waitFor(() => (store.get(R.pods, "default", "web-1")?.status as Obj | undefined)?.phase === "Running", 5000, "web-1 running");
    // The kubelet created the subPath directory; a file through it lands in the volume.
    exec(store, "web-1", "app", ["sh", "-c", "echo photo > /srv/uploads/a.jpg; echo me > /srv/avatars/me.png; echo dot > /srv/uploads/.keep"]);
    expect(exec(store, "web-1", "app", ["ls", "-a", "/srv/uploads"]).stdout).toBe(".keep\na.jpg\navatars\n");

    const volume = [{ name: "volume", persistentVolumeClaim: { claimName: "uploads", readOnly: true } }];
    backupJob(create, "web-uploads-backup-1", { name: "web-uploads", ext: "tar.gz", dir: "volume-web-uploads", keep: 3, dump: { image: "busybox:1.36", command: ["tar", "-czf", "/backups/$(BERTH_RUN).partial", "-C", "/volume", "."], env: [BERTH_RUN], volumeMounts: [{ name: "volume", mountPath: "/volume", readOnly: true }] } }, volume);
    expect(conditionOf(await finished(store, "web-uploads-backup-1"))).toBe("Complete");
    const file = podOf(store, "web-uploads-backup-1").status.containerStatuses[0].state.terminated.message.split(" ")[0];

    store.delete(R.pods, "default", "web-1");
    await waitFor(() => !store.get(R.pods, "default", "web-1"), 5000, "web-1 gone");
    appPod("web-2");
    await waitFor(() => (store.get(R.pods, "default", "web-2")?.status as Obj | undefined)?.phase === "Running", 5000, "web-2 running");
    expect(exec(store, "web-2", "app", ["cat", "/srv/avatars/me.png"]).stdout).toBe("me\n");
    exec(store, "web-2", "app", ["sh", "-c", "rm /srv/uploads/a.jpg; echo junk > /srv/uploads/new.txt"]);

    restoreJob(create, "web-uploads-restore-x1y2z", "volume-web-uploads", file, { image: "busybox:1.36", command: ["sh", "-c", RESTORE_VOLUME], volumeMounts: [{ name: "volume", mountPath: "/volume" }] }, [{ name: "volume", persistentVolumeClaim: { claimName: "uploads" } }]);
    expect(conditionOf(await finished(store, "web-uploads-restore-x1y2z"))).toBe("Complete");
    expect(exec(store, "web-2", "app", ["sh", "-c", "ls -a /srv/uploads; cat /srv/uploads/a.jpg"]).stdout).toBe(".keep\na.jpg\navatars\nphoto\n");
  });
});
