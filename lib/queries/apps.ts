"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { AppDetail, OperationAccepted, RevisionList } from "@/lib/dto/app";
import type { AppStatus } from "@/lib/dto/app-status";
import type { SecretEnvValues } from "@/lib/dto/status-board";
import type { z } from "zod";
import type { AppSpecInput, VolumeSpec, hostnameSpecSchema } from "@/lib/schemas/app";
import type { ModelledField } from "@/lib/schemas/drift";

export const appPath = (project: string, app: string) => `/api/projects/${encodeURIComponent(project)}/apps/${encodeURIComponent(app)}`;

/**
 * After any change to an app: its own keys, its project (list health) and the status page.
 * `keepStatus`: the action only queued an operation and the live socket brings its effect. A
 * status refetched now is computed before the operation runs, and under load its answer can land
 * after the pushed status and put the old one back (a drift notice that stays after Re-apply).
 */
function invalidateApp(queryClient: QueryClient, project: string, app: string, options: { keepStatus?: boolean } = {}) {
  const status = queryKeys.appStatus(project, app);
  void queryClient.invalidateQueries({ queryKey: queryKeys.appRoot(project, app), predicate: (q) => !options.keepStatus || q.queryKey[3] !== status[3] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.project(project) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
}

export function useApp(project: string, app: string) {
  return useQuery({ queryKey: queryKeys.app(project, app), queryFn: ({ signal }) => api.get<AppDetail>(appPath(project, app), { signal }) });
}

/** Kept current by the live socket (lib/live), not by polling. */
export function useAppStatus(project: string, app: string) {
  return useQuery({
    queryKey: queryKeys.appStatus(project, app),
    queryFn: ({ signal }) => api.get<AppStatus>(`${appPath(project, app)}/status`, { signal }),
    staleTime: Infinity,
  });
}

export function useRevisions(project: string, app: string) {
  return useQuery({
    queryKey: queryKeys.revisions(project, app),
    queryFn: ({ signal }) => api.get<RevisionList>(`${appPath(project, app)}/revisions`, { signal }),
  });
}

/** Secret values are fetched only when someone presses Reveal; each fetch is audited server-side. */
export function useSecretEnv(project: string, app: string, isEnabled: boolean) {
  return useQuery({
    queryKey: queryKeys.secretEnv(project, app),
    queryFn: ({ signal }) => api.get<SecretEnvValues>(`${appPath(project, app)}/secret-env`, { signal }),
    enabled: isEnabled,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateApp(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: AppSpecInput) => api.post<AppDetail>(`/api/projects/${encodeURIComponent(project)}/apps`, spec),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.projectsRoot });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}

export function useUpdateApp(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: unknown) => api.put<AppDetail>(appPath(project, app), spec),
    onSuccess: () => invalidateApp(queryClient, project, app),
  });
}

type AppAction =
  | { kind: "deploy" }
  | { kind: "restart" }
  | { kind: "rollback"; revision: number }
  | { kind: "scale"; replicas: number }
  | { kind: "reapply" }
  | { kind: "adopt"; fields?: ModelledField[] };

/** Deploy, restart, rollback, scale, re-apply and adopt: each queues an operation; the live socket shows its progress. */
export function useAppAction(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: AppAction) => {
      const path = `${appPath(project, app)}/${action.kind}`;
      if (action.kind === "rollback") return api.post<OperationAccepted>(path, { revision: action.revision });
      if (action.kind === "scale") return api.post<OperationAccepted>(path, { replicas: action.replicas });
      if (action.kind === "adopt") return api.post<OperationAccepted>(path, action.fields ? { fields: action.fields } : {});
      return api.post<OperationAccepted>(path);
    },
    onSuccess: (_data, action) => invalidateApp(queryClient, project, app, { keepStatus: action.kind === "reapply" || action.kind === "adopt" }),
  });
}

export function useDeleteApp(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { deleteData: boolean }) => api.delete<OperationAccepted>(`${appPath(project, app)}?deleteData=${input.deleteData}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.appRoot(project, app) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.projectsRoot });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}

export function useAddHostname(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof hostnameSpecSchema>) => api.post<unknown>(`${appPath(project, app)}/hostnames`, input),
    onSuccess: () => invalidateApp(queryClient, project, app),
  });
}

export function useRemoveHostname(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { host: string; path: string }) =>
      api.delete<unknown>(`${appPath(project, app)}/hostnames/${encodeURIComponent(input.host)}?path=${encodeURIComponent(input.path)}`),
    onSuccess: () => invalidateApp(queryClient, project, app),
  });
}

export function useAddVolume(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<VolumeSpec>) => api.post<unknown>(`${appPath(project, app)}/volumes`, input),
    onSuccess: () => invalidateApp(queryClient, project, app),
  });
}

export function useRemoveVolume(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (volume: string) => api.delete<unknown>(`${appPath(project, app)}/volumes/${encodeURIComponent(volume)}`),
    onSuccess: () => invalidateApp(queryClient, project, app),
  });
}
