import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

test("on an empty install the overview says the one next step", async ({ page, shot }) => {
  // Other tests share this server and create projects, so the empty install is answered in the browser.
  await page.route("**/api/projects", (route) => (route.request().method() === "GET" ? route.fulfill({ json: { projects: [] } }) : route.continue()));
  await page.route("**/api/status", (route) => route.fulfill({ json: { apps: [], databases: [], latestDeploys: [] } }));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("Start with a project")).toBeVisible();
  await expect(page.getByRole("link", { name: "Create your first project" })).toHaveAttribute("href", "/projects");
  await expect(page.getByText(/arrive with the dashboard/)).toHaveCount(0);
  const counts = page.getByRole("region", { name: "Counts" });
  await expect(counts.getByText("Projects")).toBeVisible();
  await expect(page.getByRole("region", { name: "Latest deploys" }).getByText("Nothing deployed yet")).toBeVisible();
  // The e2e server runs on the simulated cluster: demo mode, so the admin is offered the sample.
  await expect(page.getByRole("button", { name: "Load a sample project" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot("overview-empty");
});

test("a failing app shows on the overview first, with its explanation and a link, and its deploy among the latest, live", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(90_000);
  const project = `e2e-ov-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
  try {
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Counts" })).toBeVisible();
    const created = await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "broken", image: "nginx:notfound", port: 80 } });
    expect(created.status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps/broken/deploy`)).status()).toBe(202);

    // No reload: the live socket brings the failure to the page.
    const row = page.getByRole("list", { name: "Failing apps" }).locator(`[data-app="${project}/broken"]`);
    await expect(row).toBeVisible({ timeout: 60_000 });
    await expect(row).toContainText(/nginx:notfound/, { timeout: 60_000 });
    await expect(page.getByRole("region", { name: "Counts" }).getByText("Failing")).toBeVisible();

    // The deploy arrives among the latest deploys, then its outcome, both without a reload.
    const deploy = page.getByRole("list", { name: "Latest deploys" }).locator(`[data-app="${project}/broken"]`);
    await expect(deploy).toBeVisible({ timeout: 60_000 });
    await expect(deploy).toHaveAttribute("data-outcome", "failed", { timeout: 60_000 });
    await expect(deploy).toContainText("Failed");
    await expect(deploy).toContainText("revision 1");
    await expect(deploy).toContainText(/by admin · (just now|\d+s ago)/);
    await expect(deploy).toContainText(/nginx:notfound/);
    await expect(deploy.getByRole("link")).toHaveAttribute("href", `/projects/${project}/apps/broken/deployments`);
    await expectNoSidewaysScroll(page);
    await shot("overview-failing");
    await row.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/apps/broken$`));
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
