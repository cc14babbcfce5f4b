import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject, SimController } from "@/server/sim/contract";
import { recordedOutput } from "@/server/sim/controllers/container-process";
import { R } from "@/server/sim/controllers/resources";
import { startControllers } from "@/server/sim/controllers/start-controllers";
import { createTestStore } from "@/server/sim/controllers/test-store";
import { waitFor } from "@/server/sim/controllers/test-helpers";
import { applyDefaults } from "@/server/sim/validate/apply-defaults";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let ctl: SimController | undefined;
afterEach(() => ctl?.stop());

/** Runs one pod with `container` to its end; its container status. */
async function run(container: Obj, pod: Obj = {}, timeoutMs = 5000): Promise<{ status: Obj; log: string }> {
  const store = createTestStore();
  ctl?.stop();
  ctl = startControllers(store, { tickMs: 10, secondMs: 100 });
  store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", labels: { team: "data" } }, spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1.36", ...container }], ...pod } } as KubeObject));
  const done = await waitFor(() => {
    const p = store.get(R.pods, "default", "p") as Obj | undefined;
    return ["Succeeded", "Failed"].includes(p?.status?.phase) && p;
  }, timeoutMs, "pod finished");
  const status = done.status.containerStatuses[0];
  return { status, log: recordedOutput(store, status.state.terminated.containerID)?.toString() ?? "" };
}

describe("a container's own process", () => {
  it("ends when its script does, its sleeps counted in seconds, and keeps running through a long sleep", async () => {
    const done = await run({ command: ["sh", "-c", "echo start; sleep 0.01; echo end"] }, {}, 5000);
    expect(done.log).toBe("start\nend\n");
    await expect(run({ command: ["sleep", "1d"] }, {}, 500)).rejects.toThrow("timed out waiting for pod finished");
  });

  it("gets $(VAR) in command and args expanded from its env as the kubelet does: $$ escapes, an unknown reference stays", async () => {
    const r = await run({ command: ["echo", "$(WHO)", "$$(WHO)", "$(NOPE)", "$(TEAM)-$(POD)"], env: [{ name: "WHO", value: "me" }, { name: "TEAM", valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } }, { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] });
    expect(r.log).toBe("me $(WHO) $(NOPE) data-p\n");
    expect(r.status.state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("cannot start a database tool in an image without it: the init container ends in StartError, 128, and the pod fails", async () => {
    const store = createTestStore();
    ctl?.stop();
    ctl = startControllers(store, { tickMs: 10 });
    store.create(R.pods, applyDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { restartPolicy: "Never", initContainers: [{ name: "dump", image: "busybox:1.36", command: ["pg_dump", "--file=/tmp/x"] }], containers: [{ name: "c", image: "busybox:1.36", command: ["true"] }] } } as KubeObject));
    const p = await waitFor(() => (store.get(R.pods, "default", "p") as Obj | undefined)?.status?.phase === "Failed" && (store.get(R.pods, "default", "p") as Obj), 5000, "pod failed");
    expect(p.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 128, reason: "StartError", message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "pg_dump": executable file not found in $PATH: unknown' });
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe("PodInitializing");
  });

  it("leaves a server it cannot run running, also when a script execs it", async () => {
    await expect(run({ image: "nginx:1.27", command: ["sh", "-c", 'echo starting; exec nginx -g "daemon off;"'] }, {}, 400)).rejects.toThrow("timed out waiting for pod finished");
  });

  it("reports the termination file as the message, at most 4096 bytes, whatever the exit code", async () => {
    const r = await run({ command: ["sh", "-c", "printf 'all %s\\n' good > /dev/termination-log; exit 3"] });
    expect(r.status.state.terminated).toMatchObject({ exitCode: 3, message: "all good\n" });
    const long = await run({ command: ["sh", "-c", "printf '%05000d' 0 > /tmp/msg"], terminationMessagePath: "/tmp/msg" });
    expect(long.status.state.terminated.message).toHaveLength(4096);
  });

  it("falls back to the last 80 lines / 2048 bytes of the log on failure under FallbackToLogsOnError, and only then", async () => {
    const r = await run({ command: ["sh", "-c", "printf 'line %03d\\n' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85; exit 2"], terminationMessagePolicy: "FallbackToLogsOnError" });
    const lines = r.status.state.terminated.message.trim().split("\n");
    expect(lines).toHaveLength(80);
    expect(lines[0]).toBe("line 006");
    expect(lines[79]).toBe("line 085");
    const wide = await run({ command: ["sh", "-c", "printf '%0300d\\n' 1 2 3 4 5 6 7 8 9 10; exit 1"], terminationMessagePolicy: "FallbackToLogsOnError" });
    expect(Buffer.byteLength(wide.status.state.terminated.message)).toBe(2048);
    const ok = await run({ command: ["sh", "-c", "echo fine"], terminationMessagePolicy: "FallbackToLogsOnError" });
    expect(ok.status.state.terminated.message).toBeUndefined();
  });
});
