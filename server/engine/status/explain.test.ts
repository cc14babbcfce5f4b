import { describe, expect, it } from "vitest";
import { explainApp } from "@/server/engine/status/explain";
import { formatAge } from "@/server/engine/status/summarize-objects";
import { NOW, deployment, event, pod, pvc } from "@/server/engine/status/test-fixtures";

const pendingOn = (claim: string) => pod("web-p", { phase: "Pending", ready: false, claim, scheduled: { reason: "Unschedulable", message: "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling." } });

describe("explainApp", () => {
  it("explains an RWX claim on local-path in the provisioner's words and says to use ReadWriteOnce", () => {
    const claim = pvc("web-data", { phase: "Pending", accessModes: ["ReadWriteMany"] });
    const events = [event("PersistentVolumeClaim", "web-data", "ProvisioningFailed", 'failed to provision volume with StorageClass "local-path": Only support ReadWriteOnce access mode')];
    expect(explainApp({ pods: [pendingOn("web-data")], pvcs: [claim], events })).toBe(
      'The volume "web-data" cannot be provisioned (failed to provision volume with StorageClass "local-path": Only support ReadWriteOnce access mode) — ' +
        "this storage class supports only ReadWriteOnce — change the volume's access mode to ReadWriteOnce, or choose a storage class that supports ReadWriteMany.",
    );
  });

  it("explains a claim with no storage class", () => {
    const claim = pvc("web-data", { phase: "Pending" });
    const events = [event("PersistentVolumeClaim", "web-data", "FailedBinding", "no persistent volumes available for this claim and no storage class is set", { component: "persistentvolume-controller" })];
    expect(explainApp({ pods: [pendingOn("web-data")], pvcs: [claim], events })).toMatch(/no storage class is set\) — set a storage class on the volume, or mark one as the cluster's default\.$/);
  });

  it("falls back to the scheduler's unbound-claim message when the claim has no event yet", () => {
    const claim = pvc("web-data", { phase: "Pending" });
    const events = [event("Pod", "web-p", "FailedScheduling", "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", { component: "default-scheduler" })];
    expect(explainApp({ pods: [pendingOn("web-data")], pvcs: [claim], events })).toMatch(/^The pod cannot be scheduled because its volume is not bound yet \(0\/1 nodes.*\) — check the volume's storage class\.$/);
  });

  it("explains an unschedulable pod with the scheduler's message and what to change", () => {
    const p = pod("web-p", { phase: "Pending", ready: false, scheduled: { reason: "Unschedulable", message: "0/1 nodes are available: 1 Insufficient cpu." } });
    const events = [event("Pod", "web-p", "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", { component: "default-scheduler" })];
    expect(explainApp({ pods: [p], pvcs: [], events })).toBe(
      "The pod cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod — lower the app's CPU/memory requests or free up capacity on the node.",
    );
  });

  it("explains Multi-Attach for a pod still waiting for its volume, not for one that already runs", () => {
    const waiting = pod("web-new", { phase: "Pending", ready: false, claim: "web-data", container: { ready: false, state: { waiting: { reason: "ContainerCreating" } } } });
    const multi = event("Pod", "web-new", "FailedAttachVolume", 'Multi-Attach error for volume "pvc-3f1c" Volume is already used by pod(s) web-old', { component: "attachdetach-controller" });
    expect(explainApp({ pods: [waiting], pvcs: [pvc("web-data")], events: [multi] })).toBe(
      'The volume "pvc-3f1c" is still attached to another pod (Multi-Attach error) — a ReadWriteOnce volume can be used by one pod at a time, so run 1 replica with the Recreate strategy.',
    );
    expect(explainApp({ pods: [pod("web-new")], pvcs: [pvc("web-data")], events: [multi] })).toBeUndefined();
  });

  it("explains ErrImagePull with the image as written in the spec, and an invalid image name", () => {
    const p = pod("web-x", { phase: "Pending", ready: false, image: "ghcr.io/acme/api:v2-typo", container: { ready: false, state: { waiting: { reason: "ErrImagePull", message: "failed to pull and unpack image" } } } });
    expect(explainApp({ pods: [p], pvcs: [], events: [] })).toBe("The image ghcr.io/acme/api:v2-typo could not be pulled — check the image name and tag, and that the registry is reachable.");
    const bad = pod("web-y", { phase: "Pending", ready: false, image: "Nginx", container: { ready: false, state: { waiting: { reason: "InvalidImageName" } } } });
    expect(explainApp({ pods: [bad], pvcs: [], events: [] })).toMatch(/^The image name Nginx is not valid — fix the image reference/);
  });

  it("explains a container between crashes (terminated with a non-zero code) and an OOM kill", () => {
    const exited = pod("web-c", { ready: false, container: { ready: false, restartCount: 2, state: { terminated: { exitCode: 137, reason: "Error" } } } });
    expect(explainApp({ pods: [exited], pvcs: [], events: [] })).toBe("The container keeps crashing (last exit code 137) — open the logs to see why it exits.");
    const oom = pod("web-o", { ready: false, container: { ready: false, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } } } });
    expect(explainApp({ pods: [oom], pvcs: [], events: [] })).toMatch(/OOMKilled\) — raise the app's memory limit\.$/);
  });

  it("says nothing when all is well", () => {
    expect(explainApp({ deployment: deployment(), pods: [pod("web-a")], pvcs: [pvc("web-data")], events: [] })).toBeUndefined();
  });
});

describe("formatAge", () => {
  it("prints ages the way kubectl does", () => {
    const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
    expect([5, 59, 61, 125, 600, 3600, 3660, 90000, 30 * 86400].map((s) => formatAge(ago(s), NOW))).toEqual(["5s", "59s", "1m1s", "2m5s", "10m", "1h", "1h1m", "1d1h", "30d"]);
  });
});
