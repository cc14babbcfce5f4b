import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Issue 13: a worker (an app without a port) created from the form, with its volume group set in
 * Advanced, deploys Healthy on the simulated cluster and shows "worker" where a URL would be.
 */
test("create a worker from the form with an fsGroup, and see it healthy with no URL", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(120_000);
  const project = `e2e-wk-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
  try {
    await page.goto(`/projects/${project}/apps/new`);
    await page.getByLabel("App name").fill("jobs");
    await page.getByLabel("Image").fill("ghcr.io/acme/worker:1");
    await page.getByLabel("Port", { exact: true }).fill("");
    await page.getByLabel("Hostnames", { exact: true }).fill("jobs.example.com");
    await page.getByRole("button", { name: "Create app" }).click();
    // The shared schema refuses hostnames on a worker, next to the field, before any request.
    await expect(page.locator("#app-hostnames-error")).toContainText("a worker has no port, so it cannot have hostnames");
    await page.getByLabel("Hostnames", { exact: true }).fill("");

    await page.getByText("Advanced", { exact: true }).click();
    await page.getByLabel("Volume group (fsGroup)").fill("1000");
    await expect(page.getByText("Postgres refuses a data directory owned by root")).toBeVisible();
    await page.locator("#app-liveness-type").selectOption("command");
    await page.getByLabel("Probe command (one item per line)").fill("true");
    await expectNoSidewaysScroll(page);
    await shot("worker-new");
    const created = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/apps`) && r.request().method() === "POST");
    await page.getByRole("button", { name: "Create app" }).click();
    expect((await created).status()).toBe(201);
    await expect(page).toHaveURL(new RegExp(`/projects/${project}/apps/jobs$`));

    const stored = (await (await adminApi.get(`/api/projects/${project}/apps/jobs`)).json()) as { spec: Record<string, unknown> };
    expect(stored.spec.port).toBeUndefined();
    expect(stored.spec.securityContext).toEqual({ fsGroup: 1000 });
    expect(stored.spec.probes).toEqual({ liveness: { type: "command", command: ["true"] } });

    const main = page.getByRole("main");
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(main.locator('[data-health="Healthy"]').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("worker")).toHaveText("Worker: no port, so no URL — it runs in the background.");
    await expect(main.getByRole("link", { name: /^https?:\/\// })).toHaveCount(0);
    await shot("worker-healthy");

    await page.goto(`/projects/${project}`);
    await expect(page.getByTestId("app-row")).toContainText("worker");
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
