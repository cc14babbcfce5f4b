"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { SampleLoad } from "@/lib/dto/sample";

/** Loads the sample project (demo mode, admins); the overview and the project list then show it. */
export function useLoadSample() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SampleLoad>("/api/demo/sample"),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.projectsRoot });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}
