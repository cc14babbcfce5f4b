import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * The whole dashboard flow on the simulated cluster, once per viewport (desktop and phone):
 * project → nginx app with a hostname and a volume → deploy → Healthy arrives over the live
 * socket (no reload) → a bad image shows the explanation → rollback → Healthy → delete.
 */
test("create, deploy, break, roll back and delete an app, seeing each state live", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(150_000);
  const project = `e2e-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  let isReloaded = false;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && frame.url().includes("/apps/web") && isWatching) isReloaded = true;
  });
  let isWatching = false;
  const tab = (name: string) => page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name, exact: true });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(`${error.message}\n${error.stack ?? ""}`));

  try {
    await page.goto("/projects");
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByLabel("Project name").fill(project);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));
    await expect(page.getByText("Deploy your first app")).toBeVisible();
    await shot("project-empty");

    await page.getByRole("link", { name: "New app" }).click();
    await page.getByLabel("App name").fill("web");
    await page.getByLabel("Image").fill("nginx:1.27");
    await page.getByLabel("Replicas").fill("2");
    await page.getByLabel("Hostnames", { exact: true }).fill(`web.${project}.example.com`);
    await page.getByLabel("Volumes", { exact: true }).fill("data 1Gi /usr/share/nginx/html");
    await page.getByRole("button", { name: "Create app" }).click();
    // The shared schema refuses 2 replicas with a ReadWriteOnce volume, next to the field, before any request.
    await expect(page.locator("#app-replicas-error")).toContainText("only 1 replica");
    await page.getByLabel("Replicas").fill("1");
    await expectNoSidewaysScroll(page);
    await shot("new-app");
    const created = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/apps`) && r.request().method() === "POST");
    await page.getByRole("button", { name: "Create app" }).click();
    expect((await created).status()).toBe(201);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/apps/web$`));

    const main = page.getByRole("main");
    await expect(main.locator('[data-health="Stopped"]').first()).toBeVisible();
    isWatching = true;
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(main.locator('[data-health="Healthy"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("ready-replicas")).toHaveText("1/1 ready");
    await expect(main.getByRole("link", { name: `http://web.${project}.example.com/` })).toBeVisible();
    expect(isReloaded, "Healthy must arrive without a reload").toBe(false);
    await expectNoSidewaysScroll(page);
    await shot("app-healthy");

    await tab("Volumes").click();
    await expect(page.getByTestId("volume-row")).toContainText("Bound");
    await expect(page.getByText("ReadWriteOnce (k3s local-path)")).toBeVisible();
    await shot("app-volumes");

    await tab("Settings").click();
    await page.getByLabel("Image").fill("nginx:notfound");
    const saved = page.waitForResponse((r) => r.url().endsWith(`/apps/web`) && r.request().method() === "PUT");
    await page.getByRole("button", { name: "Save changes" }).click();
    expect((await saved).status()).toBe(200);
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await tab("Overview").click();
    await expect(page.getByTestId("explanation")).toContainText(/nginx:notfound/, { timeout: 60_000 });
    await shot("app-failing");

    await tab("Deployments").click();
    await expect(page.getByTestId("revision-row")).toHaveCount(2);
    await page.getByRole("checkbox").first().check();
    await page.getByRole("checkbox").nth(1).check();
    await expect(page.getByText('"nginx:notfound"')).toBeVisible();
    await shot("app-deployments");
    await page.getByRole("button", { name: "Roll back to revision 1" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
    await tab("Overview").click();
    await expect(main.locator('[data-health="Healthy"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("explanation")).toHaveCount(0);

    await page.goto("/status");
    const row = page.locator(`[data-app="${project}/web"]`);
    await expect(row).toContainText("Healthy");
    await expect(row).toContainText("1/1 ready");
    await expectNoSidewaysScroll(page);
    await shot("status");

    await page.goto(`/projects/${project}`);
    await expect(page.getByTestId("app-row")).toContainText("Healthy");
    await expectNoSidewaysScroll(page);
    await shot("project");
    await page.getByRole("link", { name: "web", exact: true }).click();
    await tab("Settings").click();
    await page.getByLabel("Also delete its volumes").check();
    await page.getByLabel("Type web to confirm").fill("web");
    await page.getByRole("button", { name: "Delete app" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project}$`));

    await page.getByLabel(`Type ${project} to confirm`).fill(project);
    await page.getByRole("button", { name: "Delete project" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    expect(pageErrors).toEqual([]);
  } finally {
    if (pageErrors.length > 0) console.log(pageErrors.join("\n"));
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});

test("the status page is installable: the manifest and its icons are served", async ({ page, shot }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/status");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByText(/^Live · \d+ apps?/)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot("status-dark");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const manifest = (await (await page.request.get(href!)).json()) as { start_url: string; icons: Array<{ src: string; sizes: string }> };
  expect(manifest.start_url).toBe("/status");
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
});

test("a dropped live socket shows Reconnecting…, comes back by itself and catches up on what it missed", async ({ page, adminApi }, testInfo) => {
  test.setTimeout(60_000);
  const project = `e2e-re-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  let isDown = false;
  let current: { close: () => Promise<void> } | undefined;
  await page.routeWebSocket(/\/api\/ws\/live$/, (ws) => {
    if (isDown) return void ws.close();
    // The socket counts as live only once the page has had the server's hello: a socket closed
    // before it ever opened is a first "connecting", never a "Reconnecting…" (the race that made
    // this test flaky when it closed a socket the page had not opened yet).
    const server = ws.connectToServer();
    server.onMessage((message) => {
      ws.send(message);
      if (typeof message === "string" && message.includes('"type":"hello"')) current = ws;
    });
  });
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    await page.goto(`/projects/${project}`);
    await expect(page.getByText("Deploy your first app")).toBeVisible();
    await expect.poll(() => current !== undefined).toBe(true);

    isDown = true;
    await current!.close();
    await expect(page.getByText("Reconnecting…")).toBeVisible();
    const created = await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "missed", image: "nginx:1.27", port: 80 } });
    expect(created.status()).toBe(201);

    isDown = false;
    await expect(page.getByText("Reconnecting…")).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId("app-row").filter({ hasText: "missed" })).toBeVisible();
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
