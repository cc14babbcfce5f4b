import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

test.describe("API tokens on the settings page", () => {
  test("create a token, see its value once, find it in the list and the audit log, revoke it", async ({
    page,
    playwright,
    berth,
    shot,
    createdTokenNames,
  }, testInfo) => {
    const name = `e2e-${testInfo.project.name}-${Date.now().toString(36)}`;
    createdTokenNames.push(name);

    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByLabel("Expires after").selectOption("30");
    const createResponse = page.waitForResponse((r) => r.url().endsWith("/api/tokens") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Create token" }).click();
    expect((await createResponse).status()).toBe(201);

    const value = page.getByTestId("created-token-value");
    await expect(value).toHaveText(/^berth_\S+$/);
    const tokenValue = (await value.textContent()) ?? "";
    const row = page.getByTestId("token-row").filter({ hasText: name });
    await expect(row).toContainText("viewer");
    await expect(row).toContainText("Expires");
    await expect(page.getByRole("list", { name: "Audit events" })).toContainText(`Created token`);
    await shot("settings-token-created");

    const bearer = await playwright.request.newContext({ baseURL: berth.baseURL, extraHTTPHeaders: { authorization: `Bearer ${tokenValue}` } });
    try {
      const whoAmI = await bearer.get("/api/session");
      expect(whoAmI.status()).toBe(200);
      expect(((await whoAmI.json()) as { role: string }).role).toBe("viewer");

      await page.reload();
      await expect(row).toBeVisible();
      await expect(page.getByTestId("created-token-value")).toHaveCount(0);
      await expect(page.getByText(tokenValue)).toHaveCount(0);

      await row.getByRole("button", { name: `Revoke token ${name}` }).click();
      const dialog = page.getByRole("dialog", { name: `Revoke token "${name}"?` });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toBeVisible();

      await row.getByRole("button", { name: `Revoke token ${name}` }).click();
      const revokeResponse = page.waitForResponse((r) => r.url().includes("/api/tokens/") && r.request().method() === "DELETE");
      await dialog.getByRole("button", { name: "Revoke token" }).click();
      expect((await revokeResponse).ok()).toBe(true);
      await expect(dialog).toBeHidden();
      await expect(row).toHaveCount(0);
      await expect(page.getByRole("list", { name: "Audit events" })).toContainText("Revoked token");

      expect((await bearer.get("/api/session")).status()).toBe(401);
    } finally {
      await bearer.dispose();
    }
  });

  test("a token without a name is refused in the form with the schema's sentence", async ({ page, shot }) => {
    await page.goto("/settings");
    let isTokenPosted = false;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/tokens") && request.method() === "POST") isTokenPosted = true;
    });
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("give the token a name")).toBeVisible();
    await expect(page.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
    expect(isTokenPosted).toBe(false);
    await shot("settings");
  });
});
