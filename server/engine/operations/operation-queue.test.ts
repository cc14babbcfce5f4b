import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import type { Operation } from "@/server/db/generated/client";
import { KubeApiError } from "@/server/kube/kube-api-error";
import { OperationQueue, type FailureRecorder, type OperationRunner } from "@/server/engine/operations/operation-queue";
import { RETRY_LIMITS } from "@/server/engine/operations/retry-policy";
import { waitForOperation } from "@/server/engine/operations/wait-for-operation";

let dataDir: string;
let queue: OperationQueue | undefined;
const limits = { ...RETRY_LIMITS };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-queue-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
});
afterEach(async () => {
  await queue?.stop();
  Object.assign(RETRY_LIMITS, limits);
});
afterAll(async () => {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Queued a few milliseconds apart: the queue orders by creation time. */
const enqueue = async (projectName: string, appName: string | null, kind = "deploy") => {
  await sleep(3);
  return getDb().operation.create({ data: { projectName, appName, kind } });
};

function startQueue(run: OperationRunner, onGiveUp: FailureRecorder = async () => {}) {
  queue = new OperationQueue({ db: getDb(), run, onGiveUp, concurrency: 3, pollMs: 50 });
  return queue.start();
}

describe("the operation queue", () => {
  it("runs one operation per app at a time, in order, and different apps side by side", async () => {
    const log: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const ops = [await enqueue("p", "a"), await enqueue("p", "a"), await enqueue("p", "b"), await enqueue("q", "c")];
    await startQueue(async (op) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      log.push(`start ${op.appName} ${op.id}`);
      await sleep(150);
      log.push(`end ${op.appName} ${op.id}`);
      concurrent--;
    });
    for (const op of ops) expect((await waitForOperation(op.id, 5000)).status).toBe("succeeded");
    const a = log.filter((l) => l.includes(" a "));
    expect(a).toEqual([`start a ${ops[0].id}`, `end a ${ops[0].id}`, `start a ${ops[1].id}`, `end a ${ops[1].id}`]);
    expect(maxConcurrent).toBe(3);
  });

  it("retries a 503 with backoff and succeeds once the API recovers", async () => {
    const op = await enqueue("p", "retry");
    let calls = 0;
    await startQueue(async () => {
      calls++;
      if (calls < 3) throw new KubeApiError(503, { message: "etcd is busy" }, { "retry-after": "0" });
    });
    const done = await waitForOperation(op.id, 5000);
    expect(done).toMatchObject({ status: "succeeded", attempts: 3 });
  });

  it("gives up after the last attempt and records the API's message where the user looks", async () => {
    Object.assign(RETRY_LIMITS, { maxAttempts: 3, baseDelayMs: 10 });
    const op = await enqueue("p", "down");
    const recorded: string[] = [];
    await startQueue(
      async () => {
        throw new KubeApiError(500, { message: "the server is on fire" });
      },
      async (_op: Operation, message: string) => {
        recorded.push(message);
      },
    );
    expect(await waitForOperation(op.id, 5000)).toMatchObject({ status: "failed", attempts: 3, error: "the server is on fire" });
    expect(recorded).toEqual(["the server is on fire"]);
  });

  it("never retries a 422", async () => {
    const op = await enqueue("p", "invalid");
    await startQueue(async () => {
      throw new KubeApiError(422, { message: 'Deployment.apps "x" is invalid: spec.selector: field is immutable' });
    });
    expect(await waitForOperation(op.id, 5000)).toMatchObject({ status: "failed", attempts: 1, error: expect.stringContaining("immutable") });
  });

  it("leaves an interrupted operation running for the next start, which resumes it", async () => {
    const op = await enqueue("p", "resume");
    let release!: () => void;
    await startQueue((_op, ctx) => new Promise<void>((resolve, reject) => {
      release = resolve;
      ctx.signal.addEventListener("abort", () => reject(new Error("aborted")));
    }));
    await sleep(200);
    await queue!.stop();
    expect((await getDb().operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("running");
    expect(release).toBeDefined();
    await startQueue(async () => {});
    expect(await waitForOperation(op.id, 5000)).toMatchObject({ status: "succeeded", attempts: 2 });
  });
});
