import { describe, expect, it } from "vitest";
import { Pod } from "kubernetes-models/v1/Pod";
import { databaseSubject, volumeSubject } from "@/server/engine/backups/backup-subject";
import { FINISH_SCRIPT, RESTORE_RDB_SCRIPT, RESTORE_VOLUME_SCRIPT } from "@/server/engine/backups/backup-scripts";
import { renderBackupClaim, renderBackupCronJob, renderReaderPod, renderRestoreJob } from "@/server/engine/backups/render-backup";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const PG = databaseSubject("shop", { name: "pg", engine: "postgresql", image: "postgres:17.2" });
const DAILY = { schedule: "0 3 * * *", timeZone: "UTC", keep: 7 };
const secretEnv = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: "pg-credentials", key } } });
const RUN_ENV = { name: "BERTH_RUN", valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } };

describe("backup rendering", () => {
  it("renders the project's backup volume: RWO, 10Gi, the cluster's default class, no app or database label", () => {
    const claim = renderBackupClaim("shop");
    expectValidKubeObject(claim);
    expect(claim).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "berth-backups", namespace: "shop", labels: { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": "shop", "berth.dev/project": "shop" } },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
    });
  });

  it("renders a PostgreSQL backup CronJob: pg_dump as an argv init container, then the constant finish script", () => {
    const cronJob = renderBackupCronJob(PG, DAILY, 7);
    expectValidKubeObject(cronJob);
    expect(cronJob.metadata).toMatchObject({ name: "pg-backup", namespace: "shop", labels: { "berth.dev/backup-of": "database-pg" } });
    expect(cronJob.metadata!.labels).not.toHaveProperty("berth.dev/database");
    expect(cronJob.spec).toMatchObject({ schedule: "0 3 * * *", timeZone: "UTC", suspend: false, concurrencyPolicy: "Forbid", successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3 });
    const job = cronJob.spec!.jobTemplate.spec!;
    expect(job.backoffLimit).toBe(0);
    expect(job.template.metadata!.labels).toEqual(cronJob.metadata!.labels);
    expect(job.template.spec).toEqual({
      restartPolicy: "Never",
      initContainers: [
        {
          name: "dump",
          image: "postgres:17.2",
          command: ["pg_dump", "--format=custom", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "--file=/backups/$(BERTH_RUN).partial"],
          env: [RUN_ENV, secretEnv("PGUSER", "username"), secretEnv("PGDATABASE", "database"), secretEnv("PGPASSWORD", "password")],
          volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: "database-pg" }],
        },
      ],
      containers: [
        {
          name: "finish",
          image: "busybox:1.36",
          command: ["sh", "-c", FINISH_SCRIPT],
          env: [RUN_ENV, { name: "NAME", value: "pg" }, { name: "EXT", value: "dump" }, { name: "PRUNE_FROM", value: "8" }],
          volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: "database-pg" }],
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      volumes: [{ name: "backups", persistentVolumeClaim: { claimName: "berth-backups" } }],
    });
  });

  it("keeps every user value out of the finish script: it is one constant string", () => {
    const other = renderBackupCronJob(databaseSubject("x", { name: "evil", engine: "mysql", image: "mysql:8.4.3" }), { schedule: "@daily", timeZone: "Europe/Berlin", keep: 100 }, 100);
    expect(other.spec!.jobTemplate.spec!.template.spec!.containers[0]!.command).toEqual(["sh", "-c", FINISH_SCRIPT]);
    expect(FINISH_SCRIPT).not.toMatch(/evil|Berlin|100/);
  });

  it("renders each engine's dump as the design says", () => {
    const dumpOf = (engine: "mysql" | "mariadb" | "redis" | "valkey" | "mongodb") => {
      const cronJob = renderBackupCronJob(databaseSubject("shop", { name: "db", engine, image: "img:1" }), DAILY, 7);
      expectValidKubeObject(cronJob);
      const dump = cronJob.spec!.jobTemplate.spec!.template.spec!.initContainers![0]!;
      return { command: dump.command, env: dump.env!.map((e) => `${e.name}=${e.valueFrom?.secretKeyRef?.key ?? "run"}`) };
    };
    expect(dumpOf("mysql")).toEqual({
      command: ["mysqldump", "--single-transaction", "--routines", "--host=db", "--user=$(DB_USER)", "--result-file=/backups/$(BERTH_RUN).partial", "$(DB_NAME)"],
      env: ["BERTH_RUN=run", "DB_USER=username", "DB_NAME=database", "MYSQL_PWD=password"],
    });
    expect(dumpOf("mariadb").command![0]).toBe("mariadb-dump");
    expect(dumpOf("redis")).toEqual({ command: ["redis-cli", "-h", "db", "--rdb", "/backups/$(BERTH_RUN).partial"], env: ["BERTH_RUN=run", "REDISCLI_AUTH=password"] });
    expect(dumpOf("valkey").command![0]).toBe("valkey-cli");
    expect(dumpOf("mongodb")).toEqual({
      command: ["mongodump", "--host=db", "--username=$(DB_USER)", "--password=$(DB_PASSWORD)", "--authenticationDatabase=admin", "--gzip", "--archive=/backups/$(BERTH_RUN).partial"],
      env: ["BERTH_RUN=run", "DB_USER=username", "DB_PASSWORD=password"],
    });
  });

  it("renders an app volume's backup: tar from busybox, the claim read-only, on the app's node", () => {
    const subject = volumeSubject("shop", "web", "data", { "berth.dev/project": "shop", "berth.dev/app": "web" });
    const cronJob = renderBackupCronJob(subject, DAILY, 3);
    expectValidKubeObject(cronJob);
    expect(cronJob.metadata!.name).toBe("web-data-backup");
    expect(cronJob.metadata!.labels).not.toHaveProperty("berth.dev/app");
    const pod = cronJob.spec!.jobTemplate.spec!.template.spec!;
    expect(pod.initContainers![0]).toMatchObject({
      image: "busybox:1.36",
      command: ["tar", "-czf", "/backups/$(BERTH_RUN).partial", "-C", "/volume", "."],
      volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: "volume-web-data" }, { name: "target", mountPath: "/volume", readOnly: true }],
    });
    expect(pod.containers[0]!.env).toContainEqual({ name: "EXT", value: "tar.gz" });
    expect(pod.containers[0]!.env).toContainEqual({ name: "NAME", value: "web-data" });
    expect(pod.volumes).toContainEqual({ name: "target", persistentVolumeClaim: { claimName: "web-data", readOnly: true } });
    expect(pod.affinity).toEqual({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { "berth.dev/project": "shop", "berth.dev/app": "web" } }, topologyKey: "kubernetes.io/hostname" }] },
    });
  });

  it("renders a suspended CronJob when there is no schedule: only Back up now instantiates it", () => {
    const cronJob = renderBackupCronJob(PG, null, 7);
    expectValidKubeObject(cronJob);
    expect(cronJob.spec).toMatchObject({ suspend: true });
  });

  it("keeps a long app volume's CronJob within the 52 characters the API allows", () => {
    const subject = volumeSubject("shop", "a".repeat(30), "v".repeat(40), {});
    expect(subject.cronJobName.length).toBeLessThanOrEqual(52);
    expectValidKubeObject(renderBackupCronJob(subject, DAILY, 7));
    expectValidKubeObject(renderRestoreJob(subject, "x-20261201T030000Z.tar.gz", "abcde"));
  });

  it("renders the reader pod: busybox sleeping an hour at most, the volume read-only", () => {
    const pod = renderReaderPod("shop");
    new Pod(pod as never).validate();
    expect(pod).toMatchObject({
      metadata: { name: "berth-backups-reader", labels: { "berth.dev/backups-reader": "true" } },
      spec: {
        activeDeadlineSeconds: 3600,
        containers: [{ image: "busybox:1.36", command: ["sleep", "3600"], volumeMounts: [{ name: "backups", mountPath: "/backups", readOnly: true }] }],
        volumes: [{ name: "backups", persistentVolumeClaim: { claimName: "berth-backups", readOnly: true } }],
      },
    });
  });

  it("renders a PostgreSQL restore with pg_restore and the file from env, the backups read-only", () => {
    const job = renderRestoreJob(PG, "pg-20261201T030000Z.dump", "x7k2q");
    expectValidKubeObject(job);
    expect(job.metadata).toMatchObject({ name: "pg-restore-x7k2q", labels: { "berth.dev/restore": "true", "berth.dev/backup-of": "database-pg" }, annotations: { "berth.dev/backup-file": "pg-20261201T030000Z.dump" } });
    expect(job.spec!.backoffLimit).toBe(0);
    expect(job.spec!.template.spec!.containers).toEqual([
      {
        name: "restore",
        image: "postgres:17.2",
        command: ["pg_restore", "--clean", "--if-exists", "--no-owner", "--host=pg", "--username=$(PGUSER)", "--dbname=$(PGDATABASE)", "/backups/$(FILE)"],
        env: [{ name: "FILE", value: "pg-20261201T030000Z.dump" }, secretEnv("PGUSER", "username"), secretEnv("PGDATABASE", "database"), secretEnv("PGPASSWORD", "password")],
        volumeMounts: [{ name: "backups", mountPath: "/backups", subPath: "database-pg", readOnly: true }],
      },
    ]);
  });

  it("restores Redis and app volumes at the volume level with a constant script", () => {
    const redis = renderRestoreJob(databaseSubject("shop", { name: "cache", engine: "redis", image: "redis:7.4.1" }), "cache-20261201T030000Z.rdb", "abcde");
    expectValidKubeObject(redis);
    expect(redis.spec!.template.spec!.containers[0]).toMatchObject({ image: "busybox:1.36", command: ["sh", "-c", RESTORE_RDB_SCRIPT] });
    expect(redis.spec!.template.spec!.volumes).toContainEqual({ name: "target", persistentVolumeClaim: { claimName: "data-cache-0" } });
    const volume = renderRestoreJob(volumeSubject("shop", "web", "data", {}), "web-data-20261201T030000Z.tar.gz", "abcde");
    expect(volume.spec!.template.spec!.containers[0]!.command).toEqual(["sh", "-c", RESTORE_VOLUME_SCRIPT]);
    expect(volume.spec!.template.spec!.volumes).toContainEqual({ name: "target", persistentVolumeClaim: { claimName: "web-data" } });
  });
});
