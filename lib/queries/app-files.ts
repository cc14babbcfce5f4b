"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { AppFileList, PutAppFiles, SecretFileContents } from "@/lib/dto/app-files";
import { appPath } from "@/lib/queries/apps";
import { queryKeys } from "@/lib/queries/keys";

const filesKey = (project: string, app: string) => [...queryKeys.appRoot(project, app), "files"] as const;

export function useAppFiles(project: string, app: string) {
  return useQuery({ queryKey: filesKey(project, app), queryFn: ({ signal }) => api.get<AppFileList>(`${appPath(project, app)}/files`, { signal }) });
}

/** Secret file texts are fetched only when an admin presses Reveal; each fetch is audited server-side. */
export function useSecretFiles(project: string, app: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...filesKey(project, app), "reveal"],
    queryFn: ({ signal }) => api.get<SecretFileContents>(`${appPath(project, app)}/files/reveal`, { signal }),
    enabled: isEnabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Replaces the whole list; the app's detail (its spec) changes with it. */
export function useSaveAppFiles(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutAppFiles) => api.put<AppFileList>(`${appPath(project, app)}/files`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.appRoot(project, app) }),
  });
}
