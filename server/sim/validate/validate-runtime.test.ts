import { describe, expect, it } from "vitest";
import { checkRuntime } from "@/server/sim/validate/validate-runtime";

const path = "spec.template.spec";

describe("probe and security-context validation, as kube-apiserver answers", () => {
  it("refuses a liveness or startup successThreshold other than 1, a probe without a handler, and two handlers", () => {
    const spec = {
      containers: [
        {
          name: "web",
          livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 },
          startupProbe: { periodSeconds: 5 },
          readinessProbe: { tcpSocket: { port: 80 }, exec: { command: ["true"] }, successThreshold: 3 },
        },
      ],
    };
    expect(checkRuntime(spec, path)).toEqual([
      { reason: "FieldValueInvalid", message: "Invalid value: 2: must be 1", field: "spec.template.spec.containers[0].livenessProbe.successThreshold" },
      { reason: "FieldValueForbidden", message: "Forbidden: may not specify more than 1 handler type", field: "spec.template.spec.containers[0].readinessProbe.tcpSocket" },
      { reason: "FieldValueRequired", message: "Required value: must specify a handler type", field: "spec.template.spec.containers[0].startupProbe" },
    ]);
  });

  it("refuses ids outside 0..2147483647 and an unknown fsGroupChangePolicy", () => {
    const spec = { securityContext: { fsGroup: -1, fsGroupChangePolicy: "Sometimes" }, containers: [{ name: "web", securityContext: { runAsUser: 2147483648, runAsGroup: 0 } }] };
    expect(checkRuntime(spec, path).map((c) => `${c.field}: ${c.message}`)).toEqual([
      "spec.template.spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive",
      'spec.template.spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "OnRootMismatch", "Always"',
      "spec.template.spec.containers[0].securityContext.runAsUser: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive",
    ]);
  });

  it("accepts what Berth renders", () => {
    const spec = { securityContext: { fsGroup: 999, fsGroupChangePolicy: "OnRootMismatch" }, containers: [{ name: "web", securityContext: { runAsUser: 999 }, livenessProbe: { exec: { command: ["pg_isready"] }, successThreshold: 1 }, readinessProbe: { httpGet: { path: "/", port: 80 }, successThreshold: 2 } }] };
    expect(checkRuntime(spec, path)).toEqual([]);
  });
});
