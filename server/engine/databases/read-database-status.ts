/**
 * A database's live status from the process's shared informers (no request opens its own
 * watch), plus the crashed container's last log line read once when it is crashing.
 */
import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import type { DatabaseStatus } from "@/lib/dto/database";
import { AppError } from "@/server/errors";
import { LABEL_DATABASE } from "@/server/engine/databases/database-labels";
import { explainDatabase } from "@/server/engine/databases/explain-database";
import { explainCrashLoop } from "@/server/engine/status/explain";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { getInformer } from "@/server/kube/informers";
import type { InformedKind } from "@/server/kube/kind-registry";
import { openLogStream } from "@/server/kube/log-stream";

const SYNC_TIMEOUT_MS = 5_000;
const KINDS = ["StatefulSet", "Pod", "PersistentVolumeClaim", "Event"] as const satisfies readonly InformedKind[];

export async function readDatabaseStatus(project: string, database: string): Promise<DatabaseStatus> {
  const kubeConfig = clusterKubeConfig();
  const informers = KINDS.map((kind) => getInformer(kind, kubeConfig));
  try {
    await Promise.all(informers.map((i) => i.waitForSync(SYNC_TIMEOUT_MS)));
  } catch (err) {
    throw new AppError({ code: "cluster_unavailable", message: `The cluster's state could not be read: ${err instanceof Error ? err.message : String(err)}` });
  }
  const [sts, pods, pvcs, events] = informers.map((i) => i.list(project));
  const own = <T>(objects: readonly { metadata: { labels?: Record<string, string> } }[]) => objects.filter((o) => o.metadata.labels?.[LABEL_DATABASE] === database) as unknown as T[];
  const input = {
    statefulSet: own<StatefulSet>(sts)[0],
    pods: own<Pod>(pods),
    pvcs: own<PersistentVolumeClaim>(pvcs),
    events: events as unknown as Event[],
  };
  const lastLogLine = explainCrashLoop(input.pods) ? await lastLine(project, input.pods[0]) : undefined;
  return explainDatabase({ ...input, lastLogLine });
}

/** The last non-empty line the crashed container wrote; undefined when there is none or it cannot be read. */
async function lastLine(namespace: string, pod: Pod | undefined): Promise<string | undefined> {
  const container = pod?.spec?.containers[0]?.name;
  if (!pod?.metadata?.name || !container) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 3_000);
  try {
    const response = await openLogStream(clusterKubeConfig(), { namespace, pod: pod.metadata.name, container, previous: true, tailLines: 5, limitBytes: 16 * 1024 }, controller.signal);
    let text = "";
    for await (const chunk of response.body.setEncoding("utf8")) text += chunk as string;
    return text.split("\n").map((l) => l.trim()).filter(Boolean).pop()?.slice(0, 500);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
