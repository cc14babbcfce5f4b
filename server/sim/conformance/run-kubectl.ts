import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startSim, type Sim } from "@/server/sim/start-sim";

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

export interface KubectlSim {
  sim: Sim;
  /** Temporary directory holding the kubeconfig, manifests and kubectl's cache. */
  dir: string;
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** Writes a manifest file and returns its path, for `kubectl apply -f`. */
  manifest(name: string, text: string): Promise<string>;
  stop(): Promise<void>;
}

/** A simulator with fast controllers and a kubeconfig for it, as every kubectl conformance file needs. */
export async function startKubectlSim(prefix: string, timeoutMs?: number): Promise<KubectlSim> {
  const sim = await startSim({ port: 0, controllerOptions: { tickMs: 10 } });
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const kubeconfig = path.join(dir, "kubeconfig");
  await sim.writeKubeconfig(kubeconfig);
  return {
    sim,
    dir,
    kubectl: (...args) => runKubectl(kubeconfig, dir, args, timeoutMs),
    async manifest(name, text) {
      const file = path.join(dir, `${name}.yaml`);
      await writeFile(file, text);
      return file;
    },
    async stop() {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
