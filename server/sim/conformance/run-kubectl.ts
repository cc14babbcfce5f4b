import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs the real kubectl against a kubeconfig, never throwing: conformance tests assert on
 * kubectl's own output and exit code. Discovery and OpenAPI caches go under `dir`, so runs
 * never share kubectl's cache with each other or with the user's.
 */
export async function runKubectl(kubeconfig: string, dir: string, args: string[], timeoutMs = 20_000): Promise<KubectlResult> {
  try {
    const { stdout, stderr } = await run("kubectl", ["--kubeconfig", kubeconfig, ...args], {
      timeout: timeoutMs,
      env: { ...process.env, KUBECACHEDIR: path.join(dir, "cache") },
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
  }
}
