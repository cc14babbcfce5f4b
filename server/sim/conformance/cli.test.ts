import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

describe("npm run sim", () => {
  it("writes a kubeconfig, prints its URL, serves, and exits on SIGTERM", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sim-cli-"));
    const kubeconfig = path.join(dir, "kubeconfig");
    const child = spawn(process.execPath, ["--import", "tsx", "server/sim/cli.ts", "--port", "0", "--kubeconfig", kubeconfig], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        // tsx compiles the sim's ~200 modules cold at first start: a minute on a busy 2-core machine.
        const timer = setTimeout(() => reject(new Error("no 'sim listening on' line within 90s")), 90_000);
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = out.match(/^sim listening on (https:\/\/127\.0\.0\.1:\d+)$/m);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.on("exit", (code) => reject(new Error(`sim exited early with ${code}`)));
      });
      const config = parse(await readFile(kubeconfig, "utf8"));
      expect(config["current-context"]).toBe("sim");
      expect(config.clusters[0].cluster.server).toBe(url);
      const token = config.users[0].user.token as string;
      const plain = url.replace("https:", "http:");
      const res = await fetch(`${plain}/api/v1/namespaces`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await res.json()).items.map((n: { metadata: { name: string } }) => n.metadata.name)).toContain("default");
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
