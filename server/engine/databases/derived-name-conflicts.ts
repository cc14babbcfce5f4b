/**
 * Apps and databases of a project share one namespace, and each derives several object names
 * from its own: database "x" takes the Services "x" and "x-headless", the Secret
 * "x-credentials" and the claim "data-x-0"; app "a" the Service "a", the Secrets "a-env" and
 * "a-secret-files" and a claim "a-<volume>" per volume. Two resources deriving one name would
 * overwrite each other's object (server-side apply under one field manager does not refuse), so
 * a new or changed resource whose names meet another's is refused before anything is written.
 */
import type { Prisma } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { credentialsSecretName, dataClaimName, headlessServiceName } from "@/server/engine/databases/database-names";
import { pvcName, secretFilesName, secretName, workloadName } from "@/server/engine/names";

/** One object a resource renders: its kind, its name and what it is to its owner. */
export interface DerivedName {
  kind: "Service" | "Secret" | "PersistentVolumeClaim";
  name: string;
  role: string;
}

export type NamedResource = { type: "app"; name: string; volumes: ReadonlyArray<{ name: string }> } | { type: "database"; name: string };

export function derivedNames(resource: NamedResource): DerivedName[] {
  if (resource.type === "database") {
    const db = resource.name;
    return [
      { kind: "Service", name: db, role: "Service" },
      { kind: "Service", name: headlessServiceName(db), role: "headless Service" },
      { kind: "Secret", name: credentialsSecretName(db), role: "credentials Secret" },
      { kind: "PersistentVolumeClaim", name: dataClaimName(db), role: "data volume" },
    ];
  }
  const app = resource.name;
  return [
    { kind: "Service", name: workloadName(app), role: "Service" },
    { kind: "Secret", name: secretName(app), role: "secret env Secret" },
    { kind: "Secret", name: secretFilesName(app), role: "secret files Secret" },
    ...resource.volumes.map((v) => ({ kind: "PersistentVolumeClaim" as const, name: pvcName(app, v.name), role: `volume "${v.name}"` })),
  ];
}

const describe = (r: NamedResource) => `${r.type} "${r.name}"`;

/** Sentences for every object `candidate` would render that one of `others` already renders. */
export function derivedNameConflicts(candidate: NamedResource, others: readonly NamedResource[]): string[] {
  const taken = new Map<string, { owner: NamedResource; derived: DerivedName }>();
  for (const owner of others) {
    if (owner.type === candidate.type && owner.name === candidate.name) continue;
    // App against app is the app model's own rule (pvcNameConflicts in server/engine/names.ts).
    if (owner.type === "app" && candidate.type === "app") continue;
    for (const derived of derivedNames(owner)) taken.set(`${derived.kind}/${derived.name}`, { owner, derived });
  }
  return derivedNames(candidate).flatMap((mine) => {
    const hit = taken.get(`${mine.kind}/${mine.name}`);
    if (!hit) return [];
    return [`${describe(candidate)} would make the ${mine.kind} "${mine.name}" (its ${mine.role}), which is ${describe(hit.owner)}'s ${hit.derived.role}`];
  });
}

/**
 * Refuses `candidate` with a 409 naming the conflict when one of its objects' names is taken by
 * another app or database of the project (the candidate's own row, when it is an update, aside).
 */
export async function refuseDerivedNameConflicts(tx: Prisma.TransactionClient, projectId: string, candidate: NamedResource): Promise<void> {
  const [apps, databases] = await Promise.all([
    tx.app.findMany({ where: { projectId }, select: { name: true, volumes: { select: { name: true } } } }),
    tx.database.findMany({ where: { projectId }, select: { name: true } }),
  ]);
  const others: NamedResource[] = [...apps.map((a) => ({ type: "app" as const, ...a })), ...databases.map((d) => ({ type: "database" as const, name: d.name }))];
  const problems = derivedNameConflicts(candidate, others);
  if (problems.length === 0) return;
  throw new AppError({
    code: "conflict",
    message: `The ${problems.join("; the ")}. A project's apps and databases share its namespace, so pick another name.`,
  });
}
