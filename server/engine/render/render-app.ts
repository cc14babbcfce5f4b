import type { AppSpec } from "@/lib/schemas/app";
import { sortForApply } from "@/server/kube/kind-registry";
import { renderCronJobs } from "@/server/engine/render/render-cronjob";
import { renderDeployment } from "@/server/engine/render/render-deployment";
import { renderFilesConfigMap, renderFilesSecret } from "@/server/engine/render/render-files";
import { renderIngress } from "@/server/engine/render/render-ingress";
import { renderNamespace } from "@/server/engine/render/render-namespace";
import { renderPvcs } from "@/server/engine/render/render-pvc";
import { renderSecret } from "@/server/engine/render/render-secret";
import { renderService } from "@/server/engine/render/render-service";
import type { RenderedObject, RenderOptions, RenderProject } from "@/server/engine/render/types";

/**
 * Everything an app needs in the cluster, in apply order: Namespace, Secrets (only with secret
 * env or secret files), ConfigMap (only with plain files), PVCs, Deployment, Service, Ingress
 * (only with hostnames), a CronJob per scheduled task.
 *
 * The Namespace is included so one apply brings up a fresh project; it carries project labels
 * only (no `berth.dev/app`), so pruning by the app's labels never selects it. `app` must be a
 * parsed {@link AppSpec} (defaults filled); render does not validate.
 */
export function renderApp(app: AppSpec, project: RenderProject, options: RenderOptions = {}): RenderedObject[] {
  const deployment = renderDeployment(app, project, options);
  const objects: Array<RenderedObject | undefined> = [
    renderNamespace(project),
    renderSecret(app, project),
    renderFilesSecret(app, project),
    renderFilesConfigMap(app, project),
    ...renderPvcs(app, project),
    deployment,
    renderService(app, project),
    renderIngress(app, project, options),
    ...renderCronJobs(app, project, deployment),
  ];
  return sortForApply(objects.filter((o): o is RenderedObject => o !== undefined));
}
