import type { StatusBoardEntry } from "@/lib/dto/status-board";
import { listAllApps } from "@/server/engine/model/list-apps";
import { intentOf } from "@/server/engine/queries/app-intent";
import { appsByProject } from "@/server/engine/queries/project-views";
import { lastDeployTimes } from "@/server/engine/revisions";
import { getBoardStatuses, getTaskFailures } from "@/server/engine/status/app-status";

/**
 * Every app of every project with its status, for the phone status page: the apps and their
 * last deploy times in a constant number of database queries, the statuses from one read of
 * the informer caches per project (no cluster call per app). When a project's objects cannot be
 * read, its apps still appear, with `status: null`.
 */
export async function readStatusBoard(): Promise<StatusBoardEntry[]> {
  const [apps, deployedAt] = await Promise.all([listAllApps(), lastDeployTimes()]);
  const byProject = appsByProject(apps);
  const boards = await Promise.all(
    [...byProject].map(async ([project, own]) => {
      const [statuses, failures] = await Promise.all([
        getBoardStatuses(project, own.map((a) => ({ name: a.name, ...intentOf(a) }))).catch(() => null),
        getTaskFailures(project, own.map((a) => ({ name: a.name, tasks: a.spec.tasks.map((t) => t.name) }))).catch(() => null),
      ]);
      return own.map((app, i) => ({
        project,
        app: app.name,
        image: app.spec.image,
        lastDeployAt: deployedAt.get(app.id) ?? null,
        status: statuses?.[i] ?? null,
        failingTasks: failures?.[i] ?? [],
      }));
    }),
  );
  return boards.flat();
}
