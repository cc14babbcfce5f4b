import { describe, expect, it } from "vitest";
import { pickRunnable, type QueuedOperation } from "@/server/engine/operations/pick-runnable";

const now = new Date("2026-01-01T00:00:10Z");
const op = (id: string, lockKey: string, second: number, notBefore?: number): QueuedOperation => ({
  id,
  lockKey,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
  notBefore: notBefore === undefined ? null : new Date(Date.UTC(2026, 0, 1, 0, 0, notBefore)),
});
const ids = (ops: QueuedOperation[]) => ops.map((o) => o.id);

describe("pickRunnable", () => {
  it("runs one operation per app, oldest first, and different apps in parallel", () => {
    const queued = [op("b2", "shop/b", 3), op("a1", "shop/a", 1), op("a2", "shop/a", 2), op("b1", "shop/b", 2)];
    expect(ids(pickRunnable(queued, [], now, 4))).toEqual(["a1", "b1"]);
  });

  it("waits while the same app is running", () => {
    expect(ids(pickRunnable([op("a2", "shop/a", 2), op("c1", "shop/c", 3)], ["shop/a"], now, 4))).toEqual(["c1"]);
  });

  it("respects the concurrency limit", () => {
    expect(ids(pickRunnable([op("a", "p/a", 1), op("b", "p/b", 2), op("c", "p/c", 3)], ["q/x"], now, 2))).toEqual(["a"]);
  });

  it("keeps later operations of an app behind one waiting out a retry delay", () => {
    const queued = [op("a1", "shop/a", 1, 20), op("a2", "shop/a", 2), op("b1", "shop/b", 3)];
    expect(ids(pickRunnable(queued, [], now, 4))).toEqual(["b1"]);
    expect(ids(pickRunnable(queued, [], new Date(Date.UTC(2026, 0, 1, 0, 0, 21)), 4))).toEqual(["a1", "b1"]);
  });

  it("a project operation waits for the project's apps and blocks them", () => {
    expect(ids(pickRunnable([op("p", "shop", 2)], ["shop/a"], now, 4))).toEqual([]);
    expect(ids(pickRunnable([op("p", "shop", 1), op("a", "shop/a", 2), op("o", "other/a", 3)], [], now, 4))).toEqual(["p", "o"]);
  });

  it("does not confuse a project with another whose name it prefixes", () => {
    expect(ids(pickRunnable([op("x", "shop2/a", 1)], ["shop"], now, 4))).toEqual(["x"]);
  });
});
