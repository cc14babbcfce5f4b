/**
 * The app status's drift notice: which modelled fields were changed outside Berth, to what, and
 * by whom. The informer's cached Deployment shows that something drifted; only then is the one
 * Deployment read from the API for its managedFields (informers drop them to save memory).
 */
import type { Deployment } from "kubernetes-types/apps/v1";
import type { AppDriftNotice, SpecFieldDrift } from "@/lib/dto/app-status";
import { describeManager, managersOf } from "@/server/engine/drift/drift-managers";
import { findSpecDrift } from "@/server/engine/drift/find-spec-drift";
import { clusterKubeConfig } from "@/server/kube/cluster";
import { EDITOR_FIELD_MANAGER } from "@/server/kube/editor-apply";
import type { ManagedFieldsEntry } from "@/server/kube/kube-object";
import { readObject } from "@/server/kube/read-object";
import { processSingleton } from "@/server/singleton";

/**
 * managedFields by Deployment uid and generation. Owners of spec fields change only with a spec
 * write, which bumps the generation; keying on resourceVersion would read the Deployment again
 * on every status write of a rollout.
 */
const managedFieldsCache = processSingleton("drift-managed-fields", () => new Map<string, readonly ManagedFieldsEntry[]>());
const CACHE_LIMIT = 200;
const EDITOR = describeManager({ manager: EDITOR_FIELD_MANAGER });

/** The notice for `deployment` (from the informer cache), or undefined when nothing modelled drifted. */
export async function driftNoticeOf(deployment: Deployment | undefined): Promise<AppDriftNotice | undefined> {
  const drift = findSpecDrift(deployment);
  if (!drift || !deployment) return undefined;
  const entries = await managedFieldsOf(deployment);
  const managers = managersOf(entries, drift.container, drift.fields.map((f) => f.field));
  const fields: SpecFieldDrift[] = drift.fields.map(({ field, berth, live }) => ({ field, berth, live, changedBy: managers.get(field) ?? [] }));
  return { sentence: driftSentence(fields, drift.fields.some((f) => f.isConflict)), fields };
}

/**
 * "Changed outside Berth by kubectl scale: replicas is 2, Berth's spec says 1. …", and whether
 * deploys fail meanwhile: only when a value Berth sets was changed (`hasConflict`).
 */
export function driftSentence(fields: readonly SpecFieldDrift[], hasConflict: boolean): string {
  const who = [...new Set(fields.flatMap((f) => f.changedBy))];
  const what = fields.map((f) => `${f.field} is ${f.live}, Berth's spec says ${f.berth}`).join("; ");
  const where = who.length === 1 && who[0] === EDITOR ? `Changed in ${EDITOR}, not in the app's spec` : `Changed outside Berth${who.length > 0 ? ` by ${joinWords(who)}` : ""}`;
  const then = hasConflict
    ? "Deploys fail on this conflict until you re-apply Berth's values or adopt the live ones."
    : "Deploys still work; re-apply removes what was added, adopt keeps it in the spec.";
  return `${where}: ${what}. ${then}`;
}

function joinWords(words: string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The Deployment's managedFields; none when it cannot be read now (the notice then names nobody). */
async function managedFieldsOf(deployment: Deployment): Promise<readonly ManagedFieldsEntry[]> {
  const { uid, generation, name, namespace } = deployment.metadata ?? {};
  const key = `${uid}/${generation}`;
  const cached = managedFieldsCache.get(key);
  if (cached) return cached;
  let entries: readonly ManagedFieldsEntry[];
  try {
    const live = await readObject(clusterKubeConfig(), { apiVersion: "apps/v1", kind: "Deployment", namespace, name: name ?? "" });
    entries = live?.metadata.managedFields ?? [];
  } catch {
    return [];
  }
  if (managedFieldsCache.size >= CACHE_LIMIT) managedFieldsCache.delete(managedFieldsCache.keys().next().value as string);
  managedFieldsCache.set(key, entries);
  return entries;
}
