import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Desktop only (the phone has a menu bar, not a sidebar column; see playwright.config.ts): the
 * sidebar's background used to end one window height down on pages taller than the window.
 */
test("the sidebar's column runs the whole height of a page taller than the window, its navigation stays in view", async ({ page, adminApi, shot }) => {
  const project = `e2e-side-${Date.now().toString(36)}`;
  expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
  try {
    await page.goto(`/projects/${project}/apps/new`);
    await expect(page.getByRole("heading", { level: 1, name: "New app" })).toBeVisible();
    const measure = () =>
      page.evaluate(() => {
        const column = document.querySelector('[data-testid="sidebar"]')!.getBoundingClientRect();
        const nav = document.querySelector('[data-testid="sidebar"] nav')!.getBoundingClientRect();
        const main = document.querySelector("main")!.getBoundingClientRect();
        return { windowHeight: innerHeight, column: { top: column.top, height: column.height }, main: { top: main.top, height: main.height }, navTop: nav.top };
      });
    const before = await measure();
    expect(before.main.height, "the New app form is taller than the window").toBeGreaterThan(before.windowHeight);
    expect(before.column.top).toBeCloseTo(before.main.top, 0);
    expect(before.column.height).toBeCloseTo(before.main.height, 0);

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const after = await measure();
    expect(after.navTop).toBeGreaterThanOrEqual(0);
    expect(after.navTop).toBeLessThan(after.windowHeight / 2);
    await shot("sidebar-tall-page");
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
