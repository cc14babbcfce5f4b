import type { Secret } from "kubernetes-types/core/v1";
import { DOCKER_HUB, registryOfImage } from "@/lib/schemas/registry";
import { namespaceName, registrySecretName } from "@/server/engine/names";
import { ANNOTATION_REGISTRY, projectLabels } from "@/server/engine/render/labels";

/** A registry login as render needs it, the password in plain text (decrypted by the caller). */
export interface RegistryLogin {
  /** Canonical host[:port] (lib/schemas/registry.ts). */
  server: string;
  username: string;
  password: string;
}

/**
 * The key of the login in `.dockerconfigjson`. Docker Hub's is the URL `docker login` writes
 * (`https://index.docker.io/v1/`), which the kubelet's keyring matches for every Docker Hub
 * image; every other registry is keyed by its host[:port], as `kubectl create secret
 * docker-registry --docker-server` writes it.
 * https://kubernetes.io/docs/concepts/containers/images/#config-json
 */
export function dockerConfigKey(server: string): string {
  return server === DOCKER_HUB ? "https://index.docker.io/v1/" : server;
}

/**
 * The project-wide Secret holding one registry login, typed `kubernetes.io/dockerconfigjson` so
 * the kubelet reads it as pull credentials. It carries the project's labels but no app label:
 * pruning an app never selects it, and it lives as long as the login does.
 * https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
 */
export function renderRegistrySecret(login: RegistryLogin, project: string): Secret {
  const auth = Buffer.from(`${login.username}:${login.password}`, "utf8").toString("base64");
  const config = { auths: { [dockerConfigKey(login.server)]: { username: login.username, password: login.password, auth } } };
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: registrySecretName(login.server),
      namespace: namespaceName(project),
      labels: projectLabels(project),
      annotations: { [ANNOTATION_REGISTRY]: login.server },
    },
    type: "kubernetes.io/dockerconfigjson",
    data: { ".dockerconfigjson": Buffer.from(JSON.stringify(config), "utf8").toString("base64") },
  };
}

/** The `imagePullSecrets` for `image` given the project's registries (canonical hosts): one entry or none. */
export function pullSecretsFor(image: string, registries: readonly string[]): Array<{ name: string }> {
  const registry = registryOfImage(image);
  return registry !== undefined && registries.includes(registry) ? [{ name: registrySecretName(registry) }] : [];
}
