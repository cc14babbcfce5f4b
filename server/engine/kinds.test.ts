import { describe, expect, it } from "vitest";
import { engineKind, sortForApply, sortForDelete } from "@/server/engine/kinds";

const obj = (kind: string, name = "x") => ({ kind, metadata: { name } });

describe("engine kinds", () => {
  it("sorts into dependency order, stable within a kind, unknown kinds last", () => {
    const objects = [obj("Ingress"), obj("Service"), obj("ConfigMap"), obj("Deployment"), obj("PersistentVolumeClaim", "a"), obj("PersistentVolumeClaim", "b"), obj("Secret"), obj("Namespace")];
    expect(sortForApply(objects).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "Namespace/x",
      "Secret/x",
      "PersistentVolumeClaim/a",
      "PersistentVolumeClaim/b",
      "Deployment/x",
      "Service/x",
      "Ingress/x",
      "ConfigMap/x",
    ]);
    expect(sortForDelete([obj("Namespace"), obj("Deployment"), obj("Ingress")]).map((o) => o.kind)).toEqual(["Ingress", "Deployment", "Namespace"]);
  });

  it("describes each kind well enough to build its REST path", () => {
    expect(engineKind("Ingress")).toMatchObject({ apiVersion: "networking.k8s.io/v1", plural: "ingresses", namespaced: true });
    expect(engineKind("Namespace")).toMatchObject({ apiVersion: "v1", plural: "namespaces", namespaced: false });
    expect(engineKind("Pod")).toBeUndefined();
  });
});
