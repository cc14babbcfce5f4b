import { describe, expect, it } from "vitest";
import { renderIngress } from "@/server/engine/render/render-ingress";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

describe("renderIngress", () => {
  it("renders no Ingress for an app without hostnames", () => {
    expect(renderIngress(appSpec(), PROJECT)).toBeUndefined();
  });

  it("puts every hostname in one Ingress: a rule per host, a Prefix path per entry, TLS only where named", () => {
    const ingress = renderIngress(
      appSpec({
        hostnames: [
          { host: "shop.example.com" },
          { host: "shop.example.com", path: "/api", port: 9090 },
          { host: "*.example.com", tlsSecretName: "wildcard-tls" },
          { host: "admin.example.com", tlsSecretName: "wildcard-tls" },
        ],
      }),
      PROJECT,
    )!;
    expectValidKubeObject(ingress);
    const backend = (number: number) => ({ service: { name: "web", port: { number } } });
    expect(ingress).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: "shop", labels: expect.objectContaining({ "berth.dev/project": "shop", "berth.dev/app": "web" }) },
      spec: {
        rules: [
          {
            host: "shop.example.com",
            http: {
              paths: [
                { path: "/", pathType: "Prefix", backend: backend(8080) },
                { path: "/api", pathType: "Prefix", backend: backend(9090) },
              ],
            },
          },
          { host: "*.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: backend(8080) }] } },
          { host: "admin.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: backend(8080) }] } },
        ],
        tls: [{ hosts: ["*.example.com", "admin.example.com"], secretName: "wildcard-tls" }],
      },
    });
  });

  it("omits ingressClassName (cluster default) unless the options set one", () => {
    const app = appSpec({ hostnames: [{ host: "a.example.com" }] });
    expect("ingressClassName" in renderIngress(app, PROJECT)!.spec!).toBe(false);
    expect("tls" in renderIngress(app, PROJECT)!.spec!).toBe(false);
    const classed = renderIngress(app, PROJECT, { ingressClassName: "nginx" })!;
    expectValidKubeObject(classed);
    expect(classed.spec!.ingressClassName).toBe("nginx");
  });
});
