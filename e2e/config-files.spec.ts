import { parseAllDocuments } from "yaml";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, pasteIntoEditor, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

const TOKEN = "e2e-secret-token-text";

test.describe("config files", () => {
  test("editing a file in the Files tab rolls the app, and the Deployments diff names the file", async ({ page, adminApi, shot }, testInfo) => {
    test.setTimeout(150_000);
    const project = `files-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    try {
      const files = [
        { path: "/etc/web/app.conf", content: "greeting=hello\n" },
        { path: "/etc/web/token", content: TOKEN, secret: true },
      ];
      expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80, files } })).status()).toBe(201);
      expect((await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 60_000 })).status()).toBe(200);
      const checksum = async () => {
        const live = (await (await adminApi.get(`/api/yaml/live?project=${project}&app=web`)).json()) as { yaml: string };
        const deployment = parseAllDocuments(live.yaml).map((d) => d.toJS()).find((o) => o?.kind === "Deployment");
        return deployment?.spec?.template?.metadata?.annotations?.["berth.dev/files-checksum"] as string | undefined;
      };
      const before = await checksum();
      expect(before).toMatch(/^[0-9a-f]{16}$/);

      await page.goto(`/projects/${project}/apps/web/files`);
      const list = page.getByRole("list", { name: "Files" });
      await expect(list).toContainText("/etc/web/app.conf", { timeout: 60_000 });
      await expect(list).toContainText("/etc/web/token");
      await expect(page.getByText("The secret text is kept as stored")).toHaveCount(0);
      // The first file is open to begin with; Monaco loads on demand, which takes a while on a busy machine.
      await expect(page.getByTestId("file-editor").locator(".view-lines")).toContainText("greeting=hello", { timeout: 60_000 });
      await expect(list.getByRole("button", { name: "/etc/web/app.conf" })).toHaveAttribute("aria-current", "true");
      await pasteIntoEditor(page, "file-editor", "greeting=bonjour\n");
      await expect(page.getByTestId("file-editor").locator(".view-lines")).toContainText("greeting=bonjour");

      const saved = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/apps/web/files`) && r.request().method() === "PUT");
      const deployed = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/apps/web/deploy`) && r.request().method() === "POST");
      await page.getByRole("button", { name: "Save and deploy" }).click();
      expect((await saved).status()).toBe(200);
      expect((await deployed).status()).toBe(202);
      await expect(page.getByText("A deploy is rolling the app")).toBeVisible({ timeout: 30_000 });
      await list.getByRole("button", { name: /token/ }).click();
      await expect(page.getByText("The secret text is kept as stored")).toBeVisible();
      await expect(page.locator("body")).not.toContainText(TOKEN);
      await shot("files-tab");

      await expect.poll(checksum, { timeout: 60_000 }).not.toBe(before);
      const outcome = async () => {
        const { revisions } = (await (await adminApi.get(`/api/projects/${project}/apps/web/revisions`)).json()) as { revisions: Array<{ number: number; outcome: string }> };
        return revisions.find((r) => r.number === 2)?.outcome;
      };
      await expect.poll(outcome, { timeout: 60_000 }).toBe("succeeded");
      await page.goto(`/projects/${project}/apps/web/deployments`);
      const rows = page.getByTestId("revision-row");
      await expect(rows).toHaveCount(2, { timeout: 60_000 });
      await expect(rows.first()).toContainText("Revision 2 · Succeeded");
      for (const row of await rows.all()) await row.getByLabel("Compare").check();
      const diff = page.getByRole("region", { name: "Changes from revision 1 to 2" });
      await expect(diff).toContainText('files["/etc/web/app.conf"]');
      await expect(diff).toContainText("content changed");
      await expect(diff).not.toContainText("/etc/web/token");
      await shot("files-diff");
      expect(((await (await adminApi.get(`/api/projects/${project}/apps/web/files`)).json()) as { files: Array<{ content: string | null }> }).files[0].content).toBe("greeting=bonjour\n");
    } finally {
      await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } });
    }
  });
});
