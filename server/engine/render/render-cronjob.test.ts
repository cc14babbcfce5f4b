import { describe, expect, it } from "vitest";
import { renderApp } from "@/server/engine/render/render-app";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { renderCronJob } from "@/server/engine/render/render-cronjob";
import { decodeSpecAnnotation } from "@/server/engine/render/spec-annotation";
import { appSpec, PROJECT } from "@/server/engine/render/test-specs";
import { expectValidKubeObject } from "@/server/engine/render/test-validate";

const APP_LABELS = {
  "app.kubernetes.io/name": "web",
  "app.kubernetes.io/instance": "shop-web",
  "app.kubernetes.io/managed-by": "berth",
  "app.kubernetes.io/part-of": "shop",
  "berth.dev/project": "shop",
  "berth.dev/app": "web",
};

const CLEANUP = { name: "cleanup", schedule: "0 3 * * *", command: ["python", "manage.py", "clearsessions"] };

function render(overrides: Parameters<typeof appSpec>[0] = {}) {
  const app = appSpec({ tasks: [CLEANUP], ...overrides });
  return renderCronJob(app, app.tasks[0]!, PROJECT, renderDeployment(app, PROJECT, { restartedAt: "2026-11-22T10:00:00Z" }));
}

describe("renderCronJob", () => {
  it("renders a task with Kubernetes-valid defaults: Forbid, UTC, no retries, 3 and 1 runs kept", () => {
    const cronJob = render();
    expectValidKubeObject(cronJob);
    expect(cronJob).toEqual({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "web-cleanup", namespace: "shop", labels: { ...APP_LABELS, "berth.dev/task": "cleanup" } },
      spec: {
        schedule: "0 3 * * *",
        timeZone: "UTC",
        concurrencyPolicy: "Forbid",
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          metadata: { labels: { ...APP_LABELS, "berth.dev/task": "cleanup" } },
          spec: {
            backoffLimit: 0,
            template: {
              metadata: {
                labels: {
                  "app.kubernetes.io/name": "web",
                  "app.kubernetes.io/instance": "shop-web",
                  "app.kubernetes.io/managed-by": "berth",
                  "app.kubernetes.io/part-of": "shop",
                  "berth.dev/project": "shop",
                  "berth.dev/task-of": "web",
                  "berth.dev/task": "cleanup",
                },
              },
              spec: {
                automountServiceAccountToken: false,
                enableServiceLinks: false,
                restartPolicy: "Never",
                containers: [{ name: "web", image: "nginx:1.27", command: ["python", "manage.py", "clearsessions"], terminationMessagePolicy: "FallbackToLogsOnError" }],
              },
            },
          },
        },
      },
    });
  });

  it("runs with the app's env, secret env and volumes, without its ports, probes, args or restart trigger", () => {
    const cronJob = render({
      command: ["/bin/server"],
      args: ["--listen", ":8080"],
      env: [{ name: "LOG_LEVEL", value: "debug" }],
      secretEnv: [{ name: "DATABASE_URL", value: "postgres://db/shop" }],
      resources: { limits: { memory: "256Mi" } },
      healthCheck: { path: "/healthz" },
      volumes: [{ name: "data", size: "1Gi", mountPath: "/var/lib/shop" }],
    });
    expectValidKubeObject(cronJob);
    const pod = cronJob.spec!.jobTemplate.spec!.template;
    expect(pod.metadata!.annotations).toEqual({ "berth.dev/secret-checksum": expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(pod.spec!.volumes).toEqual([{ name: "data", persistentVolumeClaim: { claimName: "web-data" } }]);
    expect(pod.spec!.containers).toEqual([
      {
        name: "web",
        image: "nginx:1.27",
        command: ["python", "manage.py", "clearsessions"],
        env: [
          { name: "LOG_LEVEL", value: "debug" },
          { name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: "web-env", key: "DATABASE_URL" } } },
        ],
        resources: { limits: { memory: "256Mi" } },
        // The run's failure sentence quotes its last log line from the terminated state.
        terminationMessagePolicy: "FallbackToLogsOnError",
        volumeMounts: [{ name: "data", mountPath: "/var/lib/shop" }],
      },
    ]);
  });

  it("writes every setting of the task where the CronJob and Job controllers read it", () => {
    const cronJob = render({
      tasks: [
        {
          ...CLEANUP,
          schedule: "@hourly",
          timeZone: "Europe/Berlin",
          concurrencyPolicy: "Replace",
          startingDeadlineSeconds: 300,
          activeDeadlineSeconds: 600,
          retries: 2,
          restartPolicy: "OnFailure",
          successfulRunsToKeep: 5,
          failedRunsToKeep: 2,
          suspend: true,
        },
      ],
    });
    expectValidKubeObject(cronJob);
    expect(cronJob.spec).toMatchObject({
      schedule: "@hourly",
      timeZone: "Europe/Berlin",
      concurrencyPolicy: "Replace",
      startingDeadlineSeconds: 300,
      suspend: true,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 2,
      jobTemplate: { spec: { backoffLimit: 2, activeDeadlineSeconds: 600, template: { spec: { restartPolicy: "OnFailure" } } } },
    });
  });

  it("keeps task pods out of the app's Service and Deployment selectors", () => {
    const app = appSpec({ tasks: [CLEANUP] });
    const objects = renderApp(app, PROJECT);
    const service = objects.find((o) => o.kind === "Service")!;
    const cronJob = objects.find((o) => o.kind === "CronJob")!;
    const podLabels = (cronJob as ReturnType<typeof render>).spec!.jobTemplate.spec!.template.metadata!.labels!;
    const selector = (service as { spec: { selector: Record<string, string> } }).spec.selector;
    expect(Object.entries(selector).every(([k, v]) => podLabels[k] === v)).toBe(false);
  });

  it("is applied last, after the Secret and claims it uses, one per task", () => {
    const app = appSpec({ tasks: [CLEANUP, { name: "report", schedule: "@weekly", command: ["./report"] }] });
    const objects = renderApp(app, PROJECT);
    objects.forEach(expectValidKubeObject);
    expect(objects.map((o) => `${o.kind}/${o.metadata!.name}`).slice(-2)).toEqual(["CronJob/web-cleanup", "CronJob/web-report"]);
  });
});

describe("the Deployment's spec annotation", () => {
  it("carries the tasks, so restore-from-cluster rebuilds them, and stays as before for an app without tasks", () => {
    const withTasks = appSpec({ tasks: [CLEANUP] });
    const decoded = decodeSpecAnnotation(renderDeployment(withTasks, PROJECT));
    expect(decoded.ok && decoded.spec.tasks).toEqual(withTasks.tasks);
    const plain = renderDeployment(appSpec(), PROJECT).metadata!.annotations!["berth.dev/spec"]!;
    expect(plain).not.toContain("tasks");
    const back = decodeSpecAnnotation(renderDeployment(appSpec(), PROJECT));
    expect(back.ok && back.spec.tasks).toEqual([]);
  });
});
