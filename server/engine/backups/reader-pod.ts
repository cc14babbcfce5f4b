/**
 * The project's backup reader pod, which downloads exec `cat` in: made on demand, reused while
 * it runs, replaced once it has ended (its hour is up, or it failed).
 */
import type { KubeConfig } from "@kubernetes/client-node";
import type { Pod } from "kubernetes-types/core/v1";
import { AppError } from "@/server/errors";
import { READER_POD, renderReaderPod } from "@/server/engine/backups/render-backup";
import { namespaceName } from "@/server/engine/names";
import { createObject } from "@/server/kube/create-object";
import { deleteObject } from "@/server/kube/delete-object";
import { isKubeApiError } from "@/server/kube/kube-api-error";
import type { KubeObject } from "@/server/kube/kube-object";
import { readObject } from "@/server/kube/read-object";

const START_LIMIT_MS = 60_000;
const POLL_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why a pending reader is not running yet, from its container's waiting state. */
function pendingReason(pod: Pod | undefined): string {
  const waiting = pod?.status?.containerStatuses?.[0]?.state?.waiting;
  if (waiting?.reason) return ` (${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""})`;
  const unschedulable = pod?.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
  return unschedulable?.message ? ` (${unschedulable.message})` : "";
}

/** Resolves once the reader pod runs; AppError cluster_unavailable when it does not start in a minute. */
export async function ensureReaderPod(kubeConfig: KubeConfig, project: string, signal?: AbortSignal): Promise<void> {
  const ref = { apiVersion: "v1", kind: "Pod", namespace: namespaceName(project), name: READER_POD };
  const deadline = Date.now() + START_LIMIT_MS;
  let pod = (await readObject(kubeConfig, ref)) as Pod | undefined;
  while (pod && (pod.metadata?.deletionTimestamp || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed")) {
    if (!pod.metadata?.deletionTimestamp) await deleteObject(kubeConfig, ref);
    if (Date.now() > deadline || signal?.aborted) break;
    await sleep(POLL_MS);
    pod = (await readObject(kubeConfig, ref)) as Pod | undefined;
  }
  if (!pod) {
    try {
      await createObject(kubeConfig, renderReaderPod(project) as KubeObject);
    } catch (err) {
      if (!isKubeApiError(err, 409)) throw err; // another download made it meanwhile
    }
  }
  for (;;) {
    pod = (await readObject(kubeConfig, ref)) as Pod | undefined;
    if (pod?.status?.phase === "Running" && !pod.metadata?.deletionTimestamp) return;
    if (Date.now() > deadline || signal?.aborted) {
      throw new AppError({ code: "cluster_unavailable", message: `The backup reader pod ${READER_POD} did not start within a minute${pendingReason(pod)} — try the download again shortly.` });
    }
    await sleep(POLL_MS);
  }
}
