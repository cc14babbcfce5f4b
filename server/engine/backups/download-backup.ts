/**
 * A backup file as a byte stream: `cat` run by exec in the project's reader pod, its stdout
 * passed on as it comes. Never held whole: when the reader of the stream falls behind, the exec
 * socket is paused, so TCP pushes back on the API server and, through it, on `cat`.
 */
import type { BackupTarget } from "@/lib/schemas/backup";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { describeBackupTarget, findBackupSubject } from "@/server/engine/backups/find-backup-subject";
import { readBackups } from "@/server/engine/backups/read-backups";
import { ensureReaderPod } from "@/server/engine/backups/reader-pod";
import { READER_POD } from "@/server/engine/backups/render-backup";
import { namespaceName } from "@/server/engine/names";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { openExecStream, type ExecStream } from "@/server/kube/exec-stream";

/** Bytes buffered between the exec socket and the HTTP response before the socket is paused. */
const HIGH_WATER_BYTES = 1 << 20;
const STDERR_LIMIT = 1024;

export interface BackupDownload {
  body: ReadableStream<Uint8Array>;
  sizeBytes: number;
}

/**
 * Opens the download of `file` (checked against the target's listing: only a file Berth listed
 * is ever read). Resolves once the first bytes arrived, so a `cat` that cannot read the file is
 * an error answer rather than an empty download.
 */
export async function openBackupDownload(project: string, target: BackupTarget, file: string, signal?: AbortSignal): Promise<BackupDownload> {
  const subject = await findBackupSubject(getDb(), project, target);
  const listed = (await readBackups(project, target)).backups.find((b) => b.file === file);
  if (!listed) throw new AppError({ code: "not_found", message: `${describeBackupTarget(target, true)} has no backup "${file}" — pick one from its backups list.` });
  const kubeConfig = clusterKubeConfig();
  await ensureReaderPod(kubeConfig, project, signal);

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Filled once the socket is open; the stream's callbacks may run before that.
  const link: { exec?: ExecStream } = {};
  let isSettled = false;
  let stderr = "";
  let started!: { resolve: () => void; reject: (err: unknown) => void };
  const firstBytes = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
  const fail = (err: Error) => {
    if (isSettled) return;
    isSettled = true;
    started.reject(err);
    controller.error(err);
    link.exec?.close();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: () => link.exec?.resume(),
      cancel: () => {
        isSettled = true;
        link.exec?.close();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
  link.exec = await openExecStream(
    kubeConfig,
    { namespace: namespaceName(project), pod: READER_POD, container: "reader", command: ["cat", "--", `/backups/${subject.dir}/${file}`], tty: false, stdin: false },
    {
      onStdout(data) {
        if (isSettled) return;
        controller.enqueue(new Uint8Array(data));
        started.resolve();
        if ((controller.desiredSize ?? 0) <= 0) link.exec?.pause();
      },
      onStderr(data) {
        if (stderr.length < STDERR_LIMIT) stderr += data.toString("utf8");
      },
      onOutcome(outcome) {
        if (outcome.code !== 0) return fail(new AppError({ code: "not_found", message: `The backup "${file}" could not be read: ${stderr.trim() || outcome.message}.` }));
        if (isSettled) return;
        isSettled = true;
        started.resolve();
        controller.close();
      },
      onClose() {
        fail(new AppError({ code: "cluster_unavailable", message: `The download of "${file}" was cut off by the Kubernetes API — try again.` }));
      },
    },
  );
  signal?.addEventListener("abort", () => fail(new Error("The download was abandoned.")), { once: true });
  await firstBytes;
  return { body, sizeBytes: listed.sizeBytes };
}
