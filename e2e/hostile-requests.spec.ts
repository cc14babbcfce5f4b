import { rawHttp } from "../server/http/testing/raw-http";
import { expect, test } from "./fixtures";

/**
 * What the real server (the production build behind the custom server) answers to requests a
 * browser would never send as written, and to pages asked for without a session.
 */
test.describe("hostile and signed-out requests against the real server", () => {
  test("a page without a session is a 307 to /login?next= on the server, and logging in returns there", async ({ page, playwright, berth }) => {
    const anonymous = await playwright.request.newContext({ baseURL: berth.baseURL, maxRedirects: 0 });
    const noCookie = await anonymous.get("/settings?tab=tokens");
    expect(noCookie.status()).toBe(307);
    expect(noCookie.headers().location).toMatch(/\/login\?next=%2Fsettings%3Ftab%3Dtokens$/);
    const expired = await anonymous.get("/projects", { headers: { cookie: "berth_session=expired-or-made-up" } });
    expect(expired.status()).toBe(307);
    expect(expired.headers().location).toMatch(/\/login\?next=%2Fprojects$/);
    await anonymous.dispose();

    await page.goto("/settings?tab=tokens");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%3Ftab%3Dtokens$/);
    await page.getByLabel("Admin or API token").fill(berth.adminToken);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/settings\?tab=tokens$/);
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });

  test("a next that points off the site lands on the home page instead", async ({ page, berth }) => {
    await page.goto(`/login?next=${encodeURIComponent("/\t/evil.example/")}`);
    await page.getByLabel("Admin or API token").fill(berth.adminToken);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${berth.baseURL}/$`));
  });

  test("every /api answer is JSON: 401 first, then 404 for unknown paths and 400 for odd ones, never a redirect", async ({ berth }) => {
    const bearer = { authorization: `Bearer ${berth.adminToken}` };
    const cases: Array<[string, string, number]> = [
      ["GET", "/api/nope", 404],
      ["DELETE", "/api/projects/shop/apps/web/nope", 404],
      ["GET", "/api", 404],
      ["GET", "/api/projects/%FF", 400],
      ["GET", "/api/projects/shop/apps/%E0%A4%A/status", 400],
      ["DELETE", "/api/projects/shop/%2e%2e/%2e%2e/tokens/x", 400],
      ["GET", "/api/projects/shop/../../tokens", 400],
      ["GET", "/api/projects/", 404],
      ["DELETE", "/api/audit", 405],
      ["OPTIONS", "/api/nope", 404],
    ];
    for (const [method, path, status] of cases) {
      const anonymous = await rawHttp(berth.baseURL, path, { method });
      expect(anonymous.status, `${method} ${path} without credentials`).toBe(401);
      expect(anonymous.type, path).toMatch(/^application\/json/);
      const signedIn = await rawHttp(berth.baseURL, path, { method, headers: bearer });
      expect(signedIn.status, `${method} ${path}: ${signedIn.body}`).toBe(status);
      expect(signedIn.location, path).toBeUndefined();
      expect(signedIn.type, path).toMatch(/^application\/json/);
      expect(JSON.parse(signedIn.body).error.message, path).toMatch(/\w+ \w+/);
    }
    const page = await rawHttp(berth.baseURL, "/projects/%FF", { headers: { cookie: "berth_session=x" } });
    expect(page.status, "a page path that is not UTF-8").toBe(400);
  });
});
