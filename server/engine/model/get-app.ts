import { getDb } from "@/server/db/client";
import { findAppOrThrow, toAppRecord, type AppRecord } from "@/server/engine/model/app-record";

/** One app's record (spec without secret values), or AppError not_found. */
export async function getApp(project: string, app: string): Promise<AppRecord> {
  return toAppRecord(await findAppOrThrow(getDb(), project, app));
}
