"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { useLiveState } from "@/lib/live/live-updates";
import { queryKeys } from "@/lib/queries/keys";
import type { StatusBoard } from "@/lib/dto/status-board";

/**
 * Every app's status; kept current by the live socket (lib/live), not by polling. `initialBoard`
 * is the board the server rendered into the page: shown at once, and read again once when the
 * live socket first opens, since whatever changed between the server's read and that moment
 * came before the socket could say so.
 */
export function useStatusBoard(initialBoard?: StatusBoard) {
  const queryClient = useQueryClient();
  const board = useQuery({ queryKey: queryKeys.statusBoard, queryFn: ({ signal }) => api.get<StatusBoard>("/api/status", { signal }), staleTime: Infinity, initialData: initialBoard });
  const live = useLiveState();
  const served = useRef(initialBoard);
  useEffect(() => {
    if (live !== "open" || served.current === undefined) return;
    const isServedStill = queryClient.getQueryData(queryKeys.statusBoard) === served.current;
    served.current = undefined;
    if (isServedStill) void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
  }, [live, queryClient]);
  return board;
}
