import { describe, expect, it } from "vitest";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

describe("renderNamespace", () => {
  it("names the Namespace as the project, with project labels and the display name", () => {
    const namespace = renderNamespace({ name: "shop", displayName: "The Shop" });
    expectValidKubeObject(namespace);
    expect(namespace).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: "shop",
        labels: { "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": "shop", "berth.dev/project": "shop" },
        annotations: { "berth.dev/display-name": "The Shop" },
      },
    });
  });

  it("has no app label, so pruning an app never selects it", () => {
    const namespace = renderNamespace({ name: "shop" });
    expectValidKubeObject(namespace);
    expect(namespace.metadata!.labels).not.toHaveProperty("berth.dev/app");
    expect(namespace.metadata).not.toHaveProperty("annotations");
  });
});
