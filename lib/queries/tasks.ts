"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { TaskList, TaskRun, TaskRunList } from "@/lib/dto/task";
import type { TaskPatch, TaskSpecInput } from "@/lib/schemas/task";
import { appPath } from "@/lib/queries/apps";
import { queryKeys } from "@/lib/queries/keys";

/** Under the app's root key, so a change to the app (a deploy) refreshes its tasks too. */
const tasksKey = (project: string, app: string) => [...queryKeys.appRoot(project, app), "tasks"] as const;
const runsKey = (project: string, app: string, task: string) => [...tasksKey(project, app), task, "runs"] as const;
const taskPath = (project: string, app: string, task: string) => `${appPath(project, app)}/tasks/${encodeURIComponent(task)}`;

function invalidateTasks(queryClient: QueryClient, project: string, app: string) {
  void queryClient.invalidateQueries({ queryKey: tasksKey(project, app) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.app(project, app) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
}

/** Refetched every 10 s while shown: next runs move on and runs finish without a live event. */
export function useTasks(project: string, app: string) {
  return useQuery({ queryKey: tasksKey(project, app), queryFn: ({ signal }) => api.get<TaskList>(`${appPath(project, app)}/tasks`, { signal }), refetchInterval: 10_000 });
}

/** A task's runs; polled every 3 s while one is running. */
export function useTaskRuns(project: string, app: string, task: string) {
  return useQuery({
    queryKey: runsKey(project, app, task),
    queryFn: ({ signal }) => api.get<TaskRunList>(`${taskPath(project, app, task)}/runs`, { signal }),
    refetchInterval: (query) => (query.state.data?.runs.some((r) => r.outcome === "running") ? 3_000 : false),
  });
}

export function useAddTask(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (task: TaskSpecInput) => api.post<TaskList>(`${appPath(project, app)}/tasks`, task), onSuccess: () => invalidateTasks(queryClient, project, app) });
}

export function useUpdateTask(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: { task: string; patch: TaskPatch }) => api.patch<unknown>(taskPath(project, app, input.task), input.patch), onSuccess: () => invalidateTasks(queryClient, project, app) });
}

export function useRemoveTask(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (task: string) => api.delete<unknown>(taskPath(project, app, task)), onSuccess: () => invalidateTasks(queryClient, project, app) });
}

export function useRunTask(project: string, app: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: string) => api.post<TaskRun>(`${taskPath(project, app, task)}/run`),
    onSuccess: (_run, task) => {
      void queryClient.invalidateQueries({ queryKey: runsKey(project, app, task) });
      void queryClient.invalidateQueries({ queryKey: tasksKey(project, app) });
    },
  });
}
