import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { readServerState, type BerthServerState } from "./berth-state";

type TestFixtures = {
  /** Saves a full-page screenshot to test-results/screenshots/<project>-<name>.png. */
  shot: (name: string) => Promise<void>;
  /** Admin API client (Bearer), for checks and for cleaning up what a test created. */
  adminApi: APIRequestContext;
  /** Token names registered here are revoked after the test, whatever happened in it. */
  createdTokenNames: string[];
};
type WorkerFixtures = { berth: BerthServerState };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  berth: [
    // Playwright requires the fixture's first argument to be a destructuring pattern.
    async ({}, use) => {
      await use(readServerState());
    },
    { scope: "worker" },
  ],
  baseURL: async ({ berth }, use) => {
    await use(berth.baseURL);
  },
  shot: async ({ page }, use, testInfo) => {
    const dir = path.resolve(import.meta.dirname, "..", "test-results", "screenshots");
    fs.mkdirSync(dir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: path.join(dir, `${testInfo.project.name}-${name}.png`), fullPage: true });
    });
  },
  adminApi: async ({ playwright, berth }, use) => {
    const context = await playwright.request.newContext({
      baseURL: berth.baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${berth.adminToken}` },
    });
    await use(context);
    await context.dispose();
  },
  createdTokenNames: async ({ adminApi }, use) => {
    const names: string[] = [];
    await use(names);
    if (names.length === 0) return;
    const response = await adminApi.get("/api/tokens");
    const { tokens } = (await response.json()) as { tokens: Array<{ id: string; name: string; revoked: boolean }> };
    for (const token of tokens.filter((t) => names.includes(t.name) && !t.revoked)) {
      await adminApi.delete(`/api/tokens/${token.id}`);
    }
  },
});

export { expect };

/** On a phone the destinations sit behind the Menu button; open it when it is there. */
export async function openNavigation(page: Page): Promise<void> {
  const menuButton = page.getByRole("button", { name: "Menu" });
  if (await menuButton.isVisible()) await menuButton.click();
}

/** Fails when the page is wider than the viewport, i.e. it would scroll sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `page is ${widths.scroll}px wide in a ${widths.client}px viewport`).toBeLessThanOrEqual(widths.client);
}

/** Replaces the whole text of the Monaco editor under `testId` with a paste (typing would auto-indent every line). */
export async function pasteIntoEditor(page: Page, testId: string, text: string): Promise<void> {
  const input = page.getByTestId(testId).first().locator("textarea").first();
  await input.focus();
  // Monaco picks its shortcuts from the user agent, not the host: on the iPhone profile select-all is Cmd+A.
  const isApple = await page.evaluate(() => /iPhone|iPad|Macintosh/.test(navigator.userAgent));
  await page.keyboard.press(isApple ? "Meta+A" : "Control+A");
  await input.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * What a terminal shows, as a person sees it. xterm.js draws nothing while the terminal is out
 * of view, and a card above it that loads later (the backups list) can push it off a phone's
 * screen; so each look first scrolls it into view, as the person would.
 */
export async function terminalText(terminal: Locator): Promise<string> {
  await terminal.scrollIntoViewIfNeeded();
  return (await terminal.locator(".xterm-rows").textContent()) ?? "";
}

/** Waits until the terminal shows `expected` (terminalText). */
export async function expectTerminalToShow(terminal: Locator, expected: string | RegExp, timeout = 10_000): Promise<void> {
  const shown = expect.poll(() => terminalText(terminal), { timeout, message: `the terminal shows ${String(expected)}` });
  await (typeof expected === "string" ? shown.toContain(expected) : shown.toMatch(expected));
}
