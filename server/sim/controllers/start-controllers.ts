/**
 * Starts every simulated controller over one store: bootstrap objects first, then the
 * namespace, deployment, replicaset, scheduler+kubelet, PVC, service/endpoints, ingress, job,
 * cronjob and metrics controllers. `tickMs` scales all pod transitions (default 250 ms: a pod is Running in
 * about a second); `secondMs` is how long a probe "second" lasts.
 */
import type { SimController, SimStore } from "@/server/sim/contract";
import { createBootstrapObjects } from "@/server/sim/controllers/bootstrap-objects";
import { startCronJobController } from "@/server/sim/controllers/cronjob-controller";
import { startDeploymentController } from "@/server/sim/controllers/deployment-controller";
import { startIngressController } from "@/server/sim/controllers/ingress-controller";
import { startJobController } from "@/server/sim/controllers/job-controller";
import { startKubelet } from "@/server/sim/controllers/kubelet";
import { startMetricsController } from "@/server/sim/controllers/metrics-controller";
import { startNamespaceController } from "@/server/sim/controllers/namespace-controller";
import { startPvcController } from "@/server/sim/controllers/pvc-controller";
import { startReplicaSetController } from "@/server/sim/controllers/replicaset-controller";
import { startServiceController } from "@/server/sim/controllers/service-controller";

export interface ControllerOptions {
  /** Base step of pod transitions in ms (default 250). */
  tickMs?: number;
  /** Length of one probe second in ms (default 1000). */
  secondMs?: number;
  /** metrics refresh period in ms (default 10 000). */
  metricsIntervalMs?: number;
  /** Skip creating the node, StorageClass, IngressClass and system namespaces. */
  skipBootstrap?: boolean;
}

export function startControllers(store: SimStore, opts: ControllerOptions = {}): SimController {
  const tickMs = opts.tickMs ?? 250;
  const controllers: SimController[] = [
    startNamespaceController(store),
    startDeploymentController(store),
    startReplicaSetController(store),
    startKubelet(store, { tickMs, secondMs: opts.secondMs ?? 1000 }),
    startPvcController(store),
    startServiceController(store),
    startIngressController(store),
    startJobController(store),
    startCronJobController(store),
    startMetricsController(store, { intervalMs: opts.metricsIntervalMs ?? 10_000 }),
  ];
  let running = false;
  const controller: SimController = {
    start() {
      if (running) return;
      running = true;
      if (!opts.skipBootstrap) createBootstrapObjects(store);
      for (const c of controllers) c.start();
    },
    stop() {
      running = false;
      for (const c of controllers) c.stop();
    },
  };
  controller.start();
  return controller;
}
