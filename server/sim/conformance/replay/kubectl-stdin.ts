/**
 * Runs the installed kubectl against the sim with a manifest on stdin, as the recorder ran
 * kubectl 1.28 (`-f -`), so messages name "STDIN" the same way.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Sim } from "@/server/sim/start-sim";

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function kubectlWithStdin(sim: Sim, args: string[], stdin: string, timeoutMs = 20_000): Promise<KubectlRun> {
  const dir = await mkdtemp(path.join(tmpdir(), "berth-replay-kubectl-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  await sim.writeKubeconfig(kubeconfig);
  try {
    return await new Promise<KubectlRun>((resolve, reject) => {
      const child = spawn("kubectl", ["--kubeconfig", kubeconfig, ...args], { env: { ...process.env, KUBECACHEDIR: path.join(dir, "cache") } });
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? 1, stdout, stderr });
      });
      child.stdin.end(stdin);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
