import { appSpecSchema, type AppSpec, type AppSpecInput } from "@/lib/schemas/app";
import type { RenderProject } from "@/server/engine/render/types";

/** Test fixtures: a parsed app spec (defaults filled, rules checked) and its project. */
export const PROJECT: RenderProject = { name: "shop", displayName: "The Shop" };

export function appSpec(overrides: Partial<AppSpecInput> = {}): AppSpec {
  return appSpecSchema.parse({ name: "web", image: "nginx:1.27", port: 8080, ...overrides });
}
