import { describe, expect, it } from "vitest";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { dockerConfigKey, pullSecretsFor, renderRegistrySecret } from "@/server/engine/render/render-registry-secret";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

function dockerConfig(secret: { data?: Record<string, string> }) {
  return JSON.parse(Buffer.from(secret.data![".dockerconfigjson"], "base64").toString("utf8"));
}

describe("renderRegistrySecret", () => {
  it("is a dockerconfigjson Secret the kubelet reads as pull credentials for the host", () => {
    const secret = renderRegistrySecret({ server: "registry.example.com:5000", username: "ci", password: "tök:en" }, "shop");
    expectValidKubeObject(secret);
    expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
    expect(secret.metadata).toMatchObject({ name: "registry-registry.example.com-5000", namespace: "shop", annotations: { "berth.dev/registry": "registry.example.com:5000" } });
    expect(secret.metadata!.labels).not.toHaveProperty("berth.dev/app");
    expect(dockerConfig(secret)).toEqual({
      auths: { "registry.example.com:5000": { username: "ci", password: "tök:en", auth: Buffer.from("ci:tök:en").toString("base64") } },
    });
  });

  it("keys Docker Hub by the URL docker login writes", () => {
    expect(dockerConfigKey("docker.io")).toBe("https://index.docker.io/v1/");
    const secret = renderRegistrySecret({ server: "docker.io", username: "me", password: "p" }, "shop");
    expectValidKubeObject(secret);
    expect(secret.metadata!.name).toBe("registry-docker.io");
    expect(Object.keys(dockerConfig(secret).auths)).toEqual(["https://index.docker.io/v1/"]);
  });
});

describe("imagePullSecrets", () => {
  it("go to apps whose image lives on a registry the project has a login for, and only those", () => {
    expect(pullSecretsFor("ghcr.io/acme/api:v1", ["ghcr.io"])).toEqual([{ name: "registry-ghcr.io" }]);
    expect(pullSecretsFor("GHCR.io/acme/api:v1", ["ghcr.io"])).toEqual([{ name: "registry-ghcr.io" }]);
    expect(pullSecretsFor("ghcr.io/acme/api:v1", ["registry.example.com"])).toEqual([]);
    expect(pullSecretsFor("registry.example.com:5000/api", ["registry.example.com"])).toEqual([]);
    expect(pullSecretsFor("registry.example.com:5000/api", ["registry.example.com:5000"])).toEqual([{ name: "registry-registry.example.com-5000" }]);
  });

  it("treat an image without a host and Docker Hub's aliases as one registry", () => {
    for (const image of ["acme/private:1", "nginx", "docker.io/acme/private:1", "index.docker.io/acme/private", "registry-1.docker.io/acme/private"]) {
      expect(pullSecretsFor(image, ["docker.io"])).toEqual([{ name: "registry-docker.io" }]);
    }
  });

  it("are rendered on the Deployment's pod template, which stays valid", () => {
    const deployment = renderDeployment(appSpec({ image: "ghcr.io/acme/api:v1" }), { ...PROJECT, registries: ["ghcr.io", "docker.io"] });
    expectValidKubeObject(deployment);
    expect(deployment.spec!.template.spec!.imagePullSecrets).toEqual([{ name: "registry-ghcr.io" }]);
    expect(renderDeployment(appSpec({ image: "ghcr.io/acme/api:v1" }), PROJECT).spec!.template.spec).not.toHaveProperty("imagePullSecrets");
  });
});
