/**
 * The controllers and streams checked with clients nobody here wrote: the real kubectl
 * (logs, logs -f, exec over WebSocket, rollout status, wait, describe) and client-node's Log
 * and Exec classes, against startSim() on port 0.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import { R } from "@/server/sim/controllers/resources";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { startSim, type Sim } from "@/server/sim/start-sim";

const run = promisify(execFile);
let sim: Sim;
let kubeconfig: string;

async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run("kubectl", ["--kubeconfig", kubeconfig, ...args], { timeout: 30_000 });
  return stdout;
}

beforeAll(async () => {
  sim = await startSim({ port: 0, logRate: 20, controllerOptions: { tickMs: 50 } });
  kubeconfig = join(mkdtempSync(join(tmpdir(), "sim-kc-")), "config");
  await sim.writeKubeconfig(kubeconfig);
  sim.store.create(R.deployments, applyDefaults({
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "default" },
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.27", env: [{ name: "GREETING", value: "hi" }] }] } } },
  }));
});
afterAll(async () => sim?.stop());

async function webPod(): Promise<string> {
  const pod = await waitFor(() => sim.store.list(R.pods, "default").find((p) => (p.status as { phase?: string }).phase === "Running"), 5000, "a running web pod");
  return pod.metadata.name;
}

describe("kubectl against the simulated controllers and streams", () => {
  it("rollout status and wait see the Deployment finish", async () => {
    expect(await kubectl("rollout", "status", "deploy/web", "--timeout=20s")).toContain('deployment "web" successfully rolled out');
    expect(await kubectl("wait", "--for=condition=Available", "deploy/web", "--timeout=20s")).toContain("deployment.apps/web condition met");
  });

  it("logs, logs -f with --tail, and exec print what the container produced", async () => {
    const pod = await webPod();
    await new Promise((r) => setTimeout(r, 300));
    const logs = await kubectl("logs", pod, "--tail=2", "--timestamps");
    expect(logs.trimEnd().split("\n")).toHaveLength(2);
    expect(logs).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 10\.42\.0\.\d+ - - \[/);
    const followed = await run("timeout", ["3", "kubectl", "--kubeconfig", kubeconfig, "logs", "-f", pod, "--tail=1"]).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(followed.stdout.trimEnd().split("\n").length).toBeGreaterThan(5);
    expect(await kubectl("exec", pod, "--", "echo", "hello")).toBe("hello\n");
    const failed = await run("kubectl", ["--kubeconfig", kubeconfig, "exec", pod, "--", "sh", "-c", "echo $GREETING; exit 3"]).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 3, stdout: "hi\n" });
    expect((failed as { stderr: string }).stderr).toContain("command terminated with exit code 3");
  });

  it("describe pod shows the kubelet's and scheduler's events", async () => {
    const out = await kubectl("describe", "pod", await webPod());
    expect(out).toMatch(/Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/web-\S+ to sim-node-1/);
    expect(out).toMatch(/Normal\s+Pulling\s+.*kubelet\s+Pulling image "nginx:1\.27"/);
    expect(out).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container app/);
    expect(out).toMatch(/Status:\s+Running/);
  });

  it("client-node's Log and Exec classes work", async () => {
    const pod = await webPod();
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    let text = "";
    const sink = new Writable({ write(chunk, _enc, cb) { text += chunk; cb(); } });
    await new Promise<void>((resolve, reject) => {
      new k8s.Log(kc).log("default", pod, "app", sink, { tailLines: 3, follow: false }).then((req) => { sink.on("finish", resolve); void req; }, reject);
      setTimeout(resolve, 3000);
    });
    expect(text.trimEnd().split("\n")).toHaveLength(3);
    const out = new PassThrough();
    let stdout = "";
    out.on("data", (d) => (stdout += d));
    const status = await new Promise<k8s.V1Status>((resolve, reject) => {
      new k8s.Exec(kc).exec("default", pod, "app", ["cat", "/etc/hostname"], out, null, null, false, (s) => resolve(s)).catch(reject);
      setTimeout(() => reject(new Error("exec timed out")), 5000);
    });
    expect(status.status).toBe("Success");
    expect(stdout).toBe(`${pod}\n`);
  });
});
