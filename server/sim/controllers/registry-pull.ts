/**
 * What the simulated containerd answers when it pulls an image, registry by registry, in the
 * words containerd 1.7 and the kubelet of Kubernetes 1.28 use:
 *
 * - the private registry (default `registry.berth.test`, user `berth`, password
 *   `berth-demo-pass`) serves an image only to a pod whose `imagePullSecrets` hold a
 *   `kubernetes.io/dockerconfigjson` login for its host. Without one the anonymous token request
 *   is refused; with a wrong username or password the OAuth token request is. It is a token
 *   registry like ghcr.io, Docker Hub or Harbor.
 * - a host under `unreachable.test` does not resolve (`no such host`); one under `timeout.test`
 *   resolves but never answers (`i/o timeout`).
 * - every other registry is public; the image-tag failures of image-behaviour.ts still apply.
 *
 * As the kubelet does, the login is looked up at every pull attempt, so a pod backing off a
 * refused pull succeeds once its Secret holds the right password.
 */
import type { KubeObject, SimStore } from "@/server/sim/contract";
import { behaviourOf, errImagePullMessage, fullImageName } from "@/server/sim/controllers/image-behaviour";

const SECRETS = { group: "", version: "v1", plural: "secrets" };

export interface PrivateRegistry {
  host: string;
  username: string;
  password: string;
}

export const DEFAULT_PRIVATE_REGISTRY: PrivateRegistry = { host: "registry.berth.test", username: "berth", password: "berth-demo-pass" };

/** Why a pull failed: the gRPC code and containerd's message (the ErrImagePull waiting message). */
export interface PullFailure {
  code: "NotFound" | "Unknown";
  message: string;
}

/** The kubelet's "Failed" event for a failed pull (Kubernetes 1.28 keeps the gRPC prefix). */
export function pullFailedEvent(image: string, failure: PullFailure): string {
  return `Failed to pull image "${image}": rpc error: code = ${failure.code} desc = ${failure.message}`;
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `docker.io/library/nginx:1.27` → host, repository path and tag (or digest). */
function splitFullName(full: string): { host: string; path: string; reference: string } {
  const slash = full.indexOf("/");
  const host = full.slice(0, slash);
  const rest = full.slice(slash + 1);
  const at = rest.indexOf("@");
  const colon = at >= 0 ? at : rest.lastIndexOf(":");
  return { host, path: rest.slice(0, colon), reference: rest.slice(colon + 1) };
}

/** The login for `host` in the pod's pull secrets, as the kubelet's keyring finds it (missing Secrets are skipped). */
function loginFor(store: SimStore, pod: KubeObject, host: string): { username: string; password: string } | undefined {
  for (const ref of ((pod.spec as Obj).imagePullSecrets ?? []) as Array<{ name?: string }>) {
    const secret = ref.name ? (store.get(SECRETS, pod.metadata.namespace, ref.name) as Obj | undefined) : undefined;
    if (!secret || secret.type !== "kubernetes.io/dockerconfigjson" || !secret.data?.[".dockerconfigjson"]) continue;
    let auths: Record<string, { username?: string; password?: string; auth?: string }>;
    try {
      auths = JSON.parse(Buffer.from(secret.data[".dockerconfigjson"], "base64").toString("utf8")).auths ?? {};
    } catch {
      continue;
    }
    for (const [key, entry] of Object.entries(auths)) {
      if (key.replace(/^https?:\/\//, "").split("/")[0] !== host) continue;
      if (entry.username !== undefined) return { username: entry.username, password: entry.password ?? "" };
      const decoded = Buffer.from(entry.auth ?? "", "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}

/** What pulling `image` for `pod` fails with, or undefined when the pull succeeds. */
export function pullFailureOf(store: SimStore, pod: KubeObject, image: string, registry: PrivateRegistry = DEFAULT_PRIVATE_REGISTRY): PullFailure | undefined {
  const full = fullImageName(image);
  const { host, path, reference } = splitFullName(full);
  const unpack = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
  const manifest = `https://${host}/v2/${path}/manifests/${reference}`;
  if (host === "unreachable.test" || host.endsWith(".unreachable.test")) {
    return { code: "Unknown", message: `${unpack}: failed to do request: Head "${manifest}": dial tcp: lookup ${host} on 10.43.0.10:53: no such host` };
  }
  if (host === "timeout.test" || host.endsWith(".timeout.test")) {
    return { code: "Unknown", message: `${unpack}: failed to do request: Head "${manifest}": dial tcp 203.0.113.7:443: i/o timeout` };
  }
  if (host === registry.host) {
    const login = loginFor(store, pod, host);
    if (!login) {
      const scope = encodeURIComponent(`repository:${path}:pull`);
      return { code: "Unknown", message: `${unpack}: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://${host}/token?scope=${scope}&service=${host}: 401 Unauthorized` };
    }
    if (login.username !== registry.username || login.password !== registry.password) {
      return { code: "Unknown", message: `${unpack}: failed to authorize: failed to fetch oauth token: unexpected status from POST request to https://${host}/token: 401 Unauthorized` };
    }
  }
  if (behaviourOf(image) === "notfound") return { code: "NotFound", message: errImagePullMessage(image) };
  return undefined;
}
