import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * /status carries its rows in the page's HTML (read on the server), so a phone on a slow network
 * sees every app before the JavaScript has arrived; the live socket then brings it up to date,
 * including what changed between the server's read and the socket opening.
 */
test.describe("the status page's first paint", () => {
  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the rows are already in the page: every app with its health", async ({ page, adminApi }, testInfo) => {
      const project = `e2e-fp-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
      try {
        expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
        expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
        await page.goto("/status");
        const row = page.locator(`[data-testid="status-row"][data-app="${project}/web"]`);
        await expect(row).toBeVisible();
        await expect(row).toContainText("deployed never");
      } finally {
        await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
      }
    });
  });

  test("an app created while the page's JavaScript was still loading shows once the live socket opens", async ({ page, adminApi }, testInfo) => {
    const project = `e2e-fq-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
    // The page's scripts are held back (a slow network): the rows are the server's, and no live socket is open yet.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/**/*.js", async (route) => {
      await released;
      await route.continue();
    });
    // Namespace changes anywhere (other tests' projects come and go) make the server send
    // `projects-changed`, which refetches the board by itself; kept from this page, only the
    // catch-up on the socket's first open can bring the new app.
    await page.routeWebSocket(/\/api\/ws\/live$/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (!(typeof message === "string" && message.includes('"type":"projects-changed"'))) ws.send(message);
      });
    });
    try {
      expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
      expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "first", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
      await page.goto("/status", { waitUntil: "commit" });
      await expect(page.locator(`[data-app="${project}/first"]`)).toBeVisible();
      expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "later", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
      await expect(page.locator(`[data-app="${project}/later"]`)).toHaveCount(0);

      release();
      await expect(page.getByText(/^Live · \d+ apps?/)).toBeVisible({ timeout: 20_000 });
      await expect(page.locator(`[data-app="${project}/later"]`)).toBeVisible();
    } finally {
      release();
      await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
    }
  });
});
