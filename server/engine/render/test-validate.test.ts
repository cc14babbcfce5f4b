import { describe, expect, it } from "vitest";
import { kubeObjectProblems } from "@/server/engine/render/test-validate";

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", labels: { "berth.dev/app": "web" } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { "berth.dev/app": "web" } },
    template: { metadata: { labels: { "berth.dev/app": "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
  },
});

describe("kubeObjectProblems (the helper every render test relies on)", () => {
  it("passes a valid Deployment", () => {
    expect(kubeObjectProblems(deployment())).toEqual([]);
  });

  it("catches a wrong type from the upstream schema", () => {
    const d = deployment();
    (d.spec as Record<string, unknown>).replicas = "2";
    expect(kubeObjectProblems(d)).toEqual(["schema: data/spec/replicas must be integer"]);
  });

  it("catches a missing required field from the upstream schema", () => {
    const d = deployment();
    delete (d.spec.template.spec.containers[0] as Record<string, unknown>).name;
    expect(kubeObjectProblems(d)[0]).toBe("schema: data/spec/template/spec/containers/0 must have required property name");
  });

  it("catches names, labels, selector mismatches and kinds the schema does not check", () => {
    expect(kubeObjectProblems({ ...deployment(), metadata: { name: "Web" } })).toEqual(['Deployment name "Web" is not an RFC 1123 subdomain']);
    expect(kubeObjectProblems({ apiVersion: "v1", kind: "Service", metadata: { name: "1web" }, spec: {} })).toEqual([
      'Service name "1web" is not an RFC 1035 label',
    ]);
    expect(kubeObjectProblems({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a.b" } })).toEqual(['Namespace name "a.b" is not an RFC 1123 label']);
    const badLabel = deployment();
    badLabel.metadata.labels["berth.dev/app"] = "x".repeat(64);
    expect(kubeObjectProblems(badLabel)).toEqual([`metadata.labels: value "${"x".repeat(64)}" of berth.dev/app is not a valid label value`]);
    const mismatch = deployment();
    mismatch.spec.template.metadata.labels["berth.dev/app"] = "api";
    expect(kubeObjectProblems(mismatch)).toEqual(["spec.selector: berth.dev/app=web does not match the template labels"]);
    const huge = { apiVersion: "v1", kind: "Namespace", metadata: { name: "a", annotations: { "x/y": "z".repeat(300 * 1024) } } };
    expect(kubeObjectProblems(huge)[0]).toMatch(/over the 256 KiB limit/);
    expect(kubeObjectProblems({ apiVersion: "v1", kind: "Deployment", metadata: { name: "a" } })).toEqual(["Deployment must have apiVersion apps/v1, not v1"]);
    expect(kubeObjectProblems({ apiVersion: "v1", kind: "Widget" })).toEqual(["unknown kind Widget"]);
  });
});
