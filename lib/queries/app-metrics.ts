"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { AppMetrics } from "@/lib/dto/app-metrics";
import { appPath } from "@/lib/queries/apps";
import { queryKeys } from "@/lib/queries/keys";

const METRICS_REFRESH_MS = 10_000;

/**
 * The app's CPU and memory history. Polled every 10 s — the one poll in the UI: the live socket
 * fans out informer events, and metrics.k8s.io cannot be watched. TanStack Query stops the
 * interval while the tab is hidden, and the server samples only apps someone is looking at.
 */
export function useAppMetrics(project: string, app: string) {
  return useQuery({
    queryKey: queryKeys.appMetrics(project, app),
    queryFn: ({ signal }) => api.get<AppMetrics>(`${appPath(project, app)}/metrics`, { signal }),
    refetchInterval: (query) => (query.state.data?.available === false ? false : METRICS_REFRESH_MS),
  });
}
