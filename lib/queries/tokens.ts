"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { ApiTokenList, CreatedApiToken } from "@/lib/dto/token";
import type { CreateTokenInput } from "@/lib/schemas/token";

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => api.get<ApiTokenList>("/api/tokens", { signal }),
  });
}

/** Creates a token. The answer carries the value, the only time it is ever shown. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) => api.post<CreatedApiToken>("/api/tokens", input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditRoot });
    },
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<unknown>(`/api/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditRoot });
    },
  });
}
