import { clusterKubeConfig } from "@/server/kube/cluster";
import { downloadAppLog, type AppLogDownload } from "@/server/kube/download-app-log";

/**
 * The app's (or a database's) full log as a byte stream from the connected cluster (see downloadAppLog);
 * AppError cluster_unavailable when Berth has no cluster, so there is no log to read.
 */
export function readAppLog(request: AppLogDownload, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  return downloadAppLog(clusterKubeConfig(), request, signal);
}
