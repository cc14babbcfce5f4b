/**
 * Whether an app's objects in the cluster still match what Berth last applied. Compares the
 * objects of the app's latest revision that reached the cluster with the live objects on the
 * fields Berth set; `reapplyApp` (server-side apply with force) restores them.
 *
 * Known limits: Secret values are compared by key only (revisions never hold secret values);
 * a revision whose apply the API refused counts as applied, so its objects may show as missing.
 */
import { getDb } from "@/server/db/client";
import { findDrift, type ObjectDrift } from "@/server/engine/drift/find-drift";
import { findAppOrThrow } from "@/server/engine/model/app-record";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { readObject } from "@/server/kube/read-object";
import { refOf, type KubeObject } from "@/server/kube/kube-object";

export interface AppDrift {
  drifted: boolean;
  /** The revision compared against; null when the app was never deployed. */
  revision: number | null;
  objects: ObjectDrift[];
  /** One sentence for the UI. */
  message: string;
}

export async function getAppDrift(project: string, app: string): Promise<AppDrift> {
  const row = await findAppOrThrow(getDb(), project, app);
  const revision = await getDb().revision.findFirst({
    where: { appId: row.id, outcome: { in: ["succeeded", "failed"] } },
    orderBy: { number: "desc" },
  });
  if (!revision) return { drifted: false, revision: null, objects: [], message: "The app has not been deployed yet." };
  const applied = (JSON.parse(revision.objects) as KubeObject[]).filter((o) => o.kind !== "Namespace");
  const kubeConfig = clusterKubeConfig();
  const live = await Promise.all(applied.map((obj) => readObject(kubeConfig, refOf(obj))));
  const objects = applied.flatMap((obj, i) => findDrift(obj, live[i]) ?? []);
  if (objects.length === 0) return { drifted: false, revision: revision.number, objects, message: `The cluster matches revision ${revision.number}.` };
  const first = objects[0];
  const what = first.isMissing
    ? `${first.kind} ${first.name} is missing`
    : `${first.kind} ${first.name} ${first.fields[0].path} was changed${first.fields[0].manager ? ` by "${first.fields[0].manager}"` : ""}`;
  const more = objects.length > 1 ? ` (and ${objects.length - 1} more object${objects.length > 2 ? "s" : ""})` : "";
  return {
    drifted: true,
    revision: revision.number,
    objects,
    message: `Changed outside Berth: ${what}${more}. Re-apply to restore revision ${revision.number}'s values.`,
  };
}
