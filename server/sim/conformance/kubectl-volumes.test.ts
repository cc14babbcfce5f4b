/**
 * A volume's files through the real kubectl: `kubectl exec -i … -- sh -c 'cat > f'` writes
 * stdin's bytes into a claim, and `kubectl exec … -- cat -- f` streams them back intact (the
 * way Berth downloads a backup), in 32 KiB stdout frames; a new pod on the claim sees them.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";
import type { KubeObject } from "@/server/sim/contract";
import { R } from "@/server/sim/controllers/resources";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { startSim, type Sim } from "@/server/sim/start-sim";

let sim: Sim;
let dir: string;
let kubeconfig: string;

function kubectl(args: string[], stdinFile?: string): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile("sh", ["-c", `exec kubectl --kubeconfig "$0" "$@"${stdinFile ? ` < '${stdinFile}'` : " < /dev/null"}`, kubeconfig, ...args], { encoding: "buffer", timeout: 30_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, KUBECACHEDIR: join(dir, "cache") } }, (err, stdout, stderr) => {
      resolve({ stdout, stderr: stderr.toString(), code: err ? Number((err as { code?: number }).code ?? 1) : 0 });
    });
    child.stdin?.end();
  });
}

const pod = (name: string): KubeObject => applyDefaults({
  apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" },
  spec: { containers: [{ name: "box", image: "busybox:1.36", command: ["sleep", "3600"], volumeMounts: [{ name: "data", mountPath: "/data" }] }], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "files" } }] },
});

const running = (name: string) => waitFor(() => (sim.store.get(R.pods, "default", name)?.status as { phase?: string } | undefined)?.phase === "Running", 8000, `${name} running`);

beforeAll(async () => {
  sim = await startSim({ port: 0, controllerOptions: { tickMs: 20 } });
  dir = mkdtempSync(join(tmpdir(), "sim-vol-"));
  kubeconfig = join(dir, "config");
  await sim.writeKubeconfig(kubeconfig);
  sim.store.create(R.pvcs, applyDefaults({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "files", namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }));
  sim.store.create(R.pods, pod("box-1"));
  await running("box-1");
});
afterAll(async () => sim?.stop());

describe("volume files through kubectl exec", () => {
  it("writes stdin's bytes into the claim and streams a binary file back byte for byte, to a later pod too", async () => {
    const blob = randomBytes(200 * 1024);
    const file = join(dir, "blob.bin");
    writeFileSync(file, blob);
    const put = await kubectl(["exec", "-i", "box-1", "--", "sh", "-c", "cat > /data/blob.bin && wc -c < /data/blob.bin"], file);
    expect(put).toMatchObject({ code: 0, stderr: "" });
    expect(put.stdout.toString()).toBe(`${blob.length}\n`);

    const got = await kubectl(["exec", "box-1", "--", "cat", "--", "/data/blob.bin"]);
    expect(got.code).toBe(0);
    expect(got.stdout.equals(blob)).toBe(true);

    sim.store.delete(R.pods, "default", "box-1");
    await waitFor(() => !sim.store.get(R.pods, "default", "box-1"), 8000, "box-1 gone");
    sim.store.create(R.pods, pod("box-2"));
    await running("box-2");
    const again = await kubectl(["exec", "box-2", "--", "cat", "--", "/data/blob.bin"]);
    expect(again.stdout.equals(blob)).toBe(true);
  });

  it("exits with the program's code and its busybox words for a file that is not there", async () => {
    await running("box-2");
    const r = await kubectl(["exec", "box-2", "--", "cat", "--", "/data/missing"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cat: can't open '/data/missing': No such file or directory\n");
    expect(r.stderr).toContain("command terminated with exit code 1");
  });
});
