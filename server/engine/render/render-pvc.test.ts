import { describe, expect, it } from "vitest";
import { renderPvc, renderPvcs } from "@/server/engine/render/render-pvc";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

describe("renderPvc", () => {
  it("leaves storageClassName out so the cluster default provisions the volume", () => {
    const app = appSpec({ volumes: [{ name: "data", size: "5Gi", mountPath: "/data" }] });
    const pvc = renderPvc(app, app.volumes[0], PROJECT);
    expectValidKubeObject(pvc);
    expect(pvc).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name: "web-data",
        namespace: "shop",
        labels: {
          "app.kubernetes.io/name": "web",
          "app.kubernetes.io/instance": "shop-web",
          "app.kubernetes.io/managed-by": "berth",
          "app.kubernetes.io/part-of": "shop",
          "berth.dev/project": "shop",
          "berth.dev/app": "web",
          "berth.dev/volume": "data",
        },
      },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
    });
    expect("storageClassName" in pvc.spec!).toBe(false);
  });

  it("sets the storage class and access mode when given, one PVC per volume", () => {
    const app = appSpec({
      replicas: 2,
      volumes: [
        { name: "shared", size: "10Gi", mountPath: "/shared", accessMode: "ReadWriteMany", storageClass: "nfs-client" },
        { name: "cache", size: "512Mi", mountPath: "/cache", accessMode: "ReadWriteMany", storageClass: "nfs-client" },
      ],
    });
    const pvcs = renderPvcs(app, PROJECT);
    pvcs.forEach(expectValidKubeObject);
    expect(pvcs.map((p) => p.metadata!.name)).toEqual(["web-shared", "web-cache"]);
    expect(pvcs[0].spec).toEqual({ accessModes: ["ReadWriteMany"], resources: { requests: { storage: "10Gi" } }, storageClassName: "nfs-client" });
  });

  it("keeps long PVC names within 63 characters", () => {
    const app = appSpec({ name: "a".repeat(30), volumes: [{ name: "v".repeat(63), size: "1Gi", mountPath: "/data" }] });
    const pvc = renderPvc(app, app.volumes[0], PROJECT);
    expectValidKubeObject(pvc);
    expect(pvc.metadata!.name!.length).toBe(63);
  });
});
