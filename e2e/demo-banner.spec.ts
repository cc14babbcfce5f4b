import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

const BANNER = "Simulated cluster — nothing is really running.";

test.describe("demo mode", () => {
  test("the login page says the cluster is simulated", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("status").filter({ hasText: BANNER })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test.describe("signed in", () => {
    test.use({ storageState: ADMIN_STORAGE_STATE });

    test("every page of the shell carries the banner", async ({ page }) => {
      for (const path of ["/", "/projects", "/status", "/settings"]) {
        await page.goto(path);
        await expect(page.getByRole("status").filter({ hasText: BANNER }), `banner on ${path}`).toBeVisible();
      }
    });
  });
});
