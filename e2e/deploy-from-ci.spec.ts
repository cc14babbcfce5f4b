import { execFileSync } from "node:child_process";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Deploy from CI, as a user meets it: an admin creates a deploy token on the app's settings
 * page, and the two curl commands shown beside it — copied as they are, the token in the CI
 * secret's variable — deploy a new image and wait for the outcome.
 */
test.describe("deploy from CI", () => {
  let project: string;

  test.beforeEach(async ({ adminApi }, testInfo) => {
    project = `e2e-ci-${testInfo.project.name.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${testInfo.workerIndex}`;
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
  });

  test.afterEach(async ({ adminApi }) => {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  });

  test("the settings page's deploy token and curl commands deploy a new image", async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    await page.goto(`/projects/${project}/apps/web/settings`);
    await page.getByRole("button", { name: "Create deploy token" }).click();
    const token = (await page.getByTestId("created-token-value").textContent())!.trim();
    expect(token).toMatch(/^berth_/);
    const deploy = (await page.getByTestId("ci-deploy-command").textContent())!.replace("nginx:1.27", "nginx:1.27-alpine");
    const wait = (await page.getByTestId("ci-wait-command").textContent())!;
    // The app's token list shows the new token with its scope.
    await expect(page.getByText(`deploys ${project}/web`).first()).toBeVisible();

    // What a CI job's shell does with the copied text: the token comes from its secret variable.
    const run = (command: string) => JSON.parse(execFileSync("bash", ["-c", command], { env: { ...process.env, BERTH_DEPLOY_TOKEN: token }, encoding: "utf8", timeout: 90_000 }));
    const deployed = run(deploy) as { operation: { id: string } };
    expect(deployed.operation.id).toBeTruthy();
    let outcome = run(wait.replace("OPERATION_ID", deployed.operation.id)) as { status: string; message?: string };
    for (let i = 0; i < 3 && !["succeeded", "failed"].includes(outcome.status); i++) outcome = run(wait.replace("OPERATION_ID", deployed.operation.id));
    expect(outcome.status).toBe("succeeded");

    const app = await (await adminApi.get(`/api/projects/${project}/apps/web`)).json();
    expect(app.spec.image).toBe("nginx:1.27-alpine");
    // The same token cannot change anything else about the app.
    const refused = execFileSync("bash", ["-c", `curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $BERTH_DEPLOY_TOKEN" ${new URL(page.url()).origin}/api/projects/${project}/apps/web`], {
      env: { ...process.env, BERTH_DEPLOY_TOKEN: token },
      encoding: "utf8",
    });
    expect(refused).toBe("403");
  });
});
