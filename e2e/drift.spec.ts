import { spawnSync } from "node:child_process";
import path from "node:path";
import { ADMIN_STORAGE_STATE } from "./berth-state";
import { expect, test } from "./fixtures";

test.use({ storageState: ADMIN_STORAGE_STATE });

type Accepted = { operation: { id: string; status: string; error: string | null } };

function kubectl(kubeconfig: string, args: string[]): string {
  const result = spawnSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Drift as a person meets it: `kubectl scale` on an app whose spec says 1. The Overview says
 * Healthy at 2/2 and names kubectl scale; Re-apply brings it back to 1, and after a second scale
 * Adopt makes 2 the spec's value. The notice goes each time, without a reload.
 */
test.describe("drift", () => {
  test("kubectl scale reads as drift with Re-apply and Adopt side by side, and each ends it", async ({ page, adminApi, berth, shot }, testInfo) => {
    test.setTimeout(150_000);
    const project = `drift-${testInfo.project.name}-${Date.now().toString(36)}`.slice(0, 30);
    const kubeconfig = path.join(berth.dataDir, "sim-kubeconfig.yaml");
    /** Waits for the queued operation to succeed; a failure shows its error. */
    const finished = (accepted: Accepted) =>
      expect
        .poll(async () => {
          const op = (await (await adminApi.get(`/api/projects/${project}/operations/${accepted.operation.id}`)).json()) as Accepted["operation"];
          return op.error ? `${op.status}: ${op.error}` : op.status;
        }, { timeout: 60_000 })
        .toBe("succeeded");
    expect((await adminApi.post("/api/projects", { data: { name: project } })).status()).toBe(201);
    try {
      expect((await adminApi.post(`/api/projects/${project}/apps`, { data: { name: "web", image: "nginx:1.27", port: 80 } })).status()).toBe(201);
      expect((await adminApi.post(`/api/projects/${project}/apps/web/deploy?wait=true`, { timeout: 60_000 })).status()).toBe(200);

      await page.goto(`/projects/${project}/apps/web`, { timeout: 60_000 });
      await expect(page.getByTestId("ready-replicas")).toHaveText("1/1 ready", { timeout: 30_000 });
      await expect(page.getByTestId("drift-notice")).toHaveCount(0);

      kubectl(kubeconfig, ["-n", project, "scale", "deploy/web", "--replicas=2"]);
      const notice = page.getByTestId("drift-notice");
      await expect(notice).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("drift-sentence")).toContainText("Changed outside Berth by kubectl scale: replicas is 2, Berth's spec says 1.");
      await expect(page.getByTestId("ready-replicas")).toHaveText("2/2 ready", { timeout: 30_000 });
      await expect(page.locator('[data-health="Healthy"]').first()).toBeVisible();
      await expect(page.locator('[data-health="Progressing"]')).toHaveCount(0);
      const reapply = notice.getByRole("button", { name: "Re-apply Berth's values" });
      const adopt = notice.getByRole("button", { name: "Adopt the live values" });
      await expect(reapply).toBeVisible();
      await expect(adopt).toBeVisible();
      await shot("drift-notice");

      const reapplied = page.waitForResponse((r) => r.url().endsWith("/apps/web/reapply") && r.request().method() === "POST");
      await reapply.click();
      expect((await reapplied).status()).toBe(202);
      await finished((await (await reapplied).json()) as Accepted);
      await expect(notice).toHaveCount(0, { timeout: 30_000 });
      await expect(page.getByTestId("ready-replicas")).toHaveText("1/1 ready", { timeout: 30_000 });

      kubectl(kubeconfig, ["-n", project, "scale", "deploy/web", "--replicas=2"]);
      await expect(notice).toBeVisible({ timeout: 30_000 });
      const adopted = page.waitForResponse((r) => r.url().endsWith("/apps/web/adopt") && r.request().method() === "POST");
      await adopt.click();
      expect((await adopted).status()).toBe(202);
      await finished((await (await adopted).json()) as Accepted);
      await expect(notice).toHaveCount(0, { timeout: 30_000 });
      await expect(page.getByTestId("ready-replicas")).toHaveText("2/2 ready");
      const app = (await (await adminApi.get(`/api/projects/${project}/apps/web`)).json()) as { spec: { replicas: number } };
      expect(app.spec.replicas).toBe(2);
      await shot("drift-adopted");
    } finally {
      await adminApi.delete(`/api/projects/${project}`, { data: { confirm: project } });
    }
  });
});
