import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { openExecStreamCount } from "@/server/kube/exec-stream";
import { kubeClientsFor } from "@/server/kube/kube-clients";
import { deployApp, openTestSocket, startStreamTestEnv, type StreamTestEnv, type TestSocket } from "@/server/ws/testing/stream-test-env";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const output = (s: TestSocket) => s.messages.filter((m) => m.type === "stdout" || m.type === "stderr").map((m) => m.data as string).join("");

async function waitForOutput(s: TestSocket, pattern: RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output(s))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far: ${JSON.stringify(output(s))}`);
    await sleep(20);
  }
}

let env: StreamTestEnv;
let pods: string[];
let shPods: string[];

beforeAll(async () => {
  env = await startStreamTestEnv({ limits: { logs: 20, exec: 2 } });
  pods = await deployApp(env, { project: "shop", app: "web", replicas: 2 });
  shPods = await deployApp(env, { project: "shop", app: "tiny", replicas: 1, image: "busybox:1.36:sh-only" });
}, 30_000);
afterAll(() => env?.stop());

describe("/api/ws/exec", () => {
  test("round trip: a command typed in the terminal prints its output, and exit ends the session with the code", async () => {
    const s = await openTestSocket(env, `/api/ws/exec?project=shop&app=web&pod=${pods[1]}&cols=100&rows=30`);
    const session = await s.waitFor((m) => m.type === "session", 5000, "session");
    expect(session).toMatchObject({ pod: pods[1], container: "web", shell: "bash" });
    expect((session.targets as Array<{ pod: string }>).map((t) => t.pod).sort()).toEqual(pods);
    s.send({ type: "stdin", data: "echo hello\r" });
    await waitForOutput(s, /\r\nhello\r\n/);
    s.send({ type: "stdin", data: "exit 3\r" });
    expect(await s.waitFor((m) => m.type === "exit", 5000, "exit")).toMatchObject({ code: 3 });
    expect((await s.closed).code).toBe(1000);
  });

  test("a resize reaches the pod", async () => {
    const s = await openTestSocket(env, "/api/ws/exec?project=shop&app=web&cols=100&rows=30");
    await s.waitFor((m) => m.type === "session");
    s.send({ type: "stdin", data: "stty size\r" });
    await waitForOutput(s, /30 100/);
    s.send({ type: "resize", cols: 132, rows: 43 });
    await sleep(100);
    s.send({ type: "stdin", data: "stty size\r" });
    await waitForOutput(s, /43 132/);
    s.ws.close();
  });

  test("an image without bash falls back to sh on the same browser socket", async () => {
    const s = await openTestSocket(env, "/api/ws/exec?project=shop&app=tiny");
    const session = await s.waitFor((m) => m.type === "session");
    expect(session).toMatchObject({ pod: shPods[0], shell: "sh" });
    expect(output(s)).not.toMatch(/executable file not found/);
    s.send({ type: "stdin", data: "echo $0 works\r" });
    await waitForOutput(s, /works/);
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    s.ws.close();
  });

  test("a viewer is refused at the upgrade, before any socket exists", async () => {
    await expect(openTestSocket(env, "/api/ws/exec?project=shop&app=web", env.viewerToken)).rejects.toMatchObject({ status: 403 });
  });

  test("the session is audited with who, pod, container, start, end, duration and exit code", async () => {
    const since = new Date(Date.now() - 1);
    const s = await openTestSocket(env, `/api/ws/exec?project=shop&app=web&pod=${pods[0]}`);
    await s.waitFor((m) => m.type === "session");
    s.send({ type: "stdin", data: "exit 0\r" });
    await s.closed;
    await sleep(200);
    const rows = await getDb().auditEvent.findMany({ where: { action: { in: ["exec.start", "exec.end"] }, target: `shop/${pods[0]}/web`, at: { gte: since } }, orderBy: { at: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["exec.start", "exec.end"]);
    expect(rows[1].actorName).toBe("stream-admin");
    expect(JSON.parse(rows[1].detail!)).toMatchObject({ pod: pods[0], container: "web", exitCode: 0, durationMs: expect.any(Number) });
  });

  test("when the pod goes away the terminal says so and closes", async () => {
    const s = await openTestSocket(env, `/api/ws/exec?project=shop&app=web&pod=${pods[0]}`);
    await s.waitFor((m) => m.type === "session");
    await kubeClientsFor(env.kubeConfig).request({ method: "DELETE", path: `/api/v1/namespaces/shop/pods/${pods[0]}`, query: { gracePeriodSeconds: 0 } });
    const exit = await s.waitFor((m) => m.type === "exit", 5000, "exit");
    expect(exit).toMatchObject({ code: null, reason: expect.stringMatching(/went away|deleted/) });
    await s.closed;
  });

  test("several terminals at once up to the per-user limit; closing them closes the upstream sockets", async () => {
    const a = await openTestSocket(env, "/api/ws/exec?project=shop&app=web");
    const b = await openTestSocket(env, "/api/ws/exec?project=shop&app=tiny");
    await Promise.all([a.waitFor((m) => m.type === "session"), b.waitFor((m) => m.type === "session")]);
    await expect(openTestSocket(env, "/api/ws/exec?project=shop&app=web")).rejects.toMatchObject({ status: 429 });
    a.send({ type: "stdin", data: "echo from-a\r" });
    b.send({ type: "stdin", data: "echo from-b\r" });
    await Promise.all([waitForOutput(a, /from-a\r\n/), waitForOutput(b, /from-b\r\n/)]);
    expect(openExecStreamCount()).toBe(2);
    a.ws.close();
    b.ws.close();
    await Promise.all([a.closed, b.closed]);
    const deadline = Date.now() + 3000;
    while (openExecStreamCount() > 0 && Date.now() < deadline) await sleep(20);
    expect(openExecStreamCount()).toBe(0);
  });
});
