import type { Ingress } from "kubernetes-types/networking/v1";
import { describe, expect, it } from "vitest";
import { summarizeApp } from "@/server/engine/status/health";
import { NOW, deployment, event, pod, pvc, replicaSet } from "@/server/engine/status/test-fixtures";

const crashing = {
  ready: false,
  container: {
    ready: false,
    restartCount: 4,
    state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 1m20s restarting failed container=web pod=web-7d9c5b8f4-abcde_shop(uid)" } },
    lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: "2026-11-22T09:58:00Z", finishedAt: "2026-11-22T09:58:01Z" } },
  },
};

describe("summarizeApp", () => {
  it("is Healthy when every desired replica is updated and available", () => {
    const s = summarizeApp({ deployment: deployment({ replicas: 2 }), replicaSets: [replicaSet()], pods: [pod("web-7d9c5b8f4-a"), pod("web-7d9c5b8f4-b")], now: NOW });
    expect(s.health).toBe("Healthy");
    expect(s.explanation).toBeUndefined();
    expect(s.replicas).toEqual({ desired: 2, updated: 2, ready: 2, available: 2 });
    expect(s.pods[0]).toMatchObject({ phase: "Running", ready: true, restarts: 0, reason: null, age: "5m", node: "berth-sim-node" });
  });

  it("is Stopped at 0 replicas, and says so (with what to do) when never deployed", () => {
    expect(summarizeApp({ deployment: deployment({ replicas: 0 }), desiredReplicas: 0, now: NOW }).health).toBe("Stopped");
    const never = summarizeApp({ desiredReplicas: 1, now: NOW });
    expect(never.health).toBe("Stopped");
    expect(never.explanation).toMatch(/not been deployed yet — deploy it/);
  });

  it("is Progressing while the controller has not caught up or old pods remain", () => {
    expect(summarizeApp({ deployment: deployment({ generation: 2, observed: 1 }), now: NOW }).health).toBe("Progressing");
    const rolling = deployment({ replicas: 1, updated: 1, available: 1, statusReplicas: 2, progressing: { status: "True", reason: "ReplicaSetUpdated" } });
    expect(summarizeApp({ deployment: rolling, pods: [pod("web-a"), pod("web-b", { ready: false })], now: NOW }).health).toBe("Progressing");
  });

  it("is Failed with the image explanation when the only pod cannot pull its image", () => {
    const p = pod("web-x", { phase: "Pending", ready: false, image: "nginx:latestt", container: { ready: false, state: { waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx:latestt"' } } } });
    const s = summarizeApp({ deployment: deployment({ updated: 1, ready: 0, available: 0, progressing: { status: "True", reason: "ReplicaSetUpdated" } }), pods: [p], now: NOW });
    expect(s.health).toBe("Failed");
    expect(s.explanation).toBe("The image nginx:latestt could not be pulled — check the image name and tag, and that the registry is reachable.");
    expect(s.pods[0]).toMatchObject({ reason: "ImagePullBackOff", ready: false });
  });

  it("is Degraded when a new pod crashes while an old replica still serves", () => {
    const d = deployment({ replicas: 1, updated: 1, ready: 1, available: 1, statusReplicas: 2, progressing: { status: "True", reason: "ReplicaSetUpdated" } });
    const s = summarizeApp({ deployment: d, pods: [pod("web-old"), pod("web-new", crashing)], now: NOW });
    expect(s.health).toBe("Degraded");
    expect(s.explanation).toBe("The container keeps crashing (last exit code 1) — open the logs to see why it exits.");
    expect(s.pods.find((p) => p.name === "web-new")).toMatchObject({ restarts: 4, reason: "CrashLoopBackOff" });
  });

  it("is Failed past the progress deadline even when no pod says why", () => {
    const d = deployment({ updated: 1, ready: 0, available: 0, progressing: { status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-7d9c5b8f4" has timed out progressing.' }, deadline: 120 });
    const s = summarizeApp({ deployment: d, pods: [pod("web-x", { ready: false })], now: NOW });
    expect(s.health).toBe("Failed");
    expect(s.explanation).toMatch(/did not finish within its 120-second deadline — .*deploy again or roll back\.$/);
  });

  it("is Degraded when a finished rollout later loses availability", () => {
    const d = deployment({ replicas: 2, updated: 2, ready: 1, available: 1 });
    const s = summarizeApp({ deployment: d, pods: [pod("web-a"), pod("web-b", { ready: false })], now: NOW });
    expect(s.health).toBe("Degraded");
    expect(s.explanation).toMatch(/^Only 1 of 2 replicas are available/);
  });

  it("does not blame a Healthy app for an old warning event", () => {
    const old = event("Pod", "web-a", "BackOff", 'Back-off pulling image "nginx:1.27"', { at: "2026-11-22T09:56:00Z" });
    const s = summarizeApp({ deployment: deployment(), pods: [pod("web-a")], events: [old], now: NOW });
    expect(s.health).toBe("Healthy");
    expect(s.explanation).toBeUndefined();
    expect(s.events).toHaveLength(1);
  });

  it("shows recent events newest first, repeats folded, and ignores other apps' events", () => {
    const events = [
      event("Pod", "web-a", "Pulled", 'Successfully pulled image "nginx:1.27"', { type: "Normal", at: "2026-11-22T09:56:00Z" }),
      event("Pod", "web-a", "BackOff", "Back-off restarting failed container web", { at: "2026-11-22T09:58:00Z", count: 3 }),
      event("Pod", "web-b", "BackOff", "Back-off restarting failed container web", { at: "2026-11-22T09:59:00Z", count: 2 }),
      event("Pod", "other-app-pod", "Killing", "Stopping container other", { type: "Normal", at: "2026-11-22T09:59:30Z" }),
    ];
    const s = summarizeApp({ deployment: deployment({ replicas: 2 }), pods: [pod("web-a"), pod("web-b")], events, now: NOW });
    expect(s.events.map((e) => [e.reason, e.count])).toEqual([["BackOff", 5], ["Pulled", 1]]);
    expect(s.events[0]).toMatchObject({ type: "Warning", object: "Pod/web-b", lastSeen: "2026-11-22T09:59:00.000Z" });
  });

  it("reports volume phase with the provisioner's note, and the ingress URLs and address", () => {
    const claim = pvc("web-data", { phase: "Pending", accessModes: ["ReadWriteMany"] });
    const failed = event("PersistentVolumeClaim", "web-data", "ProvisioningFailed", 'failed to provision volume with StorageClass "local-path": Only support ReadWriteOnce access mode', { component: "rancher.io/local-path_local-path-provisioner" });
    const ingress: Ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: "shop", uid: "ing-1" },
      spec: { tls: [{ hosts: ["secure.example.com"] }], rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }, { host: "secure.example.com", http: { paths: [{ path: "/api", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
      status: { loadBalancer: { ingress: [{ ip: "10.0.0.5" }] } },
    };
    const s = summarizeApp({ deployment: deployment(), pods: [pod("web-a")], pvcs: [claim, pvc("web-logs")], events: [failed], ingress, expectedVolumes: ["web-data", "web-cache"], now: NOW });
    expect(s.volumes).toEqual([
      { name: "web-data", phase: "Pending", capacity: "1Gi", accessModes: ["ReadWriteMany"], storageClass: "local-path", note: 'failed to provision volume with StorageClass "local-path": Only support ReadWriteOnce access mode' },
      expect.objectContaining({ name: "web-cache", phase: "Missing" }),
      expect.objectContaining({ name: "web-logs", phase: "Bound", note: null }),
    ]);
    expect(s.urls).toEqual(["http://shop.example.com/", "https://secure.example.com/api"]);
    expect(s.ingressAddress).toBe("10.0.0.5");
  });

  it("shows a terminating pod as Terminating and does not let it decide health", () => {
    const gone = pod("web-old", { deleting: true, ready: false, container: crashing.container });
    const s = summarizeApp({ deployment: deployment(), pods: [pod("web-new", { createdAt: "2026-11-22T09:59:00Z" }), gone], now: NOW });
    expect(s.health).toBe("Healthy");
    expect(s.pods.map((p) => [p.name, p.phase, p.age])).toEqual([["web-new", "Running", "1m"], ["web-old", "Terminating", "5m"]]);
  });
});
