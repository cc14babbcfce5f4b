"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/queries/keys";
import type { TemplateInstall, TemplateSummary } from "@/lib/dto/template";

/** The shipped templates change only with a Berth release, so the list is cached for the session. */
export function useTemplates() {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: ({ signal }) => api.get<{ templates: TemplateSummary[] }>("/api/templates", { signal }),
    staleTime: Infinity,
  });
}

/** Installs into the project; its apps and databases are new, so both lists and the project refetch. */
export function useInstallTemplate(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { template: string; parameters: Record<string, string> }) =>
      api.post<TemplateInstall>(`/api/projects/${encodeURIComponent(project)}/templates/${encodeURIComponent(input.template)}`, { parameters: input.parameters }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.databasesRoot(project) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.project(project) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statusBoard });
    },
  });
}
