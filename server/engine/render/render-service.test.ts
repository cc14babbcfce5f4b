import { describe, expect, it } from "vitest";
import { renderService } from "@/server/engine/render/render-service";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

describe("renderService", () => {
  it("renders a ClusterIP Service selecting the app's pods by the stable labels", () => {
    const service = renderService(appSpec(), PROJECT)!;
    expectValidKubeObject(service);
    expect(service.metadata).toMatchObject({ name: "web", namespace: "shop" });
    expect(service.spec).toEqual({
      type: "ClusterIP",
      selector: { "berth.dev/project": "shop", "berth.dev/app": "web" },
      ports: [{ name: "http", port: 8080, targetPort: 8080, protocol: "TCP" }],
    });
  });

  it("exposes each other port a hostname routes to, once", () => {
    const service = renderService(
      appSpec({ hostnames: [{ host: "a.example.com", port: 9090 }, { host: "b.example.com", port: 9090 }, { host: "c.example.com" }] }),
      PROJECT,
    )!;
    expectValidKubeObject(service);
    expect(service.spec!.ports).toEqual([
      { name: "http", port: 8080, targetPort: 8080, protocol: "TCP" },
      { name: "port-9090", port: 9090, targetPort: 9090, protocol: "TCP" },
    ]);
  });

  it("renders no Service for a worker (an app without a port), so a former one is pruned", () => {
    expect(renderService(appSpec({ port: undefined }), PROJECT)).toBeUndefined();
  });
});
