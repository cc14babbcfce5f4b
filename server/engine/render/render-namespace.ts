import type { Namespace } from "kubernetes-types/core/v1";
import { namespaceName } from "@/server/engine/names";
import { ANNOTATION_DISPLAY_NAME, projectLabels } from "@/server/engine/render/labels";
import type { RenderProject } from "@/server/engine/render/types";

/**
 * A project's Namespace, named as the project. The display name rides along as an annotation
 * so restore-from-cluster can bring it back.
 */
export function renderNamespace(project: RenderProject): Namespace {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: namespaceName(project.name),
      labels: projectLabels(project.name),
      ...(project.displayName ? { annotations: { [ANNOTATION_DISPLAY_NAME]: project.displayName } } : {}),
    },
  };
}
