import { describe, expect, it } from "vitest";
import { APP_LABELLED_KINDS, APP_STATUS_KINDS, INFORMED_KINDS, renderedKind, resourceKindOf, resourcePath, sortForApply, sortForDelete } from "@/server/kube/kind-registry";

const obj = (kind: string, name = "x") => ({ kind, metadata: { name } });

describe("the kind registry", () => {
  it("sorts into dependency order, stable within a kind, unknown kinds last", () => {
    const objects = [obj("Widget"), obj("Ingress"), obj("Service"), obj("ConfigMap"), obj("Deployment"), obj("PersistentVolumeClaim", "a"), obj("PersistentVolumeClaim", "b"), obj("Secret"), obj("Namespace")];
    expect(sortForApply(objects).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "Namespace/x",
      "ConfigMap/x",
      "Secret/x",
      "PersistentVolumeClaim/a",
      "PersistentVolumeClaim/b",
      "Deployment/x",
      "Service/x",
      "Ingress/x",
      "Widget/x",
    ]);
    expect(sortForDelete([obj("Namespace"), obj("Deployment"), obj("Ingress")]).map((o) => o.kind)).toEqual(["Ingress", "Deployment", "Namespace"]);
  });

  it("describes each kind well enough to build its REST path", () => {
    expect(renderedKind("Ingress")).toMatchObject({ apiVersion: "networking.k8s.io/v1", group: "networking.k8s.io", version: "v1", plural: "ingresses", namespaced: true });
    expect(renderedKind("Namespace")).toMatchObject({ apiVersion: "v1", group: "", plural: "namespaces", namespaced: false });
    expect(renderedKind("Pod")).toBeUndefined();
    expect(resourcePath(resourceKindOf("apps/v1", "Deployment"), "shop", "web")).toBe("/apis/apps/v1/namespaces/shop/deployments/web");
    expect(resourcePath(resourceKindOf("v1", "Namespace"), "ignored", "shop")).toBe("/api/v1/namespaces/shop");
    expect(() => resourceKindOf("apps/v1", "DaemonSet")).toThrow(expect.objectContaining({ code: "invalid", message: expect.stringMatching(/^Berth cannot manage DaemonSet \(apps\/v1\) objects yet/) }));
  });

  it("watches every kind it reads, and never Secrets (their values would sit in memory)", () => {
    expect([...INFORMED_KINDS].sort()).toEqual(["CronJob", "Deployment", "Event", "Ingress", "Job", "Namespace", "PersistentVolumeClaim", "Pod", "ReplicaSet", "Service", "StatefulSet"]);
    for (const kind of [...APP_STATUS_KINDS, ...APP_LABELLED_KINDS]) expect(INFORMED_KINDS).toContain(kind);
    expect(APP_LABELLED_KINDS).not.toContain("Event");
  });
});
