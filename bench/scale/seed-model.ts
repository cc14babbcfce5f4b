/**
 * Writes the scale bench's model rows straight into Berth's database through Prisma — projects,
 * apps (spec rows as the model stores them) and three revisions each — instead of driving 1,000
 * deploys through the engine. The specs match the objects seed-cluster.ts puts in the cluster.
 */
import { appSpecSchema } from "@/lib/schemas/app";
import type { PrismaClient } from "@/server/db/generated/client";
import { rowsFromSpec } from "@/server/engine/spec-rows";
import { PODS_PER_APP, scaleApps } from "@/bench/scale/scale-shape";

const REVISIONS_PER_APP = 3;

export async function seedModel(db: PrismaClient): Promise<void> {
  const apps = scaleApps();
  const projectIds = new Map<string, string>();
  for (const name of new Set(apps.map((a) => a.project))) {
    projectIds.set(name, (await db.project.create({ data: { name, displayName: `Project ${name}` } })).id);
  }
  const specs = apps.map((a) => ({ ...a, spec: appSpecSchema.parse({ name: a.app, image: a.image, port: 80, replicas: PODS_PER_APP, env: [{ name: "MODE", value: "bench" }] }) }));
  const rows = await db.app.createManyAndReturn({
    data: specs.map((a) => ({ projectId: projectIds.get(a.project)!, name: a.app, spec: rowsFromSpec(a.spec).app.spec })),
    select: { id: true, name: true, spec: true },
  });
  const start = Date.now() - 86_400_000;
  await db.revision.createMany({
    data: rows.flatMap((row, i) =>
      Array.from({ length: REVISIONS_PER_APP }, (_, r) => ({
        appId: row.id,
        number: r + 1,
        specVersion: 1,
        spec: JSON.stringify(specs[i].spec),
        objects: "[]",
        actor: "bench",
        outcome: "succeeded",
        message: "Rolled out.",
        createdAt: new Date(start + i * 1000 + r * 60_000),
        finishedAt: new Date(start + i * 1000 + r * 60_000 + 5000),
      })),
    ),
  });
}
