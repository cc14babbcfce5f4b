import type { CronJob, Job } from "kubernetes-types/batch/v1";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { appSpecOf, findAppOrThrow } from "@/server/engine/model/app-record";
import { cronJobName, namespaceName } from "@/server/engine/names";
import { ANNOTATION_INSTANTIATE } from "@/server/engine/render/labels";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { createObject } from "@/server/kube/create-object";
import type { KubeObject } from "@/server/kube/kube-object";
import { readObject } from "@/server/kube/read-object";

const SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** Five characters as the API server's generateName picks them: no vowels, so no words. */
export function randomSuffix(): string {
  return Array.from({ length: 5 }, () => SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)]).join("");
}

/**
 * The Job `kubectl create job <name> --from=cronjob/<cronjob>` makes: the CronJob's job
 * template (labels, annotations and spec) with `cronjob.kubernetes.io/instantiate: manual` and
 * the CronJob as its controlling owner, so the CronJob's history and deletion include it. The
 * name is `<cronjob>-run-<5>`: within 63 since a CronJob name is at most 52.
 * https://kubernetes.io/docs/reference/generated/kubectl/kubectl-commands#-em-job-em-
 */
export function jobFromCronJob(cronJob: CronJob, name: string): Job {
  const template = cronJob.spec!.jobTemplate;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      namespace: cronJob.metadata!.namespace,
      labels: template.metadata?.labels,
      annotations: { [ANNOTATION_INSTANTIATE]: "manual", ...template.metadata?.annotations },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cronJob.metadata!.name!, uid: cronJob.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec,
  };
}

/**
 * "Run now": starts one run of a deployed task at once, whatever its schedule and even while it
 * is suspended (as kubectl does). The run uses the CronJob in the cluster — the last deployed
 * version of the task. Audited.
 */
export async function runTask(by: Acting, project: string, app: string, task: string): Promise<Job> {
  const row = await findAppOrThrow(getDb(), project, app);
  const isInSpec = appSpecOf(row).tasks.some((t) => t.name === task);
  const name = cronJobName(app, task);
  const cronJob = (await readObject(clusterKubeConfig(), { apiVersion: "batch/v1", kind: "CronJob", namespace: namespaceName(project), name })) as CronJob | undefined;
  if (!cronJob) {
    if (isInSpec) throw new AppError({ code: "conflict", message: `The task "${task}" is not in the cluster yet — deploy the app, then run it.` });
    throw new AppError({ code: "not_found", message: `App "${app}" has no task "${task}".` });
  }
  const job = jobFromCronJob(cronJob, `${name}-run-${randomSuffix()}`);
  const created = (await createObject(clusterKubeConfig(), job as KubeObject)) as Job;
  await auditChange(getDb(), by, "app.task.run", `${project}/${app}`, { task, job: created.metadata?.name });
  return created;
}
