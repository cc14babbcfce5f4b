import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * "New → From template" against the simulated cluster: Gitea with PostgreSQL (an app linked to
 * a database, deployed once the database is ready) and Uptime Kuma (an app with a volume), each
 * picked, filled and installed from the browser, then healthy on the project's page.
 */
test("install Gitea with PostgreSQL and Uptime Kuma from a project's From template page", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(240_000);
  const project = `tpl-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  const installResponse = (template: string) =>
    page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/templates/${template}`) && r.request().method() === "POST");
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);

    await page.goto(`/projects/${project}`);
    // The project page answers slowly on a loaded 2-core CI machine; wait for it before the click's own 10 s.
    await expect(page.getByRole("link", { name: "From template" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("link", { name: "From template" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New from template" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Templates" })).toContainText("Gitea with PostgreSQL");
    await expectNoSidewaysScroll(page);
    await shot("templates-picker");

    await page.getByRole("button", { name: "Use Gitea with PostgreSQL" }).click();
    const gitea = page.getByRole("form", { name: "Install Gitea with PostgreSQL" });
    await expect(gitea.getByLabel("App name")).toHaveValue("gitea");
    await expect(gitea.getByLabel("Database volume size")).toHaveValue("2Gi");
    await gitea.getByLabel("Hostname (optional)").fill(`git.${project}.example.com`);
    await gitea.getByLabel("Repository volume size").fill("1Gi");
    await gitea.getByLabel("Database volume size").fill("1Gi");
    await expectNoSidewaysScroll(page);
    const giteaInstalled = installResponse("gitea-postgresql");
    await gitea.getByRole("button", { name: "Install and deploy" }).click();
    const giteaBody = await (await giteaInstalled).json();
    expect(giteaBody).toMatchObject({ apps: ["gitea"], databases: ["gitea-db"], effects: [] });
    expect(giteaBody.operations.map((o: { kind: string }) => o.kind)).toEqual(["apply-database", "deploy"]);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));

    await expect(page.getByRole("link", { name: "From template" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("link", { name: "From template" }).click();
    await page.getByRole("button", { name: "Use Uptime Kuma" }).click();
    const kuma = page.getByRole("form", { name: "Install Uptime Kuma" });
    await kuma.getByLabel("Data volume size").fill("1Gi");
    const kumaInstalled = installResponse("uptime-kuma");
    await kuma.getByRole("button", { name: "Install and deploy" }).click();
    expect(await (await kumaInstalled).json()).toMatchObject({ apps: ["uptime-kuma"], databases: [] });
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));

    const appRow = (name: string) => page.getByTestId("app-row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(appRow("gitea").locator("[data-health]")).toHaveAttribute("data-health", "Healthy", { timeout: 120_000 });
    await expect(appRow("uptime-kuma").locator("[data-health]")).toHaveAttribute("data-health", "Healthy", { timeout: 60_000 });
    await expect(page.getByTestId("database-row").filter({ hasText: "gitea-db" })).toContainText("Linked: gitea");
    await expectNoSidewaysScroll(page);
    await shot("templates-installed");

    await page.getByRole("link", { name: "gitea-db", exact: true }).click();
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.", { timeout: 60_000 });
    await expect(page.getByRole("list", { name: "Linked apps" })).toContainText("gitea");

    // The app's pod reads the database's parts from its Secret, never a copied password.
    const live = await (await adminApi.get(`/api/yaml/live?project=${project}&app=gitea`)).text();
    expect(live).toContain("gitea-db-credentials");
    const { password } = await (await adminApi.get(`/api/projects/${project}/databases/gitea-db/password`)).json();
    expect(live).not.toContain(password);
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
