/**
 * An exec probe run the way the kubelet runs one (pkg/kubelet/prober, pkg/probe/exec): the
 * command runs in the container's simulated userland with the image's own programs
 * (image-binaries.ts), so `pg_isready` passes in postgres and `mysqladmin ping` fails in
 * mariadb:11. A command that ran and exited non-zero is a failure reported with its output
 * ("Readiness probe failed: …"); one that could not start is an error carrying containerd's
 * answer ("Readiness probe errored: rpc error: …"), as the Unhealthy events of a real node read.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { containerEnv } from "@/server/sim/controllers/container-env";
import { hexId } from "@/server/sim/controllers/hash";
import { hasBash } from "@/server/sim/controllers/image-behaviour";
import { containerFs } from "@/server/sim/fs/pod-mounts";
import { runArgv } from "@/server/sim/streams/exec-commands";
import { startFailureText } from "@/server/sim/streams/exec-start-failure";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type ProbeType = "Readiness" | "Liveness" | "Startup";

/** The Unhealthy event's message when the exec probe does not pass; undefined when it does. */
export function execProbeFailure(store: SimStore, type: ProbeType, probe: Obj, container: Obj, pod: KubeObject): string | undefined {
  const podName = pod.metadata.name;
  const argv: string[] = probe.exec?.command ?? [];
  const image = String(container.image ?? "");
  const cannotStart = startFailureText(argv, image);
  if (cannotStart !== undefined) {
    const execId = hexId(`${podName}/${container.name}/${argv.join(" ")}`);
    return `${type} probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${execId}": ${cannotStart}`;
  }
  const r = runArgv(argv, { env: containerEnv(store, pod, container), cwd: "/", hostname: podName, shell: "sh", hasBash: hasBash(image), size: undefined, image, fs: containerFs(store, pod, container), store, namespace: pod.metadata.namespace });
  const code = r.exit ?? r.code;
  return code === 0 ? undefined : `${type} probe failed: ${r.stdout}${r.stderr}`;
}
