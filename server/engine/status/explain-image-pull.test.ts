import { describe, expect, it } from "vitest";
import type { Pod } from "kubernetes-types/core/v1";
import { explainApp } from "@/server/engine/status/explain";
import { event, pod } from "@/server/engine/status/test-fixtures";

/** containerd 1.7's texts (kubelet 1.28 wraps them in the gRPC status). */
const ref = (full: string) => `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
const TEXTS = {
  anonymous: `${ref("ghcr.io/acme/api:v1")}: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fapi%3Apull&service=ghcr.io: 401 Unauthorized`,
  oauth: `${ref("ghcr.io/acme/api:v1")}: failed to authorize: failed to fetch oauth token: unexpected status from POST request to https://ghcr.io/token: 401 Unauthorized`,
  hub: `${ref("docker.io/acme/private:1")}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
  notFound: `${ref("ghcr.io/acme/api:v9")}: ghcr.io/acme/api:v9: not found`,
  dns: `${ref("registry.unreachable.test/app:v1")}: failed to do request: Head "https://registry.unreachable.test/v2/app/manifests/v1": dial tcp: lookup registry.unreachable.test on 10.43.0.10:53: no such host`,
  refused: `${ref("10.0.0.5:5000/app:v1")}: failed to do request: Head "https://10.0.0.5:5000/v2/app/manifests/v1": dial tcp 10.0.0.5:5000: connect: connection refused`,
};

function pulling(image: string, message: string, pullSecret?: string): Pod {
  const p = pod("web-x", { phase: "Pending", ready: false, image, container: { ready: false, state: { waiting: { reason: "ErrImagePull", message } } } });
  if (pullSecret) p.spec!.imagePullSecrets = [{ name: pullSecret }];
  return p;
}
const explain = (p: Pod, registryLogins?: Array<{ server: string; username: string }>) => explainApp({ pods: [p], pvcs: [], events: [], registryLogins });

describe("explaining a failed image pull", () => {
  it("says to add credentials when a registry answers unauthorized to an anonymous pull", () => {
    expect(explain(pulling("ghcr.io/acme/api:v1", TEXTS.anonymous))).toBe(
      "The image ghcr.io/acme/api:v1 could not be pulled: ghcr.io answered unauthorized — add credentials for ghcr.io in the project's settings (or check the image name: registries answer the same for a repository that does not exist).",
    );
    expect(explain(pulling("acme/private:1", TEXTS.hub))).toMatch(/^The image acme\/private:1 could not be pulled: docker\.io answered unauthorized — add credentials for docker\.io/);
  });

  it("names the refused user when the pod offered the project's login", () => {
    expect(explain(pulling("ghcr.io/acme/api:v1", TEXTS.oauth, "registry-ghcr.io"), [{ server: "ghcr.io", username: "ci-bot" }])).toBe(
      "The image ghcr.io/acme/api:v1 could not be pulled: ghcr.io refused the credentials for ci-bot — check the username and token in the project's settings.",
    );
  });

  it("says to redeploy when the project has a login its pods do not carry yet", () => {
    expect(explain(pulling("ghcr.io/acme/api:v1", TEXTS.anonymous), [{ server: "ghcr.io", username: "ci-bot" }])).toMatch(/do not carry the project's login for it yet — redeploy the app\.$/);
  });

  it("tells a missing tag from a private one, and an unreachable registry from both", () => {
    expect(explain(pulling("ghcr.io/acme/api:v9", TEXTS.notFound))).toBe("The image ghcr.io/acme/api:v9 could not be pulled: ghcr.io has no such image or tag — check the image name and tag.");
    expect(explain(pulling("registry.unreachable.test/app:v1", TEXTS.dns))).toMatch(/its registry could not be reached \(dial tcp: lookup registry\.unreachable\.test on 10\.43\.0\.10:53: no such host\)/);
    expect(explain(pulling("10.0.0.5:5000/app:v1", TEXTS.refused))).toMatch(/its registry could not be reached \(dial tcp 10\.0\.0\.5:5000: connect: connection refused\)/);
  });

  it("reads the Failed event while the kubelet backs off (ImagePullBackOff says nothing)", () => {
    const backingOff = pod("web-x", { phase: "Pending", ready: false, image: "ghcr.io/acme/api:v1", container: { ready: false, state: { waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "ghcr.io/acme/api:v1"' } } } });
    const failed = event("Pod", "web-x", "Failed", `Failed to pull image "ghcr.io/acme/api:v1": rpc error: code = Unknown desc = ${TEXTS.anonymous}`, { type: "Warning" });
    expect(explainApp({ pods: [backingOff], pvcs: [], events: [failed] })).toMatch(/ghcr\.io answered unauthorized — add credentials for ghcr\.io in the project's settings/);
  });
});
