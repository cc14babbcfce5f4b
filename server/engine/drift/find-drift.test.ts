import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/server/kube/kube-object";
import { findDrift } from "@/server/engine/drift/find-drift";

const applied: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", labels: { "berth.dev/app": "web" } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { limits: { memory: "1Gi" } }, ports: [{ containerPort: 80 }] }] } },
  },
};

function live(overrides: { replicas?: number; image?: string; memory?: string; managedFields?: unknown[] } = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", labels: { "berth.dev/app": "web", extra: "x" }, uid: "u", managedFields: overrides.managedFields as never },
    spec: {
      replicas: overrides.replicas ?? 1,
      strategy: { type: "RollingUpdate" },
      template: {
        spec: {
          containers: [
            { name: "web", image: overrides.image ?? "nginx:1.27", imagePullPolicy: "IfNotPresent", resources: { limits: { memory: overrides.memory ?? "1024Mi" } }, ports: [{ containerPort: 80, protocol: "TCP" }] },
          ],
        },
      },
    },
    status: { replicas: 1 },
  };
}

describe("findDrift", () => {
  it("ignores defaults and extra fields the API server added, and equal quantities in other units", () => {
    expect(findDrift(applied, live())).toBeUndefined();
  });

  it("names the changed field, both values and the manager that changed it", () => {
    const drift = findDrift(
      applied,
      live({
        image: "nginx:evil",
        managedFields: [
          { manager: "berth", operation: "Apply", fieldsV1: { "f:spec": { "f:replicas": {} } } },
          { manager: "kubectl-edit", operation: "Update", fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } } } },
        ],
      }),
    );
    expect(drift?.fields).toEqual([
      { path: ".spec.template.spec.containers[name=web].image", expected: "nginx:1.27", actual: "nginx:evil", manager: "kubectl-edit" },
    ]);
  });

  it("reports a scaled Deployment", () => {
    expect(findDrift(applied, live({ replicas: 3 }))?.fields.map((f) => f.path)).toEqual([".spec.replicas"]);
  });

  it("reports a deleted object as missing", () => {
    expect(findDrift(applied, undefined)).toMatchObject({ isMissing: true, kind: "Deployment", name: "web" });
  });

  it("compares Secret keys, never values (revisions keep them redacted)", () => {
    const secret: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "web-env", namespace: "shop" }, stringData: { TOKEN: "(redacted)" } };
    expect(findDrift(secret, { ...secret, stringData: undefined, data: { TOKEN: "c2VjcmV0" } })).toBeUndefined();
    expect(findDrift(secret, { ...secret, stringData: undefined, data: {} })?.fields[0].path).toBe(".data.TOKEN");
  });
});
