import { describe, expect, it } from "vitest";
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import { countRestarts, evaluateRollout, explainCrashedNewPods } from "@/server/engine/evaluate-rollout";

function deployment(opts: { replicas?: number; generation?: number; observed?: number; updated?: number; total?: number; available?: number; deadline?: boolean }): Deployment {
  const replicas = opts.replicas ?? 1;
  return {
    metadata: { name: "web", namespace: "shop", uid: "d1", generation: opts.generation ?? 2, annotations: { "deployment.kubernetes.io/revision": "2" } },
    spec: { replicas, selector: {}, template: {} },
    status: {
      observedGeneration: opts.observed ?? 2,
      updatedReplicas: opts.updated ?? replicas,
      replicas: opts.total ?? replicas,
      availableReplicas: opts.available ?? replicas,
      conditions: opts.deadline ? [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "timed out" }] : [],
    },
  };
}

const rs = { metadata: { name: "web-abc", uid: "rs2", annotations: { "deployment.kubernetes.io/revision": "2" }, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d1", controller: true }] } };
function pod(reason?: string): Pod {
  return {
    metadata: { name: "web-abc-1", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: "rs2", controller: true }] },
    spec: { containers: [{ name: "web", image: "nginx:notfound" }] },
    status: { containerStatuses: [{ name: "web", image: "nginx:notfound", imageID: "", ready: false, restartCount: 0, state: reason ? { waiting: { reason } } : { running: {} } }] },
  };
}

describe("evaluateRollout", () => {
  it("succeeds when every replica is updated and available for the latest generation", () => {
    expect(evaluateRollout({ deployment: deployment({}), replicaSets: [rs], pods: [pod()], minGeneration: 2 }, 0, 1000).state).toBe("succeeded");
  });

  it("keeps waiting while the controller has not seen the applied generation", () => {
    const v = evaluateRollout({ deployment: deployment({ generation: 3, observed: 2 }), replicaSets: [rs], pods: [], minGeneration: 3 }, 0, 1000);
    expect(v.state).toBe("progressing");
  });

  it("keeps waiting while the cache still shows an older generation than the apply returned", () => {
    const v = evaluateRollout({ deployment: deployment({ generation: 2, observed: 2 }), replicaSets: [rs], pods: [], minGeneration: 3 }, 0, 1000);
    expect(v.state).toBe("progressing");
  });

  it("keeps waiting while replicas are not all available", () => {
    const v = evaluateRollout({ deployment: deployment({ replicas: 2, available: 1 }), replicaSets: [rs], pods: [], minGeneration: 2 }, 0, 1000);
    expect(v).toMatchObject({ state: "progressing", message: expect.stringContaining("1 available") });
  });

  it("treats a stopped app (0 replicas) as rolled out", () => {
    expect(evaluateRollout({ deployment: deployment({ replicas: 0 }), replicaSets: [], pods: [], minGeneration: 2 }, 0, 1000).state).toBe("succeeded");
  });

  it("fails on ProgressDeadlineExceeded", () => {
    expect(evaluateRollout({ deployment: deployment({ available: 0, deadline: true }), replicaSets: [rs], pods: [], minGeneration: 2 }, 0, 1000).state).toBe("failed");
  });

  it("waits out the grace period before failing on ImagePullBackOff, then explains it", () => {
    const snapshot = { deployment: deployment({ available: 0 }), replicaSets: [rs], pods: [pod("ImagePullBackOff")], minGeneration: 2 };
    const first = evaluateRollout(snapshot, 1000, 500);
    expect(first).toMatchObject({ state: "progressing", stuckSince: 1000 });
    const later = evaluateRollout(snapshot, 1600, 500, 1000);
    expect(later.state).toBe("failed");
    expect(later.message).toContain("nginx:notfound could not be pulled");
  });

  it("ignores stuck pods of an older ReplicaSet", () => {
    const oldPod = { ...pod("CrashLoopBackOff"), metadata: { name: "old", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-old", uid: "rs1", controller: true }] } };
    const v = evaluateRollout({ deployment: deployment({ available: 0 }), replicaSets: [rs], pods: [oldPod], minGeneration: 2 }, 5000, 0, 0);
    expect(v.state).toBe("progressing");
  });
});

describe("explainCrashedNewPods", () => {
  const crashed = (restartCount: number): Pod => ({
    ...pod(),
    metadata: { ...pod().metadata, uid: "p1" },
    status: { containerStatuses: [{ name: "web", image: "nginx:crashloop", imageID: "", ready: true, restartCount, state: { running: {} }, lastState: { terminated: { exitCode: 1, containerID: "" } } }] },
  });
  const snapshot = (p: Pod) => ({ deployment: deployment({}), replicaSets: [rs], pods: [p], minGeneration: 2 });

  it("flags a new pod that restarted while the rollout was watched", () => {
    expect(explainCrashedNewPods(snapshot(crashed(1)), new Map([["p1", 0]]))).toContain("exited with code 1 soon after starting");
  });

  it("ignores restarts that happened before the deploy", () => {
    expect(explainCrashedNewPods(snapshot(crashed(3)), countRestarts([crashed(3)]))).toBeUndefined();
  });
});
