import type { ContainerStateTerminated } from "kubernetes-types/core/v1";

/**
 * What a crashed container said last. Berth renders `terminationMessagePolicy:
 * FallbackToLogsOnError`, so when the process exits with an error the kubelet copies the tail of
 * its log (at most 80 lines or 2048 bytes) into the terminated state's `message`.
 */
export function lastLogLine(terminated: ContainerStateTerminated | undefined): string | undefined {
  const lines = (terminated?.message ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  return last && last.length > 300 ? `${last.slice(0, 297)}…` : last;
}

/**
 * The lines images print when the process may not write where a volume is mounted: coreutils'
 * mkdir/chown/chmod, postgres' initdb, and the bare errno texts most runtimes print.
 */
const PERMISSION = /Permission denied|Operation not permitted|could not change permissions of directory|EACCES|EPERM|Read-only file system/i;

/** The permission-error line among the last lines of a crashed container, if any. */
export function permissionErrorLine(terminated: ContainerStateTerminated | undefined): string | undefined {
  const lines = (terminated?.message ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  return [...lines].reverse().find((l) => PERMISSION.test(l));
}
