"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ClusterSchemasAnswer, LiveYamlAnswer, RenderedYamlAnswer, YamlApplyResult } from "@/lib/yaml/yaml-dto";

/** Query keys of the YAML editor's data. */
export const yamlKeys = {
  schemas: ["cluster", "schemas"] as const,
  appRoot: (project: string, app: string) => ["yaml", project, app] as const,
  live: (project: string, app: string, full: boolean) => ["yaml", project, app, "live", { full }] as const,
  rendered: (project: string, app: string) => ["yaml", project, app, "rendered"] as const,
};

/** The cluster's JSON Schemas; they change only with the cluster version or its CRDs. */
export function useClusterSchemas() {
  return useQuery({
    queryKey: yamlKeys.schemas,
    queryFn: ({ signal }) => api.get<ClusterSchemasAnswer>("/api/cluster/schemas", { signal }),
    staleTime: 5 * 60_000,
  });
}

function appQuery(project: string, app: string, full?: boolean): string {
  const params = new URLSearchParams({ project, app });
  if (full) params.set("full", "true");
  return params.toString();
}

export function useLiveAppYaml(project: string, app: string, full: boolean) {
  return useQuery({
    queryKey: yamlKeys.live(project, app, full),
    queryFn: ({ signal }) => api.get<LiveYamlAnswer>(`/api/yaml/live?${appQuery(project, app, full)}`, { signal }),
    staleTime: Infinity,
  });
}

export function useRenderedAppYaml(project: string, app: string) {
  return useQuery({
    queryKey: yamlKeys.rendered(project, app),
    queryFn: ({ signal }) => api.get<RenderedYamlAnswer>(`/api/yaml/rendered?${appQuery(project, app)}`, { signal }),
  });
}

export interface YamlApplyInput {
  project: string;
  yaml: string;
  force?: boolean;
  allowOutsideProject?: boolean;
}

function applyPath(step: "dry-run" | "apply", input: YamlApplyInput): string {
  const params = new URLSearchParams({ project: input.project });
  if (input.force) params.set("force", "true");
  if (input.allowOutsideProject) params.set("allowOutsideProject", "true");
  return `/api/yaml/${step}?${params}`;
}

/** Server-side dry run: per-document outcomes with problems at their lines and the diff texts. */
export function useDryRunYaml() {
  return useMutation({
    mutationFn: (input: YamlApplyInput) => api.postText<YamlApplyResult>(applyPath("dry-run", input), input.yaml, "application/yaml"),
  });
}

/** Server-side apply under berth-editor; everything about the project is stale afterwards. */
export function useApplyYaml() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: YamlApplyInput) => api.postText<YamlApplyResult>(applyPath("apply", input), input.yaml, "application/yaml"),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
