"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";

/** Where Berth found its cluster: the same order kubectl uses, or the simulated cluster. */
export type ClusterSource = "in-cluster" | "kubeconfig" | "sim" | "none";

/** Answer of `GET /api/cluster`. */
export type ClusterInfo = {
  source: ClusterSource;
  isSimulated?: boolean;
  context?: string;
  server?: string;
  version?: string;
  reachable: boolean;
  message?: string;
};

export function useCluster() {
  return useQuery({
    queryKey: queryKeys.cluster,
    queryFn: ({ signal }) => api.get<ClusterInfo>("/api/cluster", { signal }),
    staleTime: 30_000,
  });
}
