"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ProjectImportDto } from "@/lib/dto/project-import";
import { queryKeys } from "@/lib/queries/keys";

/** Where the project file downloads: `secrets` writes secret values into it (admin only). */
export function projectExportUrl(project: string, includeSecrets: boolean): string {
  return `/api/projects/${encodeURIComponent(project)}/export${includeSecrets ? "?secrets=true" : ""}`;
}

/** Where the rendered Kubernetes objects download; Secrets only with `secrets`. */
export function projectManifestsUrl(project: string, includeSecrets: boolean): string {
  return `/api/projects/${encodeURIComponent(project)}/manifests${includeSecrets ? "?secrets=true" : ""}`;
}

/** Imports a project file (its YAML text), under `as` when given; the project list and board refetch. */
export function useImportProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; as?: string }) =>
      api.postText<ProjectImportDto>(`/api/import${input.as ? `?project=${encodeURIComponent(input.as)}` : ""}`, input.text, "application/yaml"),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.projectsRoot });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}
