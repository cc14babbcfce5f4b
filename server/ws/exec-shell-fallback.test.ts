/**
 * The bash → sh fallback against the simulated cluster, for every order a node may write a
 * missing binary in (exec-start-failure.ts) and over both subprotocols: a v1.30-style server
 * that takes v5, and a v1.28-style one that accepts only v4 (../shared/real-k8s/05e-1, 05e-2).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openExecStreamCount } from "@/server/kube/exec-stream";
import { MISSING_BINARY_ORDERS } from "@/server/sim/streams/exec-start-failure";
import { noShellSentence } from "@/server/ws/exec-session";
import { deployApp, openTestSocket, startStreamTestEnv, type StreamTestEnv, type TestSocket } from "@/server/ws/testing/stream-test-env";

const TERMINALS = 20;
const SERVERS = [
  { name: "v5 (v1.30+)", protocols: ["v5.channel.k8s.io", "v4.channel.k8s.io", "channel.k8s.io"] },
  { name: "v4 (v1.28)", protocols: ["v4.channel.k8s.io", "channel.k8s.io"] },
];

let env: StreamTestEnv;

beforeAll(async () => {
  env = await startStreamTestEnv({ limits: { logs: 1, exec: TERMINALS } });
  await deployApp(env, { project: "mini", app: "tiny", replicas: 1, image: "berth-test/web:sh-only" });
  await deployApp(env, { project: "mini", app: "pause", replicas: 1, image: "registry.k8s.io/pause:3.9" });
}, 30_000);
afterAll(async () => {
  await env?.stop();
});

const output = (s: TestSocket) => s.messages.filter((m) => m.type === "stdout" || m.type === "stderr").map((m) => m.data as string).join("");

async function waitForOutput(s: TestSocket, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!output(s).includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; output so far: ${JSON.stringify(output(s))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Closes the terminals and waits until the server has let go of their upstream execs (and the per-user limit). */
async function closeAll(terminals: TestSocket[]): Promise<void> {
  for (const s of terminals) s.ws.close();
  await Promise.all(terminals.map((s) => s.closed));
  const deadline = Date.now() + 5000;
  while (openExecStreamCount() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe.each(SERVERS)("over $name", ({ protocols }) => {
  test.each(MISSING_BINARY_ORDERS)(`${TERMINALS} terminals on an sh-only image, bash missing as %s: ${TERMINALS} running sh sessions`, async (order) => {
    env.sim!.exec.configure({ protocols, missingBinaryOrders: [order] });
    const terminals: TestSocket[] = [];
    try {
      // Opened one after another (each upgrade checks a token), then all shells start at once.
      for (let i = 0; i < TERMINALS; i++) terminals.push(await openTestSocket(env, "/api/ws/exec?project=mini&app=tiny"));
      const sessions = await Promise.all(terminals.map((s) => s.waitFor((m) => m.type === "session" || m.type === "exit", 10_000, "session")));
      expect(sessions.map((m) => [m.type, m.shell])).toEqual(Array.from({ length: TERMINALS }, () => ["session", "sh"]));
      terminals.forEach((s, i) => s.send({ type: "stdin", data: `echo alive-${i}\r` }));
      await Promise.all(terminals.map((s, i) => waitForOutput(s, `\r\nalive-${i}\r\n`)));
      for (const s of terminals) expect(output(s)).not.toMatch(/OCI runtime|executable file not found|exited with code 126/);
    } finally {
      await closeAll(terminals);
    }
  }, 90_000);

  test.each(MISSING_BINARY_ORDERS)("an image with no shell at all, each missing as %s: one sentence and nothing else", async (order) => {
    env.sim!.exec.configure({ protocols, missingBinaryOrders: [order] });
    const s = await openTestSocket(env, "/api/ws/exec?project=mini&app=pause");
    expect(await s.closed).toMatchObject({ code: 1000 });
    expect(s.messages).toEqual([{ type: "exit", code: null, reason: noShellSentence(["bash", "sh"]) }]);
  });
});
