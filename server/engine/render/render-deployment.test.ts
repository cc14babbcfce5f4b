import { describe, expect, it } from "vitest";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { decodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const LABELS = {
  "app.kubernetes.io/name": "web",
  "app.kubernetes.io/instance": "shop-web",
  "app.kubernetes.io/managed-by": "berth",
  "app.kubernetes.io/part-of": "shop",
  "berth.dev/project": "shop",
  "berth.dev/app": "web",
};

describe("renderDeployment", () => {
  it("renders a minimal app", () => {
    const deployment = renderDeployment(appSpec(), PROJECT);
    expectValidKubeObject(deployment);
    expect(deployment).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        namespace: "shop",
        labels: LABELS,
        annotations: {
          "berth.dev/spec":
            '{"args":[],"command":[],"env":[],"hostnames":[],"image":"nginx:1.27","name":"web","port":8080,"replicas":1,"secretEnv":[],"volumes":[]}',
          "berth.dev/spec-version": "1",
        },
      },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 120,
        selector: { matchLabels: { "berth.dev/project": "shop", "berth.dev/app": "web" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            containers: [
              { name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }], terminationMessagePolicy: "FallbackToLogsOnError" },
            ],
          },
        },
      },
    });
  });

  it("renders a full app: command, env, secret env, resources, probes, extra ports and volumes", () => {
    const app = appSpec({
      replicas: 1,
      command: ["/bin/server"],
      args: ["--listen", ":8080"],
      env: [{ name: "LOG_LEVEL", value: "debug" }],
      secretEnv: [{ name: "DATABASE_URL", value: "postgres://user:hunter2@db/shop" }],
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      healthCheck: { path: "/healthz" },
      hostnames: [{ host: "shop.example.com" }, { host: "admin.example.com", port: 9090 }],
      volumes: [{ name: "data", size: "1Gi", mountPath: "/var/lib/shop" }],
    });
    const deployment = renderDeployment(app, PROJECT, { restartedAt: "2026-11-22T10:00:00Z", progressDeadlineSeconds: 300 });
    expectValidKubeObject(deployment);
    const spec = deployment.spec!;
    expect(spec.progressDeadlineSeconds).toBe(300);
    expect(spec.strategy).toEqual({ type: "Recreate" });
    expect(spec.template.metadata!.annotations).toEqual({
      "berth.dev/restartedAt": "2026-11-22T10:00:00Z",
      "berth.dev/secret-checksum": expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(spec.template.spec!.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "web-data" } }]);
    const httpGet = { path: "/healthz", port: 8080, scheme: "HTTP" };
    expect(spec.template.spec!.containers).toEqual([
      {
        name: "web",
        image: "nginx:1.27",
        command: ["/bin/server"],
        args: ["--listen", ":8080"],
        ports: [
          { name: "http", containerPort: 8080, protocol: "TCP" },
          { name: "port-9090", containerPort: 9090, protocol: "TCP" },
        ],
        env: [
          { name: "LOG_LEVEL", value: "debug" },
          { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "web-env", key: "DATABASE_URL" } } },
        ],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        readinessProbe: { httpGet, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
        livenessProbe: { httpGet, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 },
        terminationMessagePolicy: "FallbackToLogsOnError",
        volumeMounts: [{ name: "data", mountPath: "/var/lib/shop" }],
      },
    ]);
  });

  it("keeps secret values out of the Deployment, annotation included", () => {
    const deployment = renderDeployment(appSpec({ secretEnv: [{ name: "TOKEN", value: "s3cr3t-value" }] }), PROJECT);
    expect(JSON.stringify(deployment)).not.toContain("s3cr3t-value");
    const decoded = decodeSpecAnnotation(deployment);
    expect(decoded.ok && decoded.spec.secretEnv).toEqual([{ name: "TOKEN" }]);
  });

  it("uses Recreate for ReadWriteOnce and ReadWriteOncePod volumes, RollingUpdate for ReadWriteMany", () => {
    const strategy = (accessMode: "ReadWriteOnce" | "ReadWriteMany" | "ReadWriteOncePod", replicas = 1) =>
      renderDeployment(appSpec({ replicas, volumes: [{ name: "data", size: "1Gi", mountPath: "/data", accessMode }] }), PROJECT).spec!.strategy;
    expect(strategy("ReadWriteOnce")).toEqual({ type: "Recreate" });
    expect(strategy("ReadWriteOncePod")).toEqual({ type: "Recreate" });
    expect(strategy("ReadWriteMany", 3)).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
  });

  it("rolls pods when a secret value changes, not when nothing does", () => {
    const checksum = (value: string) =>
      renderDeployment(appSpec({ secretEnv: [{ name: "TOKEN", value }] }), PROJECT).spec!.template.metadata!.annotations!["berth.dev/secret-checksum"];
    expect(checksum("one")).toBe(checksum("one"));
    expect(checksum("one")).not.toBe(checksum("two"));
  });

  it("is deterministic: equal inputs give identical objects, whatever the key order of the spec", () => {
    const a = appSpec({ env: [{ name: "A", value: "1" }], replicas: 2 });
    const b = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(JSON.stringify(renderDeployment(b, PROJECT))).toBe(JSON.stringify(renderDeployment(a, PROJECT)));
  });

  it("probes the health-check port when it differs from the app port, and renders 0 replicas", () => {
    const deployment = renderDeployment(appSpec({ replicas: 0, healthCheck: { path: "/ready?full=1", port: 9000 } }), PROJECT);
    expectValidKubeObject(deployment);
    expect(deployment.spec!.replicas).toBe(0);
    expect(deployment.spec!.template.spec!.containers[0].readinessProbe!.httpGet).toEqual({ path: "/ready?full=1", port: 9000, scheme: "HTTP" });
  });

  it("renders a worker (no port) with no container ports", () => {
    const deployment = renderDeployment(appSpec({ port: undefined, command: ["node", "worker.js"] }), PROJECT);
    expectValidKubeObject(deployment);
    expect(deployment.spec!.template.spec!.containers[0].ports).toBeUndefined();
  });

  it("renders liveness, readiness and startup probes of each type, with defaults for left-out timings", () => {
    const deployment = renderDeployment(
      appSpec({
        probes: {
          readiness: { type: "tcp", successThreshold: 2 },
          liveness: { type: "command", command: ["pg_isready", "-U", "postgres"], periodSeconds: 20 },
          startup: { type: "http", path: "/started", port: 9000, failureThreshold: 60 },
        },
      }),
      PROJECT,
    );
    expectValidKubeObject(deployment);
    const container = deployment.spec!.template.spec!.containers[0];
    expect(container.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 2 });
    expect(container.livenessProbe).toEqual({ exec: { command: ["pg_isready", "-U", "postgres"] }, initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 6 });
    expect(container.startupProbe).toEqual({ httpGet: { path: "/started", port: 9000, scheme: "HTTP" }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 60 });
  });

  it("keeps the health check as readiness and liveness, unless a liveness probe replaces it", () => {
    const container = renderDeployment(appSpec({ healthCheck: { path: "/healthz" }, probes: { liveness: { type: "tcp" } } }), PROJECT).spec!.template.spec!.containers[0];
    expect(container.readinessProbe!.httpGet).toEqual({ path: "/healthz", port: 8080, scheme: "HTTP" });
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 6 });
  });

  it("puts fsGroup on the pod (OnRootMismatch by default) and the user, group and read-only root on the container", () => {
    const deployment = renderDeployment(
      appSpec({ securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999, readOnlyRootFilesystem: true }, volumes: [{ name: "data", size: "1Gi", mountPath: "/var/lib/postgresql/data" }] }),
      PROJECT,
    );
    expectValidKubeObject(deployment);
    const pod = deployment.spec!.template.spec!;
    expect(pod.securityContext).toEqual({ fsGroup: 999, fsGroupChangePolicy: "OnRootMismatch" });
    expect(pod.containers[0].securityContext).toEqual({ runAsUser: 999, runAsGroup: 999, readOnlyRootFilesystem: true });
    const always = renderDeployment(appSpec({ securityContext: { fsGroup: 1000, fsGroupChangePolicy: "Always" } }), PROJECT).spec!.template.spec!;
    expect(always.securityContext).toEqual({ fsGroup: 1000, fsGroupChangePolicy: "Always" });
    expect(always.containers[0].securityContext).toBeUndefined();
  });
});
