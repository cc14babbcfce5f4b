import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * A database from the browser against the simulated cluster: New database → its page turns
 * ready with a sentence → an admin reveals the password → the app's Environment tab links it →
 * after a deploy the app's Deployment reads DATABASE_URL from the database's Secret.
 */
test("create a PostgreSQL database, reveal its password and link it to an app", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(120_000);
  const project = `db-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);

    await page.goto(`/projects/${project}`);
    await page.getByRole("link", { name: "New database" }).click();
    await page.getByLabel("Name", { exact: true }).fill("pg");
    await expect(page.getByLabel("Engine")).toHaveValue("postgresql");
    await expect(page.getByLabel("Version")).toHaveValue("17");
    await expectNoSidewaysScroll(page);
    const created = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/databases`) && r.request().method() === "POST");
    await page.getByRole("button", { name: "Create database" }).click();
    expect((await created).status()).toBe(201);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/databases/pg$`));
    await expect(page.getByTestId("database-url")).toHaveText(`postgresql://pg:********@pg.${project}.svc.cluster.local:5432/pg`);
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.", { timeout: 60_000 });
    await page.getByRole("button", { name: "Reveal password" }).click();
    await expect(page.getByTestId("database-password")).toHaveText(/^[A-Za-z0-9]{32}$/);
    await shot("database-ready");

    await page.goto(`/projects/${project}/apps/web/environment`);
    const linkForm = page.getByRole("form", { name: "Link a database" });
    await expect(linkForm.getByLabel("Database")).toHaveValue("pg");
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/apps/web`) && r.request().method() === "PUT");
    await linkForm.getByRole("button", { name: "Link database" }).click();
    expect((await saved).status()).toBe(200);
    await expect(page.getByRole("list", { name: "Linked databases" })).toContainText("DATABASE_URL");
    await shot("app-linked");

    const deployed = await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 70_000 });
    expect((await deployed.json()).operation.status).toBe("succeeded");
    const live = await adminApi.get(`/api/yaml/live?project=${project}&app=web`);
    expect(await live.text()).toContain("pg-credentials");

    await page.goto(`/projects/${project}/databases/pg`);
    await expect(page.getByRole("list", { name: "Linked apps" })).toContainText("web");
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
