import { expect, openNavigation, test } from "./fixtures";

test.describe("logging in", () => {
  test("the printed admin token opens the shell, a reload keeps the session, and log out locks it again", async ({ page, berth, shot }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
    const tokenField = page.getByLabel("Admin or API token");
    await expect(tokenField).toHaveAttribute("type", "password");
    await shot("login");

    await tokenField.fill(berth.adminToken);
    const loginResponse = page.waitForResponse((r) => r.url().endsWith("/api/session") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Log in" }).click();
    expect((await loginResponse).status()).toBe(200);

    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await openNavigation(page);
    const badge = page.getByTestId("user-badge").filter({ visible: true });
    await expect(badge).toContainText("admin");
    await expect(badge).toContainText("Admin");

    const logoutResponse = page.waitForResponse((r) => r.url().endsWith("/api/session") && r.request().method() === "DELETE");
    await page.getByRole("button", { name: "Log out" }).filter({ visible: true }).click();
    expect((await logoutResponse).status()).toBe(204);
    await expect(page).toHaveURL(/\/login$/);

    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login\?next=%2Fprojects$/);
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "berth_session")).toBeUndefined();
  });

  test("a wrong token shows the server's sentence and sets no cookie", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Admin or API token").fill("berth_thisisnotarealtoken0000000000000000000");
    const loginResponse = page.waitForResponse((r) => r.url().endsWith("/api/session") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Log in" }).click();
    const response = await loginResponse;
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { error: { message: string } };

    await expect(page.locator("form").getByRole("alert")).toHaveText(body.error.message);
    await expect(page).toHaveURL(/\/login$/);
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "berth_session")).toBeUndefined();
  });

  test("an empty token is caught in the form before anything is sent", async ({ page }) => {
    let isSessionPosted = false;
    page.on("request", (request) => {
      if (request.url().endsWith("/api/session") && request.method() === "POST") isSessionPosted = true;
    });
    await page.goto("/login");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("paste your Berth token")).toBeVisible();
    await expect(page.getByLabel("Admin or API token")).toHaveAttribute("aria-invalid", "true");
    expect(isSessionPosted).toBe(false);
  });
});
