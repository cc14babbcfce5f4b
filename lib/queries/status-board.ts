"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { StatusBoard } from "@/lib/dto/status-board";

/** Every app's status; kept current by the live socket (lib/live), not by polling. */
export function useStatusBoard() {
  return useQuery({ queryKey: queryKeys.statusBoard, queryFn: ({ signal }) => api.get<StatusBoard>("/api/status", { signal }), staleTime: Infinity });
}
