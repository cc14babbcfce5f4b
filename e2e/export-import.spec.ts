import fs from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { parseAllDocuments } from "yaml";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

const SECRET = "e2e-s3cret-value";

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download: Promise<Download> = page.waitForEvent("download", { timeout: 30_000 });
  await click();
  return fs.readFile(await (await download).path(), "utf8");
}

/** The manifests' objects with Secret data decoded and both project names replaced: what must match. */
function comparable(text: string, names: string[]): unknown[] {
  const objects = parseAllDocuments(text).map((doc) => doc.toJS() as { kind: string; data?: Record<string, string> } | null);
  return objects.filter((o) => o !== null).map((obj) => {
    const decoded = obj.kind === "Secret" && obj.data ? { ...obj, data: Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, Buffer.from(v, "base64").toString()])) } : obj;
    return JSON.parse(names.reduce((json, name) => json.replaceAll(name, "PROJECT"), JSON.stringify(decoded)));
  });
}

/**
 * The way out and back in: Export (and, after ticking the box and confirming, Export with
 * secrets) and Download manifests on the project page; the Import page names a bad line, refuses
 * a clash, lists what a file without secrets leaves to be set, and creates the project again
 * under a new name from the file with secrets — which then renders the same Kubernetes objects.
 */
test("export a project, download its manifests, and import it under a new name", async ({ page, adminApi, shot }, testInfo) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const project = `ex-${testInfo.project.name}-${stamp}`.slice(0, 24);
  // Not derived from the project's name: the comparison below replaces that name, never the host.
  const host = `web-${stamp}-${testInfo.project.name}.example.com`;
  const copy = `${project}-copy`;
  const other = `${project}-two`;
  /** Deletes a project and waits until it is gone, so its hostname is free again. */
  const removeProject = async (name: string) => {
    expect((await adminApi.delete(`/api/projects/${name}`, { data: { confirm: name } })).status()).toBeLessThan(300);
    await expect.poll(async () => (await adminApi.get(`/api/projects/${name}`)).status(), { timeout: 60_000 }).toBe(404);
  };
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project, displayName: "Export me" } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/databases`, { data: { name: "pg", engine: "postgresql" } })).status()).toBeLessThan(300);
    const app = {
      name: "web",
      image: "nginx:1.27",
      port: 8080,
      env: [{ name: "MODE", value: "prod" }],
      secretEnv: [{ name: "API_KEY", value: SECRET }],
      hostnames: [{ host }],
      volumes: [{ name: "data", size: "1Gi", mountPath: "/data" }],
      files: [{ path: "/etc/web/config.yaml", content: "mode: prod\n" }],
      links: [{ database: "pg" }],
    };
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: app })).status()).toBe(201);

    await page.goto(`/projects/${project}`);
    const card = page.getByRole("region", { name: "Export", exact: true });
    // The project's queries answer slowly on a loaded machine; the card comes with them.
    await expect(card.getByRole("button", { name: "Export", exact: true })).toBeVisible({ timeout: 30_000 });
    const plain = await downloaded(page, () => card.getByRole("button", { name: "Export", exact: true }).click());
    expect(plain).toContain("kind: Project");
    expect(plain).toContain("- name: API_KEY");
    expect(plain).not.toContain(SECRET);
    const manifests = await downloaded(page, () => card.getByRole("button", { name: "Download manifests" }).click());
    expect(manifests).toContain("kind: Deployment");
    expect(manifests).toContain(`#   Secret ${project}/web-env`);
    expect(manifests).not.toContain("kind: Secret");

    await card.getByLabel("Include secret values").check();
    await card.getByRole("button", { name: "Export", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Download secret values?" });
    await expect(dialog).toContainText("in plain text");
    await shot("export-confirm-secrets");
    const withSecrets = await downloaded(page, () => dialog.getByRole("button", { name: "Export with secrets" }).click());
    expect(withSecrets).toContain(SECRET);
    expect(withSecrets).toContain("THIS FILE HOLDS SECRET VALUES IN PLAIN TEXT");
    await expectNoSidewaysScroll(page);
    const before = await (await adminApi.get(`/api/projects/${project}/manifests?secrets=true`)).text();

    await page.goto("/import");
    await page.getByLabel("Contents").fill("apiVersion: berth.dev/v1\nkind: Project\nmetadata:\n  name: Not A Name\n");
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("Line 4, column 3: metadata.name:");
    await shot("import-line-error");

    await page.getByLabel("File", { exact: true }).setInputFiles({ name: `${project}.berth.yaml`, mimeType: "application/yaml", buffer: Buffer.from(withSecrets) });
    await expect(page.getByLabel("Contents")).toHaveValue(withSecrets);
    await page.getByLabel("Import as (optional)").fill(copy);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText(`already routes to app "web" in project "${project}"`);

    await removeProject(project);
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: `${project}.berth.yaml`, mimeType: "application/yaml", buffer: Buffer.from(plain) });
    await page.getByLabel("Import as (optional)").fill(other);
    await page.getByRole("button", { name: "Import" }).click();
    const toSet = page.getByRole("list", { name: "Secret values to set" });
    await expect(toSet.getByRole("listitem")).toHaveText(["app web: secret env API_KEYSet it"]);
    await expect(toSet.getByRole("link", { name: "Set it" })).toHaveAttribute("href", `/projects/${other}/apps/web/environment`);
    await expectNoSidewaysScroll(page);
    await shot("import-left-to-set");
    await removeProject(other);

    await page.goto("/import");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: `${project}.berth.yaml`, mimeType: "application/yaml", buffer: Buffer.from(withSecrets) });
    await page.getByLabel("Import as (optional)").fill(copy);
    const imported = page.waitForResponse((r) => r.url().includes("/api/import") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Import" }).click();
    expect((await imported).status()).toBe(201);
    await expect(page.getByRole("status").filter({ hasText: `Imported project ${copy}` })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot("import-done");

    const after = await (await adminApi.get(`/api/projects/${copy}/manifests?secrets=true`)).text();
    expect(comparable(after, [copy])).toEqual(comparable(before, [project]));
    await page.getByRole("link", { name: "Open the project" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Export me" })).toBeVisible();
  } finally {
    for (const name of [copy, other, project]) await adminApi.delete(`/api/projects/${name}`, { data: { confirm: name } }).catch(() => undefined);
  }
});
