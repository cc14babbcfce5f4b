import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * A private image on the simulated cluster's private registry (registry.berth.test, user berth,
 * password berth-demo-pass; server/sim/README.md): it fails with the sentence that says to add
 * credentials, the login is added on the project page (password write-only), and the app —
 * redeployed by Berth — becomes Healthy without anyone pressing Deploy again.
 */
test("a private-image app fails with the sentence, gets a registry login and becomes healthy", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(120_000);
  const project = `reg-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "api", image: "registry.berth.test/team/api:v1", port: 8080 } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps/api/deploy`)).status()).toBeLessThan(300);

    await page.goto(`/projects/${project}/apps/api`);
    await expect(page.getByTestId("explanation")).toContainText("registry.berth.test answered unauthorized — add credentials for registry.berth.test in the project's settings", { timeout: 60_000 });
    await shot("private-image-unauthorized");

    await page.goto(`/projects/${project}`);
    const registries = page.getByRole("region", { name: "Registries" });
    await expect(registries.getByText("No logins yet")).toBeVisible();
    await registries.getByLabel("Registry", { exact: true }).fill("registry.berth.test");
    await registries.getByLabel("Username", { exact: true }).fill("berth");
    await registries.getByLabel("Password or token").fill("berth-demo-pass");
    await expect(registries.getByLabel("Password or token")).toHaveAttribute("type", "password");
    const added = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/registries`) && r.request().method() === "POST");
    await registries.getByRole("button", { name: "Add login" }).click();
    expect((await added).status()).toBe(201);
    await expect(registries.getByText("Saved. Redeploying api so its pods pull from registry.berth.test with this login.")).toBeVisible();
    await expect(registries.getByRole("listitem", { name: "Login for registry.berth.test" })).toContainText("Used by api");
    await expect(registries.getByLabel("Password or token")).toHaveValue("");
    expect(await page.content()).not.toContain("berth-demo-pass");
    await expectNoSidewaysScroll(page);
    await shot("registry-added");

    await page.goto(`/projects/${project}/apps/api`);
    await expect(page.getByRole("main").locator('[data-health="Healthy"]').first()).toBeVisible({ timeout: 60_000 });
    await shot("private-image-healthy");
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
