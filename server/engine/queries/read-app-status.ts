import type { AppStatus } from "@/lib/dto/app-status";
import { AppError } from "@/server/errors";
import { getApp } from "@/server/engine/model/get-app";
import { registryLoginsOf } from "@/server/engine/model/registry-record";
import { intentOf } from "@/server/engine/queries/app-intent";
import { getAppStatus } from "@/server/engine/status/app-status";

/** How one app is doing: its cluster objects read against its spec; AppError not_found for an unknown app. */
export async function readAppStatus(project: string, app: string): Promise<AppStatus> {
  const record = await getApp(project, app);
  return getAppStatus(project, app, { ...intentOf(record), registryLogins: await registryLoginsOf(project) });
}

/**
 * The status the live socket pushes: as {@link readAppStatus}, but null once the app is gone
 * from the model. When the database cannot say (it is busy or absent), the status is computed
 * from the cluster alone rather than not at all.
 */
export async function readAppStatusIfExists(project: string, app: string): Promise<AppStatus | null> {
  let record;
  try {
    record = await getApp(project, app);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    if (error instanceof AppError) throw error;
    return getAppStatus(project, app);
  }
  return getAppStatus(project, app, { ...intentOf(record), registryLogins: await registryLoginsOf(project) });
}
