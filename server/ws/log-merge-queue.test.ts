import { expect, test } from "vitest";
import { LogMergeQueue } from "@/server/ws/log-merge-queue";

test("lines from two streams come out in time order once both streams have passed them", () => {
  const q = new LogMergeQueue(250);
  q.openStream(1);
  q.openStream(2);
  q.push(1, 10n, "t10", "a", 0);
  q.push(1, 30n, "t30", "b", 0);
  expect(q.take(100, 1)).toEqual([]);
  q.push(2, 20n, "t20", "c", 1);
  expect(q.take(100, 2).map((l) => l[2])).toEqual(["a", "c"]);
  q.push(2, 40n, "t40", "d", 3);
  expect(q.take(100, 4).map((l) => l[2])).toEqual(["b"]);
});

test("a quiet stream holds the others back for at most the hold time", () => {
  const q = new LogMergeQueue(250);
  q.openStream(1);
  q.openStream(2);
  q.push(1, 10n, "t10", "a", 0);
  expect(q.take(100, 100)).toEqual([]);
  expect(q.take(100, 300).map((l) => l[2])).toEqual(["a"]);
});

test("a closed stream no longer holds anything back, and take respects its maximum", () => {
  const q = new LogMergeQueue(250);
  q.openStream(1);
  q.openStream(2);
  for (let i = 0; i < 5; i++) q.push(1, BigInt(i), `t${i}`, `l${i}`, 0);
  q.closeStream(2);
  expect(q.take(3, 0)).toHaveLength(3);
  expect(q.take(3, 0)).toHaveLength(2);
});
