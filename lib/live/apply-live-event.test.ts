import { describe, expect, it } from "vitest";
import type { Revision, RevisionList } from "@/lib/dto/app";
import type { AppStatus } from "@/lib/dto/app-status";
import type { ProjectDetail } from "@/lib/dto/project";
import { LATEST_DEPLOYS_SHOWN, toBoardStatus } from "@/lib/board-status";
import type { LatestDeploy, StatusBoard } from "@/lib/dto/status-board";
import { applyLiveEvent, type LiveCache } from "@/lib/live/apply-live-event";
import { queryKeys } from "@/lib/queries/keys";

function mapCache() {
  const data = new Map<string, unknown>();
  const invalidated: string[] = [];
  const fetching = new Set<string>();
  const id = (key: readonly unknown[]) => JSON.stringify(key);
  const cache: LiveCache = {
    get: <T>(key: readonly unknown[]) => data.get(id(key)) as T | undefined,
    set: <T>(key: readonly unknown[], update: (old: T | undefined) => T | undefined) => {
      const next = update(data.get(id(key)) as T | undefined);
      if (next !== undefined) data.set(id(key), next);
    },
    invalidate: (key) => void invalidated.push(id(key)),
    remove: (key) => void data.delete(id(key)),
    isFetching: (key) => fetching.has(id(key)),
  };
  return { cache, data, invalidated, id, fetching };
}

const status = (health: AppStatus["health"]): AppStatus => ({
  project: "shop",
  app: "web",
  health,
  replicas: { desired: 1, updated: 1, ready: health === "Healthy" ? 1 : 0, available: 0 },
  pods: [],
  events: [],
  volumes: [],
  urls: [],
  ingressAddress: null,
  observedAt: "2026-01-01T00:00:00Z",
});
const revision = (number: number, outcome: Revision["outcome"]): Revision => ({
  number,
  outcome,
  message: null,
  actor: "admin",
  spec: {} as Revision["spec"],
  createdAt: "2026-01-01T00:00:00Z",
  finishedAt: outcome === "pending" ? null : "2026-01-01T00:01:00Z",
});
const project = (health: AppStatus["health"]): ProjectDetail => ({
  name: "shop",
  displayName: null,
  namespace: "shop",
  appCount: 1,
  health,
  createdAt: "",
  apps: [{ name: "web", image: "nginx", replicas: 1, hosts: [], isWorker: false, health, updatedAt: "" }],
});

describe("applyLiveEvent", () => {
  it("replaces a cached status and patches the project's table and the status page without a refetch", () => {
    const { cache, data, id, invalidated } = mapCache();
    data.set(id(queryKeys.appStatus("shop", "web")), status("Progressing"));
    data.set(id(queryKeys.project("shop")), project("Progressing"));
    const board: StatusBoard = { apps: [{ project: "shop", app: "web", image: "nginx", lastDeployAt: null, status: toBoardStatus(status("Progressing")), failingTasks: [] }], databases: [], latestDeploys: [] };
    data.set(id(queryKeys.statusBoard), board);

    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Healthy") });

    expect((data.get(id(queryKeys.appStatus("shop", "web"))) as AppStatus).health).toBe("Healthy");
    expect((data.get(id(queryKeys.project("shop"))) as ProjectDetail).apps[0].health).toBe("Healthy");
    expect((data.get(id(queryKeys.statusBoard)) as StatusBoard).apps[0].status?.health).toBe("Healthy");
    expect(invalidated).toContain(id(queryKeys.projectList));
    expect(invalidated).not.toContain(id(queryKeys.statusBoard));
  });

  it("does not refetch the project list when the health did not change, and never creates entries nobody asked for", () => {
    const { cache, data, id, invalidated } = mapCache();
    data.set(id(queryKeys.appStatus("shop", "web")), status("Healthy"));
    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Healthy") });
    expect(invalidated).not.toContain(id(queryKeys.projectList));
    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "other", status: status("Failed") });
    expect(data.has(id(queryKeys.appStatus("shop", "other")))).toBe(false);
  });

  it("on a page that caches only the status board, refetches the project list only when the app's health changed", () => {
    const { cache, data, id, invalidated } = mapCache();
    const entry = { project: "shop", app: "web", image: "nginx", lastDeployAt: null, status: toBoardStatus(status("Failed")), failingTasks: [] };
    data.set(id(queryKeys.statusBoard), { apps: [entry], databases: [], latestDeploys: [] } satisfies StatusBoard);
    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Failed") });
    expect(invalidated).not.toContain(id(queryKeys.projectList));
    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Healthy") });
    expect(invalidated).toContain(id(queryKeys.projectList));
  });

  it("refetches a project table and the status page that do not list the app yet", () => {
    const { cache, data, id, invalidated } = mapCache();
    data.set(id(queryKeys.project("shop")), { ...project("Healthy"), apps: [] });
    data.set(id(queryKeys.statusBoard), { apps: [] });
    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Progressing") });
    expect(invalidated).toEqual(expect.arrayContaining([id(queryKeys.project("shop")), id(queryKeys.statusBoard)]));
  });

  it("drops a removed app's status and refetches the lists; a namespace change refetches the projects", () => {
    const { cache, data, id, invalidated } = mapCache();
    data.set(id(queryKeys.appStatus("shop", "web")), status("Healthy"));
    applyLiveEvent(cache, { type: "app-removed", project: "shop", app: "web" });
    expect(data.has(id(queryKeys.appStatus("shop", "web")))).toBe(false);
    expect(invalidated).toContain(id(queryKeys.project("shop")));
    applyLiveEvent(cache, { type: "projects-changed" });
    expect(invalidated).toContain(id(queryKeys.projectsRoot));
  });

  it("pushes a deploy's progress and outcome into the revision list without refetching it on pod changes", () => {
    const { cache, data, id, invalidated } = mapCache();
    const key = id(queryKeys.revisions("shop", "web"));
    data.set(key, { revisions: [revision(2, "pending"), revision(1, "succeeded")] } satisfies RevisionList);

    applyLiveEvent(cache, { type: "app-status", project: "shop", app: "web", status: status("Progressing") });
    applyLiveEvent(cache, { type: "revision-progress", project: "shop", app: "web", message: "Waiting for 1 of 2 replicas." });
    expect((data.get(key) as RevisionList).revisions.map((r) => [r.number, r.outcome, r.message])).toEqual([
      [2, "pending", "Waiting for 1 of 2 replicas."],
      [1, "succeeded", null],
    ]);

    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: { ...revision(2, "failed"), message: "image nginx:latestt not found" } });
    expect((data.get(key) as RevisionList).revisions.map((r) => [r.number, r.outcome, r.message])).toEqual([
      [2, "failed", "image nginx:latestt not found"],
      [1, "succeeded", null],
    ]);
    expect(invalidated).not.toContain(key);
  });

  it("refetches the revision list only for what the message cannot say: an unseen revision or older ones left pending", () => {
    const { cache, data, id, invalidated } = mapCache();
    const key = id(queryKeys.revisions("shop", "web"));
    data.set(key, { revisions: [revision(1, "succeeded")] } satisfies RevisionList);
    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: revision(2, "succeeded") });
    expect(invalidated).toEqual([key]);

    data.set(key, { revisions: [revision(3, "pending"), revision(2, "pending")] } satisfies RevisionList);
    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: revision(3, "succeeded") });
    expect(invalidated).toEqual([key, key]);
    expect((data.get(key) as RevisionList).revisions[0].outcome).toBe("succeeded");
  });

  it("keeps the overview's latest deploys current: progress and outcome patch a listed deploy, an unseen one refetches the board", () => {
    const { cache, data, id, invalidated } = mapCache();
    const board = id(queryKeys.statusBoard);
    const deploy = (app: string, number: number, outcome: LatestDeploy["outcome"], createdAt = "2026-01-01T00:00:00Z"): LatestDeploy => ({
      project: "shop", app, number, outcome, message: null, actor: "admin", createdAt, finishedAt: null,
    });
    data.set(board, { apps: [], databases: [], latestDeploys: [deploy("web", 2, "pending"), deploy("api", 1, "succeeded")] } satisfies StatusBoard);
    const rows = () => (data.get(board) as StatusBoard).latestDeploys.map((d) => [d.app, d.number, d.outcome, d.message]);

    applyLiveEvent(cache, { type: "revision-progress", project: "shop", app: "web", message: "Waiting for 1 of 2 replicas." });
    expect(rows()).toEqual([["web", 2, "pending", "Waiting for 1 of 2 replicas."], ["api", 1, "succeeded", null]]);
    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: { ...revision(2, "failed"), message: "image nginx:latestt not found" } });
    expect(rows()).toEqual([["web", 2, "failed", "image nginx:latestt not found"], ["api", 1, "succeeded", null]]);
    expect(invalidated).not.toContain(board);

    // A deploy that started after the board was read: its progress is the first the tab hears of it.
    applyLiveEvent(cache, { type: "revision-progress", project: "shop", app: "api", message: "Waiting for 0 of 1 replicas." });
    expect(invalidated).toEqual([board]);
  });

  it("refetches the board after patching an outcome while a read of it is in flight, since that answer may predate the outcome", () => {
    const { cache, data, id, invalidated, fetching } = mapCache();
    const board = id(queryKeys.statusBoard);
    const pending: LatestDeploy = { project: "shop", app: "web", number: 2, outcome: "pending", message: null, actor: "admin", createdAt: "2026-01-01T00:00:00Z", finishedAt: null };
    data.set(board, { apps: [], databases: [], latestDeploys: [pending] } satisfies StatusBoard);
    fetching.add(board);
    applyLiveEvent(cache, { type: "revision-progress", project: "shop", app: "web", message: "Rolling out." });
    expect(invalidated).toEqual([]);
    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: revision(2, "succeeded") });
    expect((data.get(board) as StatusBoard).latestDeploys[0].outcome).toBe("succeeded");
    expect(invalidated).toEqual([board]);
  });

  it("does not refetch the board for an old deploy's outcome that the full list of latest deploys would not show", () => {
    const { cache, data, id, invalidated } = mapCache();
    const recent = Array.from({ length: LATEST_DEPLOYS_SHOWN }, (_, i) => ({
      project: "shop", app: `app${i}`, number: 1, outcome: "succeeded" as const, message: null, actor: "admin", createdAt: "2026-01-02T00:00:00Z", finishedAt: null,
    }));
    data.set(id(queryKeys.statusBoard), { apps: [], databases: [], latestDeploys: recent } satisfies StatusBoard);
    applyLiveEvent(cache, { type: "revision", project: "shop", app: "web", revision: revision(1, "superseded") });
    expect(invalidated).not.toContain(id(queryKeys.statusBoard));
  });
});
