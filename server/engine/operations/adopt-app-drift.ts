import type { Deployment } from "kubernetes-types/apps/v1";
import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";
import { issueSentences } from "@/lib/schemas/format-issues";
import type { Acting } from "@/server/auth/audit";
import type { ModelledField } from "@/lib/schemas/drift";
import { findSpecDrift, type SpecDrift } from "@/server/engine/drift/find-spec-drift";
import { getDb } from "@/server/db/client";
import { appSpecOf, findAppOrThrow, type AppWithRows } from "@/server/engine/model/app-record";
import { writeSpec } from "@/server/engine/model/update-app";
import { namespaceName, workloadName } from "@/server/engine/names";
import { enqueueDeploy, type AppTarget, type DeployResult, type Tx } from "@/server/engine/operations/enqueue-operation";
import { AppError } from "@/server/errors";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { readObject } from "@/server/kube/read-object";

/**
 * Adopt: takes the live values of the fields changed outside Berth (replicas, image, plain env,
 * resources) into the app's spec, validated like a spec sent to the API, then deploys it as a
 * new revision with force, so Berth owns those fields again at the values the cluster has.
 * `fields` narrows it to the ones the person saw; left out, every drifted field is adopted. The
 * drifted fields not adopted get Berth's values back, as Re-apply would give them.
 * The live Deployment is read from the API, not a cache: what is adopted is what runs now.
 */
export async function adoptAppDrift(by: Acting, target: AppTarget & { fields?: readonly ModelledField[] }): Promise<DeployResult> {
  const { project, app, fields } = target;
  await findAppOrThrow(getDb(), project, app);
  const live = await readObject(clusterKubeConfig(), { apiVersion: "apps/v1", kind: "Deployment", namespace: namespaceName(project), name: workloadName(app) });
  const drift = findSpecDrift(live as unknown as Deployment | undefined);
  const chosen = drift?.fields.filter((f) => !fields || fields.includes(f.field)).map((f) => f.field) ?? [];
  if (!drift || chosen.length === 0) {
    const which = fields ? ` on ${fields.join(", ")}` : "";
    throw new AppError({ code: "conflict", message: `Nothing to adopt: app "${app}" in the cluster matches what Berth applied${which}.` });
  }
  return enqueueDeploy(by, { project, app }, {
    kind: "adopt",
    action: "app.adopt",
    // Field names and the replica count only: env values may be sensitive even when plain.
    detail: { fields: chosen, ...(chosen.includes("replicas") ? { replicas: drift.live.replicas } : {}) },
    payload: { force: true },
    change: (tx, row) => writeAdopted(tx, row, drift, chosen),
  });
}

function writeAdopted(tx: Tx, row: AppWithRows, drift: SpecDrift, fields: readonly ModelledField[]): Promise<AppWithRows> {
  const adopted: Partial<AppSpec> = Object.fromEntries(fields.map((f) => [f, drift.live[f]]));
  const parsed = appSpecSchema.safeParse({ ...appSpecOf(row), ...adopted });
  if (!parsed.success) {
    throw new AppError({
      code: "invalid",
      message: `The live values cannot be Berth's spec: ${issueSentences(parsed.error).join("; ")} — re-apply Berth's values instead, or change them in the cluster first.`,
    });
  }
  return writeSpec(tx, row, parsed.data);
}
