import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

const isSampleLoad = (response: { url(): string; request(): { method(): string } }) => response.url().endsWith("/api/demo/sample") && response.request().method() === "POST";

test("in demo mode the empty overview loads a sample project: three apps with their health within a minute, the missing image explained", async ({ page, shot }) => {
  test.setTimeout(120_000);
  // Other tests share this server, so the empty install is answered in the browser until the click.
  await page.route("**/api/projects", (route) => (route.request().method() === "GET" ? route.fulfill({ json: { projects: [] } }) : route.continue()));
  await page.route("**/api/status", (route) => route.fulfill({ json: { apps: [], databases: [], latestDeploys: [] } }));
  await page.goto("/");
  await expect(page.getByText("Start with a project")).toBeVisible();
  const offer = page.getByRole("region", { name: "Try Berth on a sample project" });
  await expect(offer).toBeVisible();

  const loaded = page.waitForResponse(isSampleLoad);
  await offer.getByRole("button", { name: "Load a sample project" }).click();
  // The real answers only from the click on: the offer hides once the sample exists (the other
  // viewport's run may have loaded it), so a live refetch before the click took the button away.
  await page.unrouteAll();
  // The desktop and phone runs share one server: whichever clicks second finds the sample there.
  expect([200, 201]).toContain((await loaded).status());
  await expect(offer.getByText(/Loaded the sample project|already there/)).toBeVisible();
  const again = page.waitForResponse(isSampleLoad);
  await offer.getByRole("button", { name: "Load a sample project" }).click();
  expect((await again).status()).toBe(200);
  await expect(offer.getByText("The sample project is already there")).toBeVisible();

  // The overview itself now shows the failing one first, with the sentence that explains it.
  const failing = page.getByRole("list", { name: "Failing apps" }).locator('[data-app="sample/api"]');
  await expect(failing).toContainText("nginx:does-not-exist", { timeout: 60_000 });
  await expectNoSidewaysScroll(page);
  await shot("overview-sample-loaded");

  await offer.getByRole("link", { name: "Open the sample project" }).click();
  await expect(page).toHaveURL(/\/projects\/sample$/);
  const apps = page.getByRole("list", { name: "Apps" });
  const health = (app: string) => apps.getByTestId("app-row").filter({ has: page.getByRole("link", { name: app, exact: true }) }).locator("[data-health]");
  await expect(health("web")).toHaveAttribute("data-health", "Healthy", { timeout: 60_000 });
  await expect(health("worker")).toHaveAttribute("data-health", "Healthy", { timeout: 60_000 });
  await expect(health("api")).toHaveAttribute("data-health", "Failed", { timeout: 60_000 });
  await expectNoSidewaysScroll(page);
  await shot("sample-project");

  await apps.getByRole("link", { name: "api", exact: true }).click();
  await expect(page.getByTestId("explanation")).toContainText("nginx:does-not-exist");
});
