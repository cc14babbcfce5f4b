"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { RegistryChange, RegistryList } from "@/lib/dto/registry";
import type { RegistryCreate, RegistryUpdate } from "@/lib/schemas/registry";

const registriesPath = (project: string) => `/api/projects/${encodeURIComponent(project)}/registries`;
const registryPath = (project: string, server: string) => `${registriesPath(project)}/${encodeURIComponent(server)}`;

export function useRegistries(project: string) {
  return useQuery({ queryKey: queryKeys.registries(project), queryFn: ({ signal }) => api.get<RegistryList>(registriesPath(project), { signal }) });
}

/** A change refreshes the list, and the project's apps (a new login redeploys some). */
function useRegistryMutation<I>(project: string, send: (input: I) => Promise<RegistryChange>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.registries(project) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.project(project) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}

export function useAddRegistry(project: string) {
  return useRegistryMutation(project, (input: RegistryCreate) => api.post<RegistryChange>(registriesPath(project), input));
}

export function useUpdateRegistry(project: string) {
  return useRegistryMutation(project, ({ server, ...input }: RegistryUpdate & { server: string }) => api.patch<RegistryChange>(registryPath(project, server), input));
}

export function useRemoveRegistry(project: string) {
  return useRegistryMutation(project, (server: string) => api.delete<RegistryChange>(registryPath(project, server)));
}
