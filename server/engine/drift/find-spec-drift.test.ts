import type { Deployment } from "kubernetes-types/apps/v1";
import { describe, expect, it } from "vitest";
import { describeManager, managersOf } from "@/server/engine/drift/drift-managers";
import { driftSentence } from "@/server/engine/drift/drift-notice";
import { driftedReplicas, findSpecDrift } from "@/server/engine/drift/find-spec-drift";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { assessHealth } from "@/server/engine/status/health";

/** What Berth applied, then changed as `change` does it, as a live Deployment would be. */
function live(change: (d: Deployment) => void, overrides: Parameters<typeof appSpec>[0] = {}): Deployment {
  const rendered = structuredClone(renderDeployment(appSpec({ env: [{ name: "LOG", value: "info" }], resources: { limits: { cpu: "500m" } }, ...overrides }), PROJECT));
  change(rendered);
  return rendered;
}
const container = (d: Deployment) => d.spec!.template.spec!.containers[0];

describe("findSpecDrift", () => {
  it("finds nothing on the Deployment as Berth rendered it, or on one Berth did not render", () => {
    expect(findSpecDrift(live(() => {}))).toBeUndefined();
    expect(findSpecDrift(live((d) => delete d.metadata!.annotations))).toBeUndefined();
  });

  it("names each modelled field that differs, with both values as a person reads them", () => {
    const drift = findSpecDrift(
      live((d) => {
        d.spec!.replicas = 3;
        container(d).image = "nginx:hotfix";
        container(d).env = [{ name: "LOG", value: "debug" }, { name: "TRACE", value: "1" }];
        container(d).resources = { limits: { cpu: "1" }, requests: { memory: "64Mi" } };
      }),
    );
    expect(drift?.fields).toEqual([
      { field: "replicas", berth: "1", live: "3", isConflict: true },
      { field: "image", berth: "nginx:1.27", live: "nginx:hotfix", isConflict: true },
      { field: "env", berth: "LOG=info, TRACE unset", live: "LOG=debug, TRACE=1", isConflict: true },
      { field: "resources", berth: "memory request unset, cpu limit 500m", live: "memory request 64Mi, cpu limit 1", isConflict: true },
    ]);
    expect(drift?.live).toEqual({
      replicas: 3,
      image: "nginx:hotfix",
      env: [{ name: "LOG", value: "debug" }, { name: "TRACE", value: "1" }],
      resources: { requests: { memory: "64Mi" }, limits: { cpu: "1" } },
    });
  });

  it("tells what others only added (no deploy conflict) from a value Berth sets that changed", () => {
    const added = findSpecDrift(
      live((d) => {
        container(d).env = [...(container(d).env ?? []), { name: "TRACE", value: "1" }];
        container(d).resources = { limits: { cpu: "500m" }, requests: { cpu: "100m" } };
      }),
    );
    expect(added?.fields.map((f) => [f.field, f.isConflict])).toEqual([
      ["env", false],
      ["resources", false],
    ]);
  });

  it("reads equal quantities as equal and leaves secret env references out of plain env", () => {
    const drift = findSpecDrift(
      live(
        (d) => {
          container(d).resources = { limits: { cpu: "0.5" } };
          container(d).env = [...(container(d).env ?? []).filter((e) => e.name !== "TOKEN"), { name: "TOKEN", valueFrom: { secretKeyRef: { name: "other", key: "x" } } }];
        },
        { secretEnv: [{ name: "TOKEN", value: "s3cret" }] },
      ),
    );
    expect(drift).toBeUndefined();
  });

  it("gives the live replica count to health, so a scaled app reads Healthy rather than rolling out", () => {
    const scaled = live((d) => {
      d.spec!.replicas = 2;
      Object.assign(d.metadata!, { generation: 2 });
      d.status = { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
    });
    expect(driftedReplicas(scaled)).toBe(2);
    expect(assessHealth({ deployment: scaled, desiredReplicas: 1 })).toMatchObject({ health: "Healthy", replicas: { desired: 2, ready: 2 } });
    const pending = live((d) => {
      d.status = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 };
    });
    // The spec says 3 but Berth has not applied it yet: a rollout to come, not drift.
    expect(assessHealth({ deployment: pending, desiredReplicas: 3 }).health).toBe("Progressing");
  });
});

describe("who changed it", () => {
  /** managedFields as the API server records kubectl scale and kubectl set image after Berth's apply. */
  const entries = [
    { manager: "berth", operation: "Apply" as const, fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:name": {} } } } } } } },
    { manager: "kubectl", operation: "Update" as const, subresource: "scale", fieldsV1: { "f:spec": { "f:replicas": {} } } },
    { manager: "kubectl-set", operation: "Update" as const, fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {}, "f:env": { 'k:{"name":"LOG"}': { "f:value": {} } } } } } } } } },
  ];

  it("names the managers holding each drifted field, never Berth", () => {
    const managers = managersOf(entries, "web", ["replicas", "image", "env", "resources"]);
    expect(Object.fromEntries(managers)).toEqual({ replicas: ["kubectl scale"], image: ["kubectl set"], env: ["kubectl set"], resources: [] });
  });

  it("says kubectl's commands as a person typed them", () => {
    expect(describeManager({ manager: "kubectl-client-side-apply" })).toBe("kubectl apply");
    expect(describeManager({ manager: "kubectl-edit" })).toBe("kubectl edit");
    expect(describeManager({ manager: "kubectl" })).toBe("kubectl");
    expect(describeManager({ manager: "helm" })).toBe("helm");
  });

  it("writes one sentence naming every manager and field", () => {
    expect(
      driftSentence(
        [
          { field: "replicas", berth: "1", live: "2", changedBy: ["kubectl scale"] },
          { field: "image", berth: "nginx:1.27", live: "nginx:1.28", changedBy: ["kubectl set"] },
        ],
        true,
      ),
    ).toBe(
      "Changed outside Berth by kubectl scale and kubectl set: replicas is 2, Berth's spec says 1; image is nginx:1.28, Berth's spec says nginx:1.27. Deploys fail on this conflict until you re-apply Berth's values or adopt the live ones.",
    );
    expect(driftSentence([{ field: "replicas", berth: "1", live: "2", changedBy: ["Berth's YAML editor"] }], true)).toMatch(/^Changed in Berth's YAML editor, not in the app's spec: replicas is 2/);
    expect(driftSentence([{ field: "env", berth: "TRACE unset", live: "TRACE=1", changedBy: ["kubectl set"] }], false)).toBe(
      "Changed outside Berth by kubectl set: env is TRACE=1, Berth's spec says TRACE unset. Deploys still work; re-apply removes what was added, adopt keeps it in the spec.",
    );
  });
});
