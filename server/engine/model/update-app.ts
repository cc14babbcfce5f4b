import { appSpecSchema, type AppSpec } from "@/lib/schemas/app";
import type { Prisma } from "@/server/db/generated/client";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { auditChange, type Acting } from "@/server/auth/audit";
import { appSpecOf, APP_ROWS, findAppOrThrow, toAppRecord, type AppRecord, type AppWithRows } from "@/server/engine/model/app-record";
import { checkAppClaims } from "@/server/engine/model/check-app-claims";
import { keepFileContents } from "@/server/engine/model/keep-file-contents";
import { writeAppChildRows } from "@/server/engine/model/write-app-rows";
import { rowsFromSpec } from "@/server/engine/spec-rows";

/**
 * Replaces an app's spec (PUT). The new spec takes effect in the cluster on the next deploy.
 *
 * Secret values are never sent to clients, so a client editing the spec it read sends secret
 * env entries without `value`: such an entry keeps the value the app has; the same holds for
 * secret files without `content`. Leaving `files` out keeps the app's files (they are edited on
 * their own, through `…/files`, and the app form does not carry them). The name is the app's
 * identity (its objects are named after it) and cannot change.
 */
export async function updateApp(by: Acting, project: string, app: string, input: unknown): Promise<AppRecord> {
  return getDb().$transaction(async (tx) => {
    const row = await findAppOrThrow(tx, project, app);
    const spec = parseWithKeptSecrets(row, input);
    const written = await writeSpec(tx, row, spec);
    await auditChange(tx, by, "app.update", `${project}/${app}`, { specVersion: written.specVersion });
    return toAppRecord(written);
  });
}

/** Validates `spec` against the other apps and stores it, bumping specVersion. */
export async function writeSpec(tx: Prisma.TransactionClient, row: AppWithRows, spec: AppSpec): Promise<AppWithRows> {
  await checkAppClaims(tx, row.projectId, spec, row.id);
  await tx.app.update({ where: { id: row.id }, data: { spec: rowsFromSpec(spec).app.spec, specVersion: { increment: 1 } } });
  await writeAppChildRows(tx, row.id, spec);
  return tx.app.findUniqueOrThrow({ where: { id: row.id }, include: APP_ROWS });
}

function parseWithKeptSecrets(row: AppWithRows, input: unknown): AppSpec {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AppError({ code: "invalid", message: "body: expected the app spec as a JSON object" });
  }
  const body = { ...(input as Record<string, unknown>) };
  body.name ??= row.name;
  if (body.name !== row.name) {
    throw new AppError({ code: "invalid", message: `name: an app cannot be renamed — keep "${row.name}", or create a new app and delete this one` });
  }
  const currentSpec = appSpecOf(row);
  body.files = body.files === undefined ? currentSpec.files : keepFileContents(currentSpec.files, body.files);
  const current = new Map(currentSpec.secretEnv.map((v) => [v.name, v.value]));
  if (Array.isArray(body.secretEnv)) {
    body.secretEnv = body.secretEnv.map((entry: unknown) => {
      if (typeof entry !== "object" || entry === null || "value" in entry) return entry;
      const name = (entry as { name?: unknown }).name;
      if (typeof name === "string" && current.has(name)) return { ...entry, value: current.get(name) };
      return entry;
    });
  }
  return appSpecSchema.parse(body);
}
