import { describe, expect, it } from "vitest";
import { ciDeployExample } from "@/lib/apps/ci-deploy-example";

describe("the CI deploy example", () => {
  const example = ciDeployExample({ origin: "https://berth.example.com/", project: "shop", app: "web", image: "ghcr.io/acme/web:v2" });

  it("posts the image to the app's deploy route with the token from the CI secret in a Bearer header", () => {
    expect(example.deploy).toBe(
      [
        'curl --fail-with-body -X POST -H "Authorization: Bearer $BERTH_DEPLOY_TOKEN" \\',
        `  -H "Content-Type: application/json" --data '{"image":"ghcr.io/acme/web:v2"}' \\`,
        "  https://berth.example.com/api/projects/shop/apps/web/deploy",
      ].join("\n"),
    );
  });

  it("waits with a second plain curl on the operation the deploy answered with", () => {
    expect(example.wait).toBe('curl --fail-with-body -H "Authorization: Bearer $BERTH_DEPLOY_TOKEN" "https://berth.example.com/api/projects/shop/operations/OPERATION_ID?wait=true"');
  });
});
