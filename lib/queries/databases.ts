"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { OperationAccepted } from "@/lib/dto/app";
import type { DatabaseChange, DatabaseDetail, DatabasePassword, DatabaseSummary } from "@/lib/dto/database";
import type { CreateDatabaseInput, UpdateDatabaseInput } from "@/lib/schemas/database";

export const databasesPath = (project: string) => `/api/projects/${encodeURIComponent(project)}/databases`;
export const databasePath = (project: string, database: string) => `${databasesPath(project)}/${encodeURIComponent(database)}`;

export function useDatabases(project: string) {
  return useQuery({
    queryKey: queryKeys.databaseList(project),
    queryFn: ({ signal }) => api.get<{ databases: DatabaseSummary[] }>(databasesPath(project), { signal }),
  });
}

/** Polled while the database is not healthy: its status is read from the cluster on each request. */
export function useDatabase(project: string, database: string) {
  return useQuery({
    queryKey: queryKeys.database(project, database),
    queryFn: ({ signal }) => api.get<DatabaseDetail>(databasePath(project, database), { signal }),
    refetchInterval: (query) => (query.state.data?.status?.health === "Healthy" ? 15_000 : 3_000),
  });
}

/** Fetched only when an admin presses Reveal; each fetch is audited server-side. */
export function useDatabasePassword(project: string, database: string, isEnabled: boolean) {
  return useQuery({
    queryKey: queryKeys.databasePassword(project, database),
    queryFn: ({ signal }) => api.get<DatabasePassword>(`${databasePath(project, database)}/password`, { signal }),
    enabled: isEnabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateDatabase(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDatabaseInput) => api.post<DatabaseChange>(databasesPath(project), input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.databasesRoot(project) }),
  });
}

export function useUpdateDatabase(project: string, database: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDatabaseInput) => api.patch<DatabaseChange>(databasePath(project, database), input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.databasesRoot(project) }),
  });
}

export function useDeleteDatabase(project: string, database: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: { deleteData: boolean; force: boolean }) =>
      api.delete<OperationAccepted>(`${databasePath(project, database)}?deleteData=${options.deleteData}&force=${options.force}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.databasesRoot(project) }),
  });
}
