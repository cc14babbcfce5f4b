import { describe, expect, it } from "vitest";
import type { StatefulSet } from "kubernetes-types/apps/v1";
import { explainDatabase } from "@/server/engine/databases/explain-database";
import { event, NOW, pod, pvc } from "@/server/engine/status/test-fixtures";

const sts = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "pg", namespace: "shop" } } as StatefulSet;

describe("explainDatabase", () => {
  it("is ready once its pod passes the engine's readiness check", () => {
    expect(explainDatabase({ statefulSet: sts, pods: [pod("pg-0")], pvcs: [pvc("data-pg-0")], events: [], now: NOW })).toMatchObject({
      health: "Healthy",
      message: "The database is ready and accepts connections.",
    });
  });

  it("says the volume is not bound, in the provisioner's words", () => {
    const status = explainDatabase({
      statefulSet: sts,
      pods: [pod("pg-0", { ready: false, phase: "Pending", claim: "data-pg-0", scheduled: { reason: "Unschedulable", message: "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims." } })],
      pvcs: [pvc("data-pg-0", { phase: "Pending", storageClass: "fast" })],
      events: [event("PersistentVolumeClaim", "data-pg-0", "ProvisioningFailed", 'storageclass.storage.k8s.io "fast" not found')],
      now: NOW,
    });
    expect(status.health).toBe("Failed");
    expect(status.message).toContain('storageclass.storage.k8s.io "fast" not found');
  });

  it("names the image that cannot be pulled", () => {
    const status = explainDatabase({ statefulSet: sts, pods: [pod("pg-0", { ready: false, image: "postgres:99", container: { state: { waiting: { reason: "ImagePullBackOff" } } } })], pvcs: [], events: [], now: NOW });
    expect(status).toMatchObject({ health: "Failed", message: expect.stringContaining("postgres:99 could not be pulled") });
  });

  it("quotes the engine's last log line when it keeps crashing", () => {
    const crashing = pod("pg-0", { ready: false, container: { restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1, reason: "Error" } } } });
    const status = explainDatabase({ statefulSet: sts, pods: [crashing], pvcs: [], events: [], lastLogLine: 'initdb: error: directory "/var/lib/postgresql/data" exists but is not empty', now: NOW });
    expect(status.health).toBe("Failed");
    expect(status.message).toBe('The container keeps crashing (last exit code 1); its last log line: initdb: error: directory "/var/lib/postgresql/data" exists but is not empty');
  });

  it("is starting while the readiness check has not passed, and unknown before its first apply", () => {
    expect(explainDatabase({ statefulSet: sts, pods: [pod("pg-0", { ready: false })], pvcs: [pvc("data-pg-0")], events: [], now: NOW })).toMatchObject({ health: "Progressing", message: expect.stringContaining("not ready yet") });
    expect(explainDatabase({ pods: [], pvcs: [], events: [], now: NOW }).health).toBe("Unknown");
  });
});
