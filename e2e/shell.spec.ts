import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, openNavigation, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

test.describe("the signed-in shell", () => {
  test("navigation fits the device: a sidebar on desktop, a menu on the phone", async ({ page, shot }, testInfo) => {
    const isPhone = testInfo.project.name === "phone";
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    const menuButton = page.getByRole("button", { name: "Menu" });
    const sidebarNav = page.locator("aside").getByRole("navigation", { name: "Main" });

    if (isPhone) {
      await expect(menuButton).toBeVisible();
      await expect(sidebarNav).toBeHidden();
      await shot("shell-light");
      await menuButton.click();
      await expect(menuButton).toHaveAttribute("aria-expanded", "true");
      await shot("shell-menu-open");
    } else {
      await expect(menuButton).toBeHidden();
      await expect(sidebarNav).toBeVisible();
      await shot("shell-light");
    }

    const nav = page.getByRole("navigation", { name: "Main" }).filter({ visible: true });
    await nav.getByRole("link", { name: "Projects" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await expect(page).toHaveURL(/\/projects$/);
    if (isPhone) await expect(menuButton).toHaveAttribute("aria-expanded", "false");

    await openNavigation(page);
    await page.getByRole("navigation", { name: "Main" }).filter({ visible: true }).getByRole("link", { name: "Status" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
    await openNavigation(page);
    await expect(page.getByRole("link", { name: "Status" }).filter({ visible: true })).toHaveAttribute("aria-current", "page");
  });

  test("no page scrolls sideways", async ({ page }) => {
    for (const path of ["/", "/projects", "/status", "/settings"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: /Loading|Asking|Checking/ })).toHaveCount(0);
      await expectNoSidewaysScroll(page);
    }
    await openNavigation(page);
    await expectNoSidewaysScroll(page);
  });

  test("the overview reports the cluster Berth is connected to", async ({ page }) => {
    const clusterResponse = page.waitForResponse((r) => r.url().endsWith("/api/cluster"));
    await page.goto("/");
    const cluster = (await (await clusterResponse).json()) as { source: string; version?: string; reachable: boolean };
    const card = page.getByRole("region", { name: "Cluster connection" });
    await expect(card.getByText(cluster.reachable ? "Connected" : "Cluster unreachable", { exact: true })).toBeVisible();
    if (cluster.version) await expect(card.getByText(cluster.version, { exact: true })).toBeVisible();
    if (cluster.source === "sim") await expect(card.getByText("Simulated cluster (demo)")).toBeVisible();
  });

  test("when the server has no cluster, the overview says how to connect one", async ({ page }) => {
    // The test server always has a cluster (the simulated one), so this answer is stubbed in the browser.
    await page.route("**/api/cluster", (route) =>
      route.fulfill({ json: { source: "none", reachable: false, message: "No Kubernetes cluster found." } }),
    );
    await page.goto("/");
    const card = page.getByRole("region", { name: "Cluster connection" });
    await expect(card.getByText("No cluster connected")).toBeVisible();
    await expect(card.getByText("No Kubernetes cluster found.")).toBeVisible();
    await expect(card.getByText("KUBECONFIG", { exact: true })).toBeVisible();
    await expect(card.getByText("~/.kube/config")).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test("the dark theme follows the system and a chosen theme survives a reload", async ({ page, shot }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await shot("shell-dark");

    await openNavigation(page);
    await page.getByRole("button", { name: "Use light theme" }).filter({ visible: true }).click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  });

  test("a page that does not exist says so and links home", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  });
});
