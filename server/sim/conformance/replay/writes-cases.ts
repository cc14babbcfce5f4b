/**
 * Create, update and delete answers (recordings 02*, 03*, 09*): decode and validation errors,
 * Warning headers, optimistic-concurrency conflicts, preconditions, deletion propagation.
 */
import type { ReplayTable } from "@/server/sim/conformance/replay/replay-suite";
import { configMap, createObject, replayRequestOf, runningPod, setPreconditionRv, withResourceVersion } from "@/server/sim/conformance/replay/fixtures";

const CM = "/api/v1/namespaces/rec/configmaps";
const PUT_CM = `${CM}/put-cm`;
const DEL_CM = `${CM}/del-cm`;
const POST_WARN = "/apis/apps/v1/namespaces/rec/deployments/post-warn";

export const writesTable: ReplayTable = {
  title: "create, update and delete",
  setup: async (ctx) => {
    await createObject(ctx, CM, configMap("put-cm", { k: "v1" }));
    await createObject(ctx, CM, configMap("del-cm", { k: "v" }));
  },
  cases: [
    { name: "02-1-post-unknown-field-strict" },
    { name: "02-2-post-unknown-field-warn", fields: ["spec.replicaz", "spec.replicas"] },
    { name: "02-3-post-unknown-field-default", fields: ["spec.replicaz"] },
    { name: "02-4-post-unknown-field-ignore", fields: ["spec.replicaz"] },
    { name: "02-5-post-two-unknown-fields-strict" },
    { name: "02-6-post-two-unknown-fields-warn" },
    { name: "02-7-post-wrong-type-strict" },
    { name: "02-8-post-wrong-type-default" },
    { name: "02-9-post-duplicate-field-strict" },
    { name: "02-10-post-duplicate-field-warn", fields: ["spec.replicas"] },
    { name: "02-11-post-yaml-unknown-field-strict" },
    { name: "02-12-post-yaml-unknown-field-warn" },
    { name: "02-13-post-already-exists" },
    { name: "02-14-post-invalid-fieldvalidation-value" },
    { name: "02-15-post-missing-required" },
    { name: "03-1-put-current-rv", request: withResourceVersion("live", PUT_CM), fields: ["data"] },
    { name: "03-2-put-stale-rv", request: withResourceVersion("stale", PUT_CM) },
    { name: "03-3-put-no-rv", fields: ["data"] },
    { name: "03-4-put-nonnumeric-rv" },
    { name: "03-5-merge-patch-stale-rv", request: withResourceVersion("stale", PUT_CM) },
    { name: "03-6-delete-precondition-stale-rv", request: withResourceVersion("stale", DEL_CM, setPreconditionRv) },
    { name: "03-6b-delete-precondition-current-rv", request: withResourceVersion("live", DEL_CM, setPreconditionRv) },
    { name: "03-6c-delete-not-found" },
    { name: "03-7-put-deployment-stale-rv", request: withResourceVersion("stale", POST_WARN) },
    { name: "03-8-put-nonexistent-deployment" },
    { name: "03-9-put-nonexistent-configmap" },
    { name: "03-10-put-scale-subresource-stale", request: withResourceVersion("stale", POST_WARN) },
    { name: "03-11-get-scale-subresource", fields: ["spec.replicas", "status.selector"] },
    { name: "09-1-delete-pod-graceful", setup: (ctx) => runningPod(ctx, "execpause", { terminationGracePeriodSeconds: 1, containers: [{ name: "pause", image: "registry.k8s.io/pause:3.9" }] }), fields: ["metadata.deletionGracePeriodSeconds"] },
    { name: "09-2-delete-deployment-dryrun", setup: (ctx) => replayRequestOf(ctx, "01a-3-ssa-valid-deployment-plain") },
    { name: "09-3-delete-deployment-default" },
    { name: "09-4-delete-deployment-foreground", fields: ["metadata.deletionGracePeriodSeconds"] },
    { name: "09-5-get-during-foreground-delete" },
    { name: "09-6-delete-collection-configmaps-labelselector" },
    { name: "09-7-patch-scale", setup: (ctx) => replayRequestOf(ctx, "07d-deployment-progress-deadline"), fields: ["spec.replicas"] },
    { name: "09-8-json-patch-test-fails" },
    { name: "09-9-strategic-patch-unknown-field-strict" },
    { name: "09-10-merge-patch-unknown-field-warn", fields: ["spec.replicaz"] },
  ],
};
