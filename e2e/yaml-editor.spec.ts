import { parseAllDocuments } from "yaml";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, pasteIntoEditor, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

type Page = import("@playwright/test").Page;

const replaceEditorText = (page: Page, text: string) => pasteIntoEditor(page, "yaml-editor", text);

/** Puts the cursor inside the first key `name` at the start of a line (after its indentation). */
async function moveCursorToKey(page: Page, text: string, name: string) {
  const line = text.split("\n").findIndex((l) => l.trimStart().startsWith(`${name}:`));
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < line; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
}

test.describe("YAML editor", () => {
  test("marks a misspelt field, explains a field on hover, and applies a replica change through dry run and diff", async ({ page, adminApi, shot }, testInfo) => {
    test.setTimeout(150_000);
    const project = `yaml-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    try {
      expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
      const deployed = await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 60_000 });
      expect(deployed.status()).toBe(200);

      const live = (await (await adminApi.get(`/api/yaml/live?project=${project}&app=web`)).json()) as { yaml: string };
      expect(live.yaml).toMatch(/^  replicas: 1$/m);

      await page.goto(`/projects/${project}/apps/web/yaml`);
      const editor = page.getByTestId("yaml-editor").first();
      await expect(editor.locator(".view-lines")).toContainText("kind: Deployment", { timeout: 60_000 });
      await expect(page.getByRole("heading", { name: /Rendered by Berth · revision 1/ })).toBeVisible();

      // A misspelt field gets a marker from the cluster's own schema.
      const misspelt = live.yaml.replace(/^  replicas: 1$/m, "  replicas: 1\n  replicaz: 2");
      await replaceEditorText(page, misspelt);
      await moveCursorToKey(page, misspelt, "replicaz");
      await expect(editor.locator(".view-lines")).toContainText("replicaz: 2");
      await expect(editor.locator(".squiggly-error, .squiggly-warning").first()).toBeVisible({ timeout: 20_000 });
      await page.keyboard.press("ControlOrMeta+K");
      await page.keyboard.press("ControlOrMeta+I");
      await expect(page.locator(".monaco-hover").filter({ hasText: "Property replicaz is not allowed" })).toBeVisible({ timeout: 15_000 });
      await shot("yaml-editor-marker");
      await page.keyboard.press("Escape");

      // Hover on a field shows its description, type and whether it is required.
      await moveCursorToKey(page, misspelt, "replicas");
      await page.keyboard.press("ControlOrMeta+K");
      await page.keyboard.press("ControlOrMeta+I");
      const hover = page.locator(".monaco-hover").filter({ hasText: "Number of desired pods" });
      await expect(hover).toBeVisible({ timeout: 15_000 });
      await expect(hover).toContainText("optional");
      await shot("yaml-editor-hover");

      // Change replicas → dry run → conflict naming Berth's manager → forced dry run → diff → apply.
      await replaceEditorText(page, live.yaml.replace(/^  replicas: 1$/m, "  replicas: 2"));
      const dryRun = page.waitForResponse((r) => r.url().includes("/api/yaml/dry-run") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Review changes" }).click();
      expect((await dryRun).status()).toBe(200);
      await expect(page.getByText(/spec\.replicas is owned by "berth"/)).toBeVisible();
      const forcedDryRun = page.waitForResponse((r) => r.url().includes("/api/yaml/dry-run") && r.url().includes("force=true"));
      await page.getByRole("button", { name: "Review a forced apply" }).click();
      expect((await forcedDryRun).status()).toBe(200);
      const diff = page.getByTestId("yaml-diff").first();
      await expect(diff).toContainText("replicas: 2", { timeout: 20_000 });
      await expect(diff).toContainText("replicas: 1");
      await shot("yaml-editor-diff");
      const applied = page.waitForResponse((r) => r.url().includes("/api/yaml/apply") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Force apply" }).click();
      expect((await applied).status()).toBe(200);
      await expect(page.getByText(/Deployment .*\/web applied\./)).toBeVisible();

      // The Overview (issue 5's page) shows two ready pods: the hand edit is drift from the spec,
      // so it reads the live count (and its drift notice names Berth's YAML editor); the API agrees.
      await page.getByRole("navigation", { name: "App sections" }).getByRole("link", { name: "Overview" }).click();
      await expect(page.getByTestId("ready-replicas")).toHaveText(/^2\/\d+ ready/, { timeout: 20_000 });
      await shot("yaml-editor-overview-after-apply");
      await expect
        .poll(async () => {
          const now = (await (await adminApi.get(`/api/yaml/live?project=${project}&app=web`)).json()) as { yaml: string };
          const deployment = parseAllDocuments(now.yaml).map((d) => d.toJS()).find((o) => o?.kind === "Deployment");
          return deployment?.spec?.replicas;
        })
        .toBe(2);
    } finally {
      await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } });
    }
  });

  test("dry-runs a valid and an invalid document together in a fresh project and shows both results, the error at its line", async ({ page, adminApi, shot }, testInfo) => {
    test.setTimeout(90_000);
    const project = `mixed-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    try {
      const yaml = [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: settings",
        "data:",
        "  greeting: hello",
        "---",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: badname",
        "spec:",
        "  replicaz: 2",
        "  selector:",
        "    matchLabels: {app: badname}",
        "  template:",
        "    metadata:",
        "      labels: {app: badname}",
        "    spec:",
        "      containers:",
        "      - name: web",
        "        image: nginx:1.27",
        "",
      ].join("\n");
      await page.goto(`/projects/${project}/resources/new`);
      const editor = page.getByTestId("yaml-editor").first();
      await expect(editor.locator(".view-lines")).toContainText("apiVersion", { timeout: 60_000 });
      await replaceEditorText(page, yaml);
      await expect(editor.locator(".view-lines")).toContainText("replicaz: 2");

      const dryRun = page.waitForResponse((r) => r.url().includes("/api/yaml/dry-run") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Review changes" }).click();
      expect((await dryRun).status()).toBe(200);
      const results = page.getByRole("list", { name: "Dry run results" });
      await expect(results.locator('[data-outcome="ok"]')).toContainText(`ConfigMap ${project}/settings would be created.`);
      const invalid = results.locator('[data-outcome="invalid"]');
      await expect(invalid).toContainText(`Deployment ${project}/badname does not fit the Deployment schema (line 13).`);
      await expect(invalid).toContainText('Line 13, column 3: unknown field "spec.replicaz"; check its spelling and indentation');
      await expect(page.getByText(/cluster.*unavailable/i)).toHaveCount(0);
      await shot("yaml-editor-mixed-dry-run");
    } finally {
      await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } });
    }
  });
});
