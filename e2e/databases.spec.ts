import { spawnSync } from "node:child_process";
import path from "node:path";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, expectTerminalToShow, test } from "./fixtures";

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
    // The project page answers slowly on a loaded 2-core CI machine; wait for it before the click's own 10 s.
    await expect(page.getByRole("link", { name: "New database" })).toBeVisible({ timeout: 30_000 });
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

function kubectl(kubeconfig: string, args: string[]): string {
  const result = spawnSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * The database page's Logs and Terminal (psql, then a shell once the image has no psql), then the
 * two deletes that keep data: the app (the database stays) and the database (its volume and
 * credentials stay, checked with kubectl against the simulated cluster), and the database made
 * again under its name, which says it reuses the kept volume's credentials.
 */
test("a database's logs and terminal; delete the app keeping the database, then the database keeping its volume", async ({ page, adminApi, berth, shot }, testInfo) => {
  test.setTimeout(180_000);
  const project = `dbk-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  const kubeconfig = path.join(berth.dataDir, "sim-kubeconfig.yaml");
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    const created = await adminApi.post(`/api/projects/${project}/databases?wait=true`, { data: { name: "pg", engine: "postgresql" }, timeout: 60_000 });
    expect((await created.json()).operation.status).toBe("succeeded");
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80, links: [{ database: "pg" }] } })).status()).toBe(201);
    const deployed = await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 90_000 });
    expect((await deployed.json()).operation.status).toBe("succeeded");
    const { password } = await (await adminApi.get(`/api/projects/${project}/databases/pg/password`)).json();

    await page.goto(`/projects/${project}/databases/pg`);
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.", { timeout: 60_000 });
    // The log follows the database's own pod and container (the list is virtualized: the latest lines are in view).
    await expect(page.getByTestId("log-lines")).toContainText("pg-0/postgresql", { timeout: 15_000 });

    await page.getByRole("button", { name: "Open terminal" }).click();
    await expect(page.getByRole("tab", { name: "pg-0 / postgresql (psql)" })).toBeVisible({ timeout: 15_000 });
    const terminal = page.getByTestId("terminal");
    // The first output crosses browser → Berth → the cluster's exec: allow a busy CI machine time.
    await expectTerminalToShow(terminal, "psql (17.8", 30_000);
    await expectTerminalToShow(terminal, "pg=#");
    await terminal.click();
    await page.keyboard.type("SELECT 1;");
    await page.keyboard.press("Enter");
    await expectTerminalToShow(terminal, "(1 row)");
    await expectNoSidewaysScroll(page);

    // Delete the app, keeping its data: the database is untouched and no longer linked.
    await page.goto(`/projects/${project}/apps/web/settings`);
    await page.getByLabel("Type web to confirm").fill("web");
    const appDeleted = page.waitForResponse((r) => r.url().includes(`/api/projects/${project}/apps/web`) && r.request().method() === "DELETE");
    await page.getByRole("button", { name: "Delete app" }).click();
    expect((await appDeleted).status()).toBeLessThan(300);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));
    await expect.poll(async () => (await adminApi.get(`/api/projects/${project}/apps/web`)).status(), { timeout: 30_000 }).toBe(404);
    await page.goto(`/projects/${project}/databases/pg`);
    await expect(page.getByText("No app links this database yet")).toBeVisible();
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.");

    // An image without psql (someone set another image by hand): the terminal says so and opens a shell.
    kubectl(kubeconfig, ["-n", project, "set", "image", "statefulset/pg", "postgresql=berth-test/web:sh-only"]);
    await expect
      .poll(() => kubectl(kubeconfig, ["-n", project, "get", "pod", "pg-0", "-o", "jsonpath={.spec.containers[0].image} {.status.phase}"]), { timeout: 60_000 })
      .toBe("berth-test/web:sh-only Running");
    await page.reload();
    await page.getByRole("button", { name: "Open terminal" }).click();
    await expect(page.getByRole("tab", { name: /pg-0 \/ postgresql \((sh|bash)\)/ })).toBeVisible({ timeout: 15_000 });
    await expectTerminalToShow(terminal, "psql is not in this image; starting a shell instead");
    await terminal.click();
    await page.keyboard.type("echo still-here");
    await page.keyboard.press("Enter");
    await expectTerminalToShow(terminal, /echo still-here.*still-here/);

    // Delete the database, keeping its volume: the claim and the credentials Secret stay. (The page
    // holds a live log and a terminal; on a loaded machine its clicks take longer than the default 10 s.)
    const dbDeleted = page.waitForResponse((r) => r.url().includes(`/api/projects/${project}/databases/pg?`) && r.request().method() === "DELETE", { timeout: 30_000 });
    await page.getByRole("button", { name: "Delete database" }).click({ timeout: 30_000 });
    expect((await dbDeleted).status()).toBeLessThan(300);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));
    await expect.poll(async () => (await adminApi.get(`/api/projects/${project}/databases/pg`)).status(), { timeout: 30_000 }).toBe(404);
    await expect.poll(() => kubectl(kubeconfig, ["-n", project, "get", "statefulset", "--ignore-not-found", "-o", "name"]), { timeout: 30_000 }).toBe("");
    expect(kubectl(kubeconfig, ["-n", project, "get", "pvc", "data-pg-0", "-o", "jsonpath={.status.phase}"])).toBe("Bound");
    expect(kubectl(kubeconfig, ["-n", project, "get", "secret", "pg-credentials", "-o", "name"]).trim()).toBe("secret/pg-credentials");

    // Created again under its name, it says it reuses the kept volume's credentials, and they are the old ones.
    await expect(page.getByRole("link", { name: "New database" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("link", { name: "New database" }).click();
    await page.getByLabel("Name", { exact: true }).fill("pg");
    await page.getByRole("button", { name: "Create database" }).click();
    await expect(page.getByRole("status").filter({ hasText: 'Reusing the credentials of the kept volume "data-pg-0"' })).toBeVisible();
    await shot("database-reuses-kept-volume");
    await page.getByRole("button", { name: "Open the database" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/databases/pg$`));
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.", { timeout: 60_000 });
    expect((await (await adminApi.get(`/api/projects/${project}/databases/pg/password`)).json()).password).toBe(password);
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
