"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { AuditPage } from "@/lib/dto/audit";

/** The newest `limit` audit events. */
export function useAuditLog(limit = 50) {
  return useQuery({
    queryKey: queryKeys.audit(limit),
    queryFn: ({ signal }) => api.get<AuditPage>(`/api/audit?limit=${limit}`, { signal }),
  });
}
