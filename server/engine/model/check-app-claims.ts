/**
 * Rules that span apps, checked before any write: a host+path routes to one app only (two
 * Ingress rules for the same host and path would fight over traffic), two apps of a project
 * must not derive the same PVC name, and no app may derive a name a database of the project
 * renders (server/engine/databases/derived-name-conflicts.ts).
 */
import type { AppSpec } from "@/lib/schemas/app";
import type { Prisma } from "@/server/db/generated/client";
import { AppError } from "@/server/errors";
import { refuseDerivedNameConflicts } from "@/server/engine/databases/derived-name-conflicts";
import { pvcNameConflicts } from "@/server/engine/names";

export async function checkAppClaims(tx: Prisma.TransactionClient, projectId: string, spec: AppSpec, appId?: string): Promise<void> {
  const problems: string[] = [];
  for (const [index, h] of spec.hostnames.entries()) {
    const taken = await tx.hostname.findFirst({
      where: { host: h.host, path: h.path, ...(appId ? { appId: { not: appId } } : {}) },
      include: { app: { include: { project: true } } },
    });
    if (taken) {
      problems.push(`hostnames[${index}]: ${h.host}${h.path} already routes to app "${taken.app.name}" in project "${taken.app.project.name}" — use another host or path, or remove it there first`);
    }
  }
  const others = await tx.app.findMany({ where: { projectId, ...(appId ? { id: { not: appId } } : {}) }, include: { volumes: true } });
  problems.push(...pvcNameConflicts(spec, others).map((p) => `volumes: ${p}`));
  if (problems.length > 0) throw new AppError({ code: "conflict", message: `${problems.join("; ")}.` });
  await refuseDerivedNameConflicts(tx, projectId, { type: "app", name: spec.name, volumes: spec.volumes });
}
