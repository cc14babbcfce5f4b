import { describe, expect, it } from "vitest";
import { explainApp } from "@/server/engine/status/explain";
import { event, pod } from "@/server/engine/status/test-fixtures";

const crashed = (name: string, terminated: { exitCode: number; reason: string; message?: string }) =>
  pod(name, { ready: false, container: { ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated } } });

describe("explaining probe restarts and crashes", () => {
  it("says a liveness probe restarted the container, quoting the probe, not that it crashed", () => {
    const p = crashed("web-l", { exitCode: 137, reason: "Error" });
    const events = [
      event("Pod", "web-l", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500"),
      event("Pod", "web-l", "Killing", "Container web failed liveness probe, will be restarted", { type: "Normal" }),
    ];
    expect(explainApp({ pods: [p], pvcs: [], events })).toBe(
      "The container was restarted by its liveness probe (HTTP probe failed with statuscode: 500); it did not crash by itself — make the app answer its liveness check, or fix the check's path, port or command.",
    );
  });

  it("says a startup probe never succeeded, with the time it was given", () => {
    const p = crashed("web-s", { exitCode: 137, reason: "Error" });
    p.spec!.containers[0].startupProbe = { exec: { command: ["false"] }, periodSeconds: 5, failureThreshold: 30 };
    const events = [event("Pod", "web-s", "Killing", "Container web failed startup probe, will be restarted", { type: "Normal" })];
    expect(explainApp({ pods: [p], pvcs: [], events })).toBe(
      "The container's startup probe never succeeded within 150 seconds, so the kubelet keeps restarting it — fix the startup check, or allow a slower start with a higher failureThreshold or periodSeconds.",
    );
  });

  it("explains a crash without probe events as a crash, quoting its last log line", () => {
    const p = crashed("web-c", { exitCode: 1, reason: "Error", message: "starting\nError: DATABASE_URL is not set\n" });
    expect(explainApp({ pods: [p], pvcs: [], events: [] })).toBe(
      'The container keeps crashing (last exit code 1); its last log line: "Error: DATABASE_URL is not set" — open the logs to see why it exits.',
    );
  });

  it.each([
    "mkdir: cannot create directory '/var/lib/postgresql/data/pgdata': Permission denied",
    'initdb: error: could not change permissions of directory "/var/lib/postgresql/data": Operation not permitted',
    "chown: /data: Operation not permitted",
  ])("tells a permission error on a volume to set the user or fsGroup: %s", (line) => {
    const p = crashed("web-p", { exitCode: 1, reason: "Error", message: `starting\n${line}\n` });
    expect(explainApp({ pods: [p], pvcs: [], events: [] })).toBe(
      `The container keeps crashing (last exit code 1): "${line}" — the process may not write where its volume is mounted; set the app's fsGroup (and user) in Advanced to the image's group, e.g. 999 for postgres.`,
    );
  });

  it("tells a write to a read-only root filesystem to mount a volume", () => {
    const p = crashed("web-r", { exitCode: 1, reason: "Error", message: "nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n" });
    expect(explainApp({ pods: [p], pvcs: [], events: [] })).toMatch(/its filesystem is read-only, so mount a volume at the path it writes to, or turn off the read-only root filesystem\.$/);
  });
});

describe("a probe restart that is over", () => {
  it("says nothing once the container is ready again after a single restart", () => {
    const p = pod("web-ok", { container: { restartCount: 1, lastState: { terminated: { exitCode: 137, reason: "Error" } } } });
    const events = [event("Pod", "web-ok", "Killing", "Container web failed liveness probe, will be restarted", { type: "Normal" })];
    expect(explainApp({ pods: [p], pvcs: [], events })).toBeUndefined();
  });
});
