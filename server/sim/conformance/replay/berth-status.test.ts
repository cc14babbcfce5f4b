/**
 * Berth's status sentences fed the real cluster's recorded objects (07a–07d): each must read
 * right for the texts a real kubelet/containerd/controller writes, not only for the sim's.
 */
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Event, PersistentVolumeClaim, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { explainApp } from "@/server/engine/status/explain";
import { summarizeApp } from "@/server/engine/status/health";
import { loadRecording } from "@/server/sim/conformance/replay/recordings";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The recorder kept events as summaries; these are the Event fields Berth reads. */
function recordedEvents(summary: Obj[]): Event[] {
  return summary.map((e, i) => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${e.name}.${i}`, namespace: "rec" },
    involvedObject: { kind: e.kind, name: e.name, namespace: "rec", fieldPath: e.fieldPath },
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    source: e.source,
    firstTimestamp: e.firstTimestamp ?? undefined,
    lastTimestamp: e.lastTimestamp ?? undefined,
    eventTime: e.eventTime ?? undefined,
  }));
}

/** The recorded pod at one polled status (or its final one). */
function recordedPod(name: string, status: Obj): Pod {
  const rec = loadRecording(name);
  const body = rec.request!.body as Obj;
  return { apiVersion: "v1", kind: "Pod", metadata: { ...body.metadata, uid: "recorded" }, spec: body.spec, status: status as Pod["status"] };
}

const imagePull = loadRecording("07a-pod-missing-image");
const crash = loadRecording("07b-pod-crashloop");
const wffc = loadRecording("07c-pvc-wffc-then-bound");
const deadline = loadRecording("07d-deployment-progress-deadline");
const statusWith = (rec: typeof imagePull, reason: string) => (rec.timeline as Obj[]).find((t) => stateReason(t) === reason)!;
const stateReason = (t: Obj) => {
  const s = t.containerStatuses?.[0]?.state ?? {};
  return s.waiting?.reason ?? (s.terminated ? "terminated" : s.running ? "running" : undefined);
};

describe("Berth's status sentences against a real cluster's failures", () => {
  const unreachable =
    "The image berth-test/web:does-not-exist could not be pulled: its registry could not be reached (dial tcp 127.0.0.1:9: connect: connection refused) — check the registry address in the image name and that the cluster's node can reach it.";

  it("says the registry is unreachable for containerd's ErrImagePull text, and still during ImagePullBackOff from the Failed event", () => {
    const events = recordedEvents((imagePull.events as Obj).summary);
    expect(explainApp({ pods: [recordedPod(imagePull.name, statusWith(imagePull, "ErrImagePull"))], events: [], pvcs: [] })).toBe(unreachable);
    expect(explainApp({ pods: [recordedPod(imagePull.name, imagePull.finalStatus as Obj)], events, pvcs: [] })).toBe(unreachable);
    // Without the events the back-off text names no cause: the general sentence.
    expect(explainApp({ pods: [recordedPod(imagePull.name, imagePull.finalStatus as Obj)], events: [], pvcs: [] })).toBe(
      "The image berth-test/web:does-not-exist could not be pulled — check the image name and tag, and that the registry is reachable.",
    );
  });

  it("reports the crash loop's real exit code while backing off and between two crashes", () => {
    const sentence = "The container keeps crashing (last exit code 3) — open the logs to see why it exits.";
    expect(explainApp({ pods: [recordedPod(crash.name, statusWith(crash, "CrashLoopBackOff"))], events: [], pvcs: [] })).toBe(sentence);
    expect(explainApp({ pods: [recordedPod(crash.name, crash.finalStatus as Obj)], events: recordedEvents((crash.events as Obj).summary), pvcs: [] })).toBe(sentence);
  });

  it("raises no alarm for a claim waiting for its first consumer, nor for the consumer while the volume is provisioned", () => {
    const claim: PersistentVolumeClaim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "wffc", namespace: "rec" }, spec: (wffc.request!.body as Obj).spec, status: { phase: "Pending" } };
    const consumerBody = (wffc.consumerPodRequest as Obj).body;
    const consumer: Pod = { ...consumerBody, status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True" }], containerStatuses: [{ name: "app", ready: false, restartCount: 0, image: "busybox:1.35.0", imageID: "", state: { waiting: { reason: "ContainerCreating" } } }] } };
    const events = recordedEvents([...(wffc.eventsAfterConsumer as Obj).summary, ...(wffc.consumerPodEvents as Obj).summary]);
    expect(explainApp({ pods: [], events: recordedEvents((wffc.eventsBeforeConsumer as Obj).summary), pvcs: [claim] })).toBeUndefined();
    expect(explainApp({ pods: [consumer], events, pvcs: [claim] })).toBeUndefined();
  });

  it("names the stuck image before the missed deadline, and the recorded deadline when no pod says more", () => {
    const body = deadline.request!.body as Obj;
    const deployment: Deployment = { ...body, metadata: { ...body.metadata, uid: "d", generation: 1 }, status: deadline.finalStatus as Deployment["status"] };
    const pod = recordedPod(imagePull.name, imagePull.finalStatus as Obj);
    pod.metadata!.labels = { app: "deadline" };
    pod.spec!.containers[0].image = "berth-test/web:does-not-exist";
    const summary = summarizeApp({ deployment, pods: [pod], events: recordedEvents((imagePull.events as Obj).summary) });
    expect(summary.health).toBe("Failed");
    expect(summary.explanation).toBe(unreachable);
    expect(summarizeApp({ deployment, pods: [] }).explanation).toBe("The rollout did not finish within its 10-second deadline — look at the pods and events for the cause, then fix it and deploy again or roll back.");
  });
});
