/**
 * The cluster objects of backups, from a {@link BackupSubject}: the project's backup volume, the
 * target's CronJob (whose Jobs dump, then name, prune and list the files), the reader pod
 * downloads go through, and a restore Job. Pure: subject in, objects out.
 *
 * None of them carries `berth.dev/app` or `berth.dev/database`: deploying or pruning an app or a
 * database must never delete its backups' objects, and a dump pod must not match the database's
 * Service selector. They are found by `berth.dev/backup-of`.
 */
import type { CronJob, Job, JobSpec } from "kubernetes-types/batch/v1";
import type { Container, PersistentVolumeClaim, Pod, PodSpec, VolumeMount } from "kubernetes-types/core/v1";
import type { BackupScheduleSpec } from "@/lib/schemas/backup";
import { BUSYBOX_IMAGE, RUN_ENV, type BackupSubject } from "@/server/engine/backups/backup-subject";
import { FINISH_SCRIPT } from "@/server/engine/backups/backup-scripts";
import { namespaceName } from "@/server/engine/names";
import { LABEL_MANAGED_BY, LABEL_PART_OF, LABEL_PROJECT, MANAGED_BY } from "@/server/engine/render/labels";

export const BACKUP_CLAIM = "berth-backups";
export const BACKUP_CLAIM_SIZE = "10Gi";
export const READER_POD = "berth-backups-reader";
/** On a backup's CronJob, Jobs and pods: the target's directory (`database-pg`, `volume-web-data`). */
export const LABEL_BACKUP_OF = "berth.dev/backup-of";
/** On a restore Job and its pods. */
export const LABEL_RESTORE = "berth.dev/restore";
/** On a restore Job: the file it restores. */
export const ANNOTATION_BACKUP_FILE = "berth.dev/backup-file";
export const LABEL_READER = "berth.dev/backups-reader";
/** How long the reader pod lives: long enough for a big download, short enough not to linger. */
export const READER_LIFETIME_SECONDS = 3600;
const HISTORY_LIMIT = 3;
/** Restore Jobs have no CronJob to clean them up; the cluster deletes them a week after they finish. */
export const RESTORE_TTL_SECONDS = 7 * 24 * 3600;
/** A suspended CronJob (Back up now without a schedule) still needs a valid schedule; it never fires. */
const UNSCHEDULED = "0 0 1 1 *";

function projectBackupLabels(project: string): Record<string, string> {
  return { [LABEL_MANAGED_BY]: MANAGED_BY, [LABEL_PART_OF]: project, [LABEL_PROJECT]: project };
}

export function backupLabels(subject: BackupSubject): Record<string, string> {
  return { ...projectBackupLabels(subject.project), [LABEL_BACKUP_OF]: subject.dir };
}

/** The project's backup volume. Its class is the cluster default (local-path on k3s), like app volumes. */
export function renderBackupClaim(project: string): PersistentVolumeClaim {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: BACKUP_CLAIM, namespace: namespaceName(project), labels: projectBackupLabels(project) },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: BACKUP_CLAIM_SIZE } } },
  };
}

const backupsMount = (subject: BackupSubject, readOnly = false): VolumeMount => ({ name: "backups", mountPath: "/backups", subPath: subject.dir, ...(readOnly ? { readOnly } : {}) });

function withMount(container: Container, mount: VolumeMount): Container {
  return { ...container, volumeMounts: [mount, ...(container.volumeMounts ?? [])] };
}

/** The backup run's pod: dump (an init container, so finish starts only after it succeeded), then finish. */
function backupPodSpec(subject: BackupSubject, keep: number): PodSpec {
  const finish: Container = {
    name: "finish",
    image: BUSYBOX_IMAGE,
    command: ["sh", "-c", FINISH_SCRIPT],
    env: [RUN_ENV, { name: "NAME", value: subject.stem }, { name: "EXT", value: subject.ext }, { name: "PRUNE_FROM", value: String(keep + 1) }],
    volumeMounts: [backupsMount(subject)],
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  };
  const dump = withMount({ ...subject.dump, env: [RUN_ENV, ...(subject.dump.env ?? [])] }, backupsMount(subject));
  return {
    restartPolicy: "Never",
    initContainers: [dump],
    containers: [finish],
    volumes: [{ name: "backups", persistentVolumeClaim: { claimName: BACKUP_CLAIM } }, ...subject.volumes],
    ...(subject.colocateWith
      ? { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: subject.colocateWith }, topologyKey: "kubernetes.io/hostname" }] } } }
      : {}),
  };
}

/**
 * The target's backup CronJob. Without a schedule it is suspended: it is then only the template
 * "Back up now" instantiates. Forbid: two dumps of one target at once would prune each other.
 * https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
export function renderBackupCronJob(subject: BackupSubject, schedule: BackupScheduleSpec | null, keep: number): CronJob {
  const labels = backupLabels(subject);
  const jobSpec: JobSpec = { backoffLimit: 0, template: { metadata: { labels }, spec: backupPodSpec(subject, keep) } };
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: subject.cronJobName, namespace: namespaceName(subject.project), labels },
    spec: {
      schedule: schedule?.schedule ?? UNSCHEDULED,
      timeZone: schedule?.timeZone ?? "UTC",
      suspend: schedule === null,
      concurrencyPolicy: "Forbid",
      successfulJobsHistoryLimit: HISTORY_LIMIT,
      failedJobsHistoryLimit: HISTORY_LIMIT,
      jobTemplate: { metadata: { labels }, spec: jobSpec },
    },
  };
}

/** The pod downloads exec `cat` in: the whole backup volume, read-only, for an hour at most. */
export function renderReaderPod(project: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: READER_POD, namespace: namespaceName(project), labels: { ...projectBackupLabels(project), [LABEL_READER]: "true" } },
    spec: {
      restartPolicy: "Never",
      activeDeadlineSeconds: READER_LIFETIME_SECONDS,
      // `sleep` as PID 1 ignores SIGTERM: without this a replaced reader would hold its name for 30 s.
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "reader", image: BUSYBOX_IMAGE, command: ["sleep", String(READER_LIFETIME_SECONDS)], volumeMounts: [{ name: "backups", mountPath: "/backups", readOnly: true }] }],
      volumes: [{ name: "backups", persistentVolumeClaim: { claimName: BACKUP_CLAIM, readOnly: true } }],
    },
  };
}

/**
 * A restore Job `<target>-restore-<suffix>`: the engine's restore tool against the running
 * server, or (Redis, Valkey, app volumes) a busybox step writing the stopped workload's volume.
 * The backup directory is mounted read-only; `FILE` names the file, checked against the listing.
 */
export function renderRestoreJob(subject: BackupSubject, file: string, suffix: string): Job {
  const labels = { ...backupLabels(subject), [LABEL_RESTORE]: "true" };
  const fileEnv = { name: "FILE", value: file };
  const plan = subject.restore;
  const container: Container =
    plan.kind === "tool"
      ? withMount({ ...plan.container, env: [fileEnv, ...(plan.container.env ?? [])] }, backupsMount(subject, true))
      : {
          name: "restore",
          image: BUSYBOX_IMAGE,
          command: ["sh", "-c", plan.script],
          env: [fileEnv],
          volumeMounts: [backupsMount(subject, true), { name: "target", mountPath: "/volume" }],
        };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `${subject.stem.slice(0, 44).replace(/-+$/, "")}-restore-${suffix}`,
      namespace: namespaceName(subject.project),
      labels,
      annotations: { [ANNOTATION_BACKUP_FILE]: file },
    },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: RESTORE_TTL_SECONDS,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [container],
          volumes: [
            { name: "backups", persistentVolumeClaim: { claimName: BACKUP_CLAIM, readOnly: true } },
            ...(plan.kind === "volume" ? [{ name: "target", persistentVolumeClaim: { claimName: plan.claim } }] : []),
          ],
        },
      },
    },
  };
}
