import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectNoSidewaysScroll, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Backups of a database from the browser against the simulated cluster: set a schedule (its
 * words previewed as it is typed), Back up now, see the file listed with its size, download it
 * (a pg_dump custom-format archive starts with PGDMP), restore it through the typed dialog and
 * see the restore succeed. The sim runs the very Jobs Berth renders: pg_dump into the backup
 * volume, the finish script, a reader pod for the download, pg_restore. Screenshots are of the
 * section only: the whole database page (its live log included) is too tall to capture in time
 * on the phone profile.
 */
test("back up a PostgreSQL database now, download the dump and restore it", async ({ page, adminApi }, testInfo) => {
  test.setTimeout(150_000);
  const project = `bk-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/databases`, { data: { name: "pg", engine: "postgresql" } })).status()).toBe(201);

    await page.goto(`/projects/${project}/databases/pg`);
    await expect(page.getByTestId("database-status")).toHaveText("The database is ready and accepts connections.", { timeout: 60_000 });
    const section = page.getByTestId("backups-section");
    await expect(section.getByRole("heading", { name: "Backups", level: 2 })).toBeVisible();
    await expect(section).toContainText("No schedule: backups are taken only when you press Back up now.");
    await expect(section).toContainText("No backups yet.");

    const schedule = section.getByRole("form", { name: "Backup schedule" });
    await schedule.getByRole("textbox", { name: "Schedule" }).fill("30 2 * * *");
    await expect(schedule.getByTestId("schedule-preview")).toContainText("At 02:30, every day (UTC)");
    await schedule.getByRole("textbox", { name: "Backups kept" }).fill("0");
    await schedule.getByRole("button", { name: "Set schedule" }).click();
    await expect(schedule).toContainText("keep must be between 1 and 100");
    await schedule.getByRole("textbox", { name: "Backups kept" }).fill("3");
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project}/databases/pg/backups/schedule`) && r.request().method() === "PUT");
    await schedule.getByRole("button", { name: "Set schedule" }).click();
    expect((await saved).status()).toBe(200);
    await expect(section.getByTestId("backup-schedule")).toContainText("At 02:30, every day (UTC) · keeps 3");
    await expect(section.getByTestId("backup-schedule")).not.toContainText("not in the cluster yet");

    const backUpNow = section.getByRole("button", { name: "Back up now" });
    await backUpNow.scrollIntoViewIfNeeded();
    await expect(backUpNow).toBeInViewport();
    const started = page.waitForResponse((r) => r.url().endsWith(`/databases/pg/backups/run`) && r.request().method() === "POST");
    await backUpNow.click();
    expect((await started).status()).toBe(201);
    const run = section.getByTestId("backup-run").first();
    await expect(run).toContainText("Back up now");
    await expect(run).toContainText("Succeeded", { timeout: 45_000 });
    const row = section.getByTestId("backup-row").first();
    await expect(row).toHaveAttribute("data-file", /^pg-\d{8}T\d{6}Z\.dump$/);
    await expect(row.getByTestId("backup-size")).toHaveText(/^\d+(\.\d)? (B|KiB|MiB)$/);
    await expectNoSidewaysScroll(page);
    await section.screenshot({ path: testInfo.outputPath("backup-listed.png") });

    const file = (await row.getAttribute("data-file"))!;
    const downloading = page.waitForEvent("download");
    await row.getByRole("link", { name: "Download" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(file);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString("latin1")).toBe("PGDMP");

    await row.getByRole("button", { name: `Restore ${file}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Type pg to confirm. This replaces the database's current data.");
    const confirm = dialog.getByRole("button", { name: "Restore", exact: true });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole("textbox", { name: "Type pg" }).fill("p");
    await expect(confirm).toBeDisabled();
    await dialog.getByRole("textbox", { name: "Type pg" }).fill("pg");
    const restoring = page.waitForResponse((r) => r.url().endsWith(`/backups/${file}/restore`) && r.request().method() === "POST");
    await confirm.click();
    expect((await restoring).status()).toBe(202);
    await expect(dialog).toBeHidden();
    const restore = section.getByTestId("backup-restore").first();
    await expect(restore).toContainText(`Restore of ${file}`);
    await expect(restore).toContainText("Succeeded", { timeout: 45_000 });
    await expectNoSidewaysScroll(page);
    await section.screenshot({ path: testInfo.outputPath("backup-restored.png") });
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});

/**
 * An app volume's backups on its Volumes tab: the consistency sentence, Back up now archives the
 * volume (tar.gz), and the restore dialog says the app stops while its volume is restored.
 */
test("back up an app's volume now and restore it from the Volumes tab", async ({ page, adminApi }, testInfo) => {
  test.setTimeout(150_000);
  const project = `bkv-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
  try {
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps/web/volumes`, { data: { name: "data", size: "1Gi", mountPath: "/data" } })).status()).toBe(201);
    const deployed = await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 70_000 });
    expect((await deployed.json()).operation.status).toBe("succeeded");

    await page.goto(`/projects/${project}/apps/web/volumes`);
    const section = page.getByTestId("backups-section");
    await expect(section.getByRole("heading", { name: "Backups of data", level: 2 })).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText("The app keeps running while its volume is archived: files it writes meanwhile may be caught half-written.");

    const started = page.waitForResponse((r) => r.url().endsWith(`/apps/web/volumes/data/backups/run`) && r.request().method() === "POST");
    await section.getByRole("button", { name: "Back up now" }).click();
    expect((await started).status()).toBe(201);
    await expect(section.getByTestId("backup-run").first()).toContainText("Succeeded", { timeout: 45_000 });
    const row = section.getByTestId("backup-row").first();
    await expect(row).toHaveAttribute("data-file", /^web-data-\d{8}T\d{6}Z\.tar\.gz$/);
    const file = (await row.getAttribute("data-file"))!;
    await expectNoSidewaysScroll(page);

    await row.getByRole("button", { name: `Restore ${file}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Type data to confirm. The app stops while its volume is restored, then starts again.");
    await dialog.getByRole("textbox", { name: "Type data" }).fill("data");
    const restoring = page.waitForResponse((r) => r.url().endsWith(`/backups/${file}/restore`) && r.request().method() === "POST");
    await dialog.getByRole("button", { name: "Restore", exact: true }).click();
    expect((await restoring).status()).toBe(202);
    await expect(section.getByTestId("backup-restore").first()).toContainText("Succeeded", { timeout: 60_000 });
    await section.screenshot({ path: testInfo.outputPath("volume-restored.png") });
  } finally {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  }
});
