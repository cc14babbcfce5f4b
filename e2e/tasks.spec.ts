import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Scheduled tasks from the browser: add one with the form (its schedule previewed in words),
 * deploy, Run now, watch the run succeed and open its pod's log in the log viewer.
 */
test.describe("scheduled tasks", () => {
  let project: string;

  test.beforeEach(async ({ adminApi }, testInfo) => {
    project = `e2e-tasks-${testInfo.project.name.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${testInfo.workerIndex}`;
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
  });

  test.afterEach(async ({ adminApi }) => {
    await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } }).catch(() => undefined);
  });

  test("create a task, Run now, see the run succeed and open its logs", async ({ page, adminApi, shot }) => {
    test.setTimeout(90_000);
    await page.goto(`/projects/${project}/apps/web/tasks`);
    await expect(page.getByRole("link", { name: "Tasks", exact: true })).toHaveAttribute("aria-current", "page");
    await page.getByLabel("Task name").fill("report");
    await page.getByRole("textbox", { name: "Schedule" }).fill("0 6 * * 1");
    await expect(page.getByTestId("schedule-preview")).toContainText("At 06:00, only on Monday (UTC)");
    await page.getByRole("textbox", { name: "Schedule" }).fill("0 0 6 * * 1");
    await expect(page.getByTestId("schedule-preview")).toContainText("Kubernetes has no seconds field");
    await page.getByRole("textbox", { name: "Schedule" }).fill("@daily");
    await page.getByRole("textbox", { name: "Command" }).fill("sh\n-c\necho hello from berth");
    const added = page.waitForResponse((r) => r.url().endsWith("/tasks") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Add task" }).click();
    expect((await added).status()).toBe(201);
    const row = page.getByTestId("task-row").filter({ hasText: "report" });
    await expect(row).toContainText("not deployed yet");

    expect((await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 60_000 })).status()).toBe(200);
    await page.reload();
    await expect(row).toContainText("At 00:00, every day (UTC)");
    await expect(row).not.toContainText("not deployed yet");

    const started = page.waitForResponse((r) => r.url().endsWith("/tasks/report/run"));
    await row.getByRole("button", { name: "Run now" }).click();
    expect((await started).status()).toBe(201);
    const run = row.getByTestId("task-run").first();
    await expect(run).toContainText("Succeeded", { timeout: 20_000 });
    await expect(run).toContainText("Run now");
    await shot("tasks-run-succeeded");

    // The finished run's log, streamed from its pod through Berth's logs route. (The live viewer
    // behind "Logs of …" follows running containers only, so a finished run is read here.)
    const href = await run.getByRole("link", { name: "Download log" }).getAttribute("href");
    const log = await adminApi.get(href!);
    expect(log.status()).toBe(200);
    expect(await log.text()).toBe("hello from berth\n");
  });
});
