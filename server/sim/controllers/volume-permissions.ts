/**
 * The simulated runtime's one permission failure, chosen by image tag so tests ask for it on
 * purpose: an image tagged `:needs-fsgroup` runs as a non-root user that must write its first
 * mounted volume (as postgres' initdb does), and local-path volumes are owned by root. Unless the
 * pod sets `securityContext.fsGroup` (or the container runs as root, `runAsUser: 0`), it exits 1
 * after printing coreutils' words. An image that mounts no volume runs normally.
 */
import { logTail } from "@/server/sim/controllers/container-process";
import { imageTag } from "@/server/sim/controllers/image-behaviour";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PermissionCrash {
  exitCode: number;
  lastWords: string;
}

export function permissionCrash(podSpec: Obj, container: Obj): PermissionCrash | undefined {
  if (imageTag(String(container.image ?? "")) !== "needs-fsgroup") return undefined;
  const mount = (container.volumeMounts as Obj[] | undefined)?.[0]?.mountPath as string | undefined;
  if (!mount) return undefined;
  if (podSpec.securityContext?.fsGroup !== undefined) return undefined;
  const user = container.securityContext?.runAsUser ?? podSpec.securityContext?.runAsUser;
  if (user === 0) return undefined;
  return { exitCode: 1, lastWords: `mkdir: cannot create directory '${mount.replace(/\/+$/, "")}/data': Permission denied` };
}

/** The last line a failed container prints: its permission error, or the generic fatal line. */
export function lastWordsOf(podSpec: Obj, container: Obj, exitCode: number): string {
  return permissionCrash(podSpec, container)?.lastWords ?? `Error: fatal: exiting with code ${exitCode}`;
}

/**
 * `terminationMessagePolicy: FallbackToLogsOnError`: a container that fails without writing its
 * termination file gets the tail of its log as the terminated state's message: the last 80
 * lines / 2048 bytes of what its process printed when the sim ran it, else its generated last line.
 */
export function terminationMessage(podSpec: Obj, container: Obj, exitCode: number, killed: boolean, log?: Buffer): string | undefined {
  if (container.terminationMessagePolicy !== "FallbackToLogsOnError" || exitCode === 0 || killed) return undefined;
  if (log?.length) return logTail(log);
  return `${lastWordsOf(podSpec, container, exitCode)}\n`;
}
