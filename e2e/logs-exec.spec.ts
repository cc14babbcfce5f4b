import { spawnSync } from "node:child_process";
import path from "node:path";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, expectTerminalToShow, terminalText, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

/**
 * Each Playwright project gets its own namespace so parallel projects don't share pods. `web`
 * runs nginx (for the logs); `tiny` an image with sh but no bash, where a real node answers the
 * bash attempt with an empty frame and then the failure status; `pause` has no shell at all.
 */
const APPS = { web: "nginx:1.27", tiny: "berth-test/web:sh-only", pause: "registry.k8s.io/pause:3.9" };

function manifest(project: string): string {
  const labels = (app: string) => ({ "app.kubernetes.io/managed-by": "berth", "berth.dev/project": project, "berth.dev/app": app });
  return JSON.stringify({
    apiVersion: "v1",
    kind: "List",
    items: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: project, labels: labels("web") } },
      ...Object.entries(APPS).map(([app, image]) => ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: app, namespace: project, labels: labels(app) },
        spec: {
          replicas: 1,
          selector: { matchLabels: { "berth.dev/project": project, "berth.dev/app": app } },
          template: { metadata: { labels: labels(app) }, spec: { containers: [{ name: app, image }] } },
        },
      })),
    ],
  });
}

function kubectl(kubeconfig: string, args: string[], input?: string): string {
  const result = spawnSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { input, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

test.describe("logs and terminal", () => {
  let project: string;
  let kubeconfig: string;

  test.beforeEach(async ({ berth }, testInfo) => {
    project = `e2e-${testInfo.project.name.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${testInfo.workerIndex}`;
    kubeconfig = path.join(berth.dataDir, "sim-kubeconfig.yaml");
    kubectl(kubeconfig, ["apply", "--server-side", "-f", "-"], manifest(project));
    for (const app of Object.keys(APPS)) kubectl(kubeconfig, ["-n", project, "rollout", "status", `deployment/${app}`, "--timeout=60s"]);
  });

  test.afterEach(() => {
    kubectl(kubeconfig, ["delete", "namespace", project, "--wait=false", "--ignore-not-found"]);
  });

  test("open Logs: lines arrive and search finds one", async ({ page, shot }) => {
    await page.goto(`/projects/${project}/apps/web/logs`);
    const lines = page.getByTestId("log-lines");
    await expect(lines).toContainText("starting nginx:1.27", { timeout: 15_000 });
    await expect(page.getByText("Live", { exact: true })).toBeVisible();
    await page.getByRole("searchbox", { name: "Search the log" }).fill("starting nginx");
    await expect(page.getByText(/^1 of \d+$/)).toBeVisible();
    await expect(lines.locator("mark").first()).toHaveText("starting nginx");
    await shot("logs");
  });

  test("open Terminal on an image without bash: sh runs, type echo hello, see hello", async ({ page, shot }) => {
    await page.goto(`/projects/${project}/apps/tiny/terminal`);
    await expect(page.getByRole("tab", { name: /\(sh\)/ })).toBeVisible({ timeout: 15_000 });
    const terminal = page.getByTestId("terminal");
    await expectTerminalToShow(terminal, "built-in shell (ash)");
    await terminal.click();
    await page.keyboard.type("echo hello");
    await page.keyboard.press("Enter");
    await expectTerminalToShow(terminal, /# echo hello.*hello/);
    expect(await terminalText(terminal)).not.toMatch(/OCI runtime|executable file not found|ended/);
    await shot("terminal");
  });

  test("open Terminal on an image with no shell: one sentence, not the runtime's text", async ({ page }) => {
    await page.goto(`/projects/${project}/apps/pause/terminal`);
    const sentence = "This image has no shell (tried bash, sh) — use the Logs tab";
    await expect(page.getByRole("status").filter({ hasText: sentence })).toBeVisible({ timeout: 15_000 });
    const terminal = page.getByTestId("terminal");
    await expectTerminalToShow(terminal, sentence);
    expect(await terminalText(terminal)).not.toMatch(/OCI runtime|executable file not found/);
  });
});
