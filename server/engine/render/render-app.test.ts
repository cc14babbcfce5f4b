import { describe, expect, it } from "vitest";
import { renderApp } from "@/server/engine/render/render-app";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const FULL = {
  secretEnv: [{ name: "TOKEN", value: "tok-123-secret" }],
  hostnames: [{ host: "shop.example.com", tlsSecretName: "shop-tls" }],
  volumes: [
    { name: "data", size: "1Gi", mountPath: "/data" },
    { name: "uploads", size: "2Gi", mountPath: "/uploads" },
  ],
};

describe("renderApp", () => {
  it("renders everything an app needs in apply order, each object valid", () => {
    const objects = renderApp(appSpec(FULL), PROJECT, { restartedAt: "2026-11-22T10:00:00Z" });
    objects.forEach(expectValidKubeObject);
    expect(objects.map((o) => `${o.kind}/${o.metadata!.name}`)).toEqual([
      "Namespace/shop",
      "Secret/web-env",
      "PersistentVolumeClaim/web-data",
      "PersistentVolumeClaim/web-uploads",
      "Deployment/web",
      "Service/web",
      "Ingress/web",
    ]);
  });

  it("renders only Namespace, Deployment and Service for a plain app", () => {
    const objects = renderApp(appSpec(), PROJECT);
    objects.forEach(expectValidKubeObject);
    expect(objects.map((o) => o.kind)).toEqual(["Namespace", "Deployment", "Service"]);
  });

  it("labels every app object with the full label set and the namespace with the project's", () => {
    const objects = renderApp(appSpec(FULL), PROJECT);
    for (const obj of objects.filter((o) => o.kind !== "Namespace")) {
      expect(obj.metadata!.namespace, obj.kind).toBe("shop");
      expect(obj.metadata!.labels, obj.kind).toMatchObject({
        "app.kubernetes.io/name": "web",
        "app.kubernetes.io/instance": "shop-web",
        "app.kubernetes.io/managed-by": "berth",
        "app.kubernetes.io/part-of": "shop",
        "berth.dev/project": "shop",
        "berth.dev/app": "web",
      });
    }
    expect(objects[0].metadata!.labels).toEqual({ "app.kubernetes.io/managed-by": "berth", "app.kubernetes.io/part-of": "shop", "berth.dev/project": "shop" });
  });

  it("puts the secret value only in the Secret", () => {
    const objects = renderApp(appSpec(FULL), PROJECT);
    const encoded = Buffer.from("tok-123-secret").toString("base64");
    for (const obj of objects) {
      const text = JSON.stringify(obj);
      expect(text, obj.kind).not.toContain("tok-123-secret");
      expect(text.includes(encoded), obj.kind).toBe(obj.kind === "Secret");
    }
  });

  it("keeps every derived name and label valid at the longest names the schemas allow", () => {
    const app = appSpec({
      name: `a${"b".repeat(29)}`,
      secretEnv: [{ name: "X", value: "y" }],
      hostnames: [{ host: `${"h".repeat(63)}.example.com` }],
      volumes: [{ name: "v".repeat(63), size: "1Gi", mountPath: "/v" }],
    });
    const objects = renderApp(app, { name: "p".repeat(30) });
    objects.forEach(expectValidKubeObject);
    for (const obj of objects) expect(obj.metadata!.name!.length, obj.kind).toBeLessThanOrEqual(63);
  });

  it("gives identical output for identical input (pure)", () => {
    const options = { restartedAt: "2026-11-22T10:00:00Z", progressDeadlineSeconds: 90 };
    expect(JSON.stringify(renderApp(appSpec(FULL), PROJECT, options))).toBe(JSON.stringify(renderApp(appSpec(FULL), PROJECT, options)));
  });
});
