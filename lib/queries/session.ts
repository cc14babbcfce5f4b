"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { SessionInfo } from "@/lib/dto/session";
import type { LoginInput } from "@/lib/schemas/session";

/**
 * Who is signed in. A 401 is an answer here ("nobody"), so it is never retried. `initialSession`
 * is what the server layout already resolved from the cookie, so the shell renders at once.
 */
export function useSession(initialSession?: SessionInfo) {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => api.get<SessionInfo>("/api/session", { signal }),
    initialData: initialSession,
    staleTime: 60_000,
  });
}

/** Exchanges a token for a session cookie. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<SessionInfo>("/api/session", input),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

/** Ends the session; every cached answer belonged to it, so the whole cache goes. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<unknown>("/api/session"),
    onSettled: () => {
      queryClient.clear();
    },
  });
}
