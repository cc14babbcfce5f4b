import type { AppListItem } from "@/lib/dto/app";
import { listApps } from "@/server/engine/model/list-apps";
import { healthOfApps, toAppListItems } from "@/server/engine/queries/project-views";

/** A project's apps as lists show them, with their health; AppError not_found for an unknown project. */
export async function listAppSummaries(project: string): Promise<AppListItem[]> {
  const apps = await listApps(project);
  return toAppListItems(apps, await healthOfApps(project, apps));
}
