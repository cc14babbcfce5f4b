"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { ProjectDetail, ProjectList, ProjectSummary } from "@/lib/dto/project";
import type { OperationAccepted } from "@/lib/dto/app";
import type { ProjectCreate } from "@/lib/schemas/project";

const projectPath = (project: string) => `/api/projects/${encodeURIComponent(project)}`;

export function useProjects() {
  return useQuery({ queryKey: queryKeys.projectList, queryFn: ({ signal }) => api.get<ProjectList>("/api/projects", { signal }) });
}

export function useProject(project: string) {
  return useQuery({ queryKey: queryKeys.project(project), queryFn: ({ signal }) => api.get<ProjectDetail>(projectPath(project), { signal }) });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectCreate) => api.post<ProjectSummary>("/api/projects", input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.projectsRoot }),
  });
}

/** Deletes the project and its namespace; the server wants the name typed back as `confirm`. */
export function useDeleteProject(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) => api.delete<OperationAccepted>(projectPath(project), { confirm }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.project(project) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.projectList });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}
