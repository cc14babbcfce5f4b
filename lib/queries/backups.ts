"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { backupFilePath, backupsPath, type ProjectBackupTarget } from "@/lib/backups/backup-target";
import type { BackupRestore, BackupRun, BackupView } from "@/lib/schemas/backup-view";
import { queryKeys } from "@/lib/queries/keys";
import type { BackupScheduleInput } from "@/lib/schemas/backup";

/** Under the target's own root key, so deleting the database or the app drops its backups too. */
export function backupsKey(target: ProjectBackupTarget) {
  const root = target.kind === "database" ? queryKeys.databasesRoot(target.project) : queryKeys.appRoot(target.project, target.app);
  return [...root, "backups", target.kind === "database" ? target.name : target.volume] as const;
}

/** A backup or restore Job is still going: the list changes as soon as it ends. */
export function isBackupJobRunning(view: BackupView | undefined): boolean {
  return Boolean(view && [...view.runs, ...view.restores].some((job) => job.outcome === "running"));
}

/**
 * Polled like the Tasks tab: every 3 s while a backup or restore runs (its outcome, the new file
 * and its size arrive when it ends), every 15 s otherwise (a scheduled run starts, a warning
 * comes due).
 */
export function useBackups(target: ProjectBackupTarget) {
  return useQuery({
    queryKey: backupsKey(target),
    queryFn: ({ signal }) => api.get<BackupView>(backupsPath(target), { signal }),
    refetchInterval: (query) => (isBackupJobRunning(query.state.data) ? 3_000 : 15_000),
  });
}

function invalidateBackups(queryClient: QueryClient, target: ProjectBackupTarget) {
  void queryClient.invalidateQueries({ queryKey: backupsKey(target) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
}

export function useSetBackupSchedule(target: ProjectBackupTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BackupScheduleInput) => api.put<BackupView>(`${backupsPath(target)}/schedule`, input),
    onSuccess: (view) => {
      queryClient.setQueryData(backupsKey(target), view);
      invalidateBackups(queryClient, target);
    },
  });
}

export function useRemoveBackupSchedule(target: ProjectBackupTarget) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => api.delete<unknown>(`${backupsPath(target)}/schedule`), onSuccess: () => invalidateBackups(queryClient, target) });
}

/** Back up now: a Job from the target's CronJob, whether or not it has a schedule. */
export function useBackUpNow(target: ProjectBackupTarget) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => api.post<{ run: BackupRun }>(`${backupsPath(target)}/run`), onSuccess: () => invalidateBackups(queryClient, target) });
}

/** Restores `file` over the target's data; `confirm` is what the user typed (the target's name). */
export function useRestoreBackup(target: ProjectBackupTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: string; confirm: string }) => api.post<{ restore: BackupRestore }>(`${backupFilePath(target, input.file)}/restore`, { confirm: input.confirm }),
    onSuccess: () => invalidateBackups(queryClient, target),
  });
}
