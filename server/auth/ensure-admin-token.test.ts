import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { AdminTokenEnvError, ensureAdminToken } from "@/server/auth/ensure-admin-token";
import { createSession } from "@/server/auth/sessions";
import { generateToken, parseToken } from "@/server/auth/token-format";
import { verifyToken } from "@/server/auth/verify-token";
import { closeTestDb, openTestDb } from "@/server/auth/testing/auth-fixtures";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

let dataDir: string;
beforeAll(async () => {
  dataDir = await openTestDb();
});
afterAll(() => closeTestDb(dataDir));

const tokenFrom = (line: string) => /^Berth admin token: (berth_\S+)$/.exec(line)?.[1] ?? null;

async function sessionFor(token: string): Promise<string> {
  const row = (await verifyToken(token))!;
  return (await createSession({ userId: row.userId, role: "admin", tokenId: row.id, tokenExpiresAt: null })).sessionId;
}

async function runTokenCli(args: string[], env: Record<string, string> = {}) {
  const { BERTH_ADMIN_TOKEN: _, ...rest } = process.env;
  return run(TSX, ["server/cli/berth.ts", "token", ...args], { cwd: ROOT, env: { ...rest, BERTH_DATA_DIR: dataDir, ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

describe("admin login token", () => {
  let first: string;

  test("first start generates one, prints it once, and stores only a hash", async () => {
    const outcome = await ensureAdminToken({});
    expect(outcome.outcome).toBe("generated");
    first = tokenFrom(outcome.line)!;
    expect(first).toMatch(/^berth_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const row = await getDb().apiToken.findFirstOrThrow({ where: { isAdminLogin: true } });
    expect(row.hash).not.toContain(parseToken(first)!.secret);
    expect((await verifyToken(first))?.user.name).toBe("admin");
  });

  test("a later start keeps it and prints no token", async () => {
    const outcome = await ensureAdminToken({});
    expect(outcome.outcome).toBe("unchanged");
    expect(outcome.line).not.toMatch(/berth_/);
    expect(await verifyToken(first)).not.toBeNull();
  });

  test("a malformed BERTH_ADMIN_TOKEN stops start-up with a sentence that does not echo it", async () => {
    const err = await ensureAdminToken({ BERTH_ADMIN_TOKEN: "hunter2-hunter2" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminTokenEnvError);
    expect((err as Error).message).toMatch(/BERTH_ADMIN_TOKEN .*npm run token -- generate/);
    expect((err as Error).message).not.toContain("hunter2");
    expect(await verifyToken(first)).not.toBeNull();
  });

  test("BERTH_ADMIN_TOKEN replaces a different stored token, signs out its sessions, and is not printed", async () => {
    const oldSession = await sessionFor(first);
    const fromEnv = generateToken().token;
    const outcome = await ensureAdminToken({ BERTH_ADMIN_TOKEN: fromEnv });
    expect(outcome).toEqual({ outcome: "rotated_from_env", line: "Berth admin token: set from BERTH_ADMIN_TOKEN" });
    expect(await verifyToken(first)).toBeNull();
    expect(await verifyToken(fromEnv)).not.toBeNull();
    expect(await getDb().session.findUnique({ where: { id: oldSession } })).toBeNull();

    const rowId = (await verifyToken(fromEnv))!.id;
    expect((await ensureAdminToken({ BERTH_ADMIN_TOKEN: fromEnv })).outcome).toBe("from_env");
    expect((await verifyToken(fromEnv))!.id).toBe(rowId);
    expect(await getDb().auditEvent.count({ where: { action: "admin_token.reset" } })).toBe(1);
  });

  test("`npm run token -- reset` prints one new token line; the old token and its sessions stop working", async () => {
    const current = (await getDb().apiToken.findFirstOrThrow({ where: { isAdminLogin: true, revokedAt: null } })).id;
    const oldSession = await createSession({ userId: (await getDb().user.findUniqueOrThrow({ where: { name: "admin" } })).id, role: "admin", tokenId: current, tokenExpiresAt: null });

    const res = await runTokenCli(["reset"]);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const fresh = tokenFrom(lines[0])!;
    expect(fresh).not.toBeNull();
    expect(await verifyToken(fresh)).not.toBeNull();
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: current } })).revokedAt).not.toBeNull();
    expect(await getDb().session.findUnique({ where: { id: oldSession.sessionId } })).toBeNull();
    expect(await getDb().auditEvent.count({ where: { action: "admin_token.reset" } })).toBe(2);
  });

  test("the CLI refuses to reset while BERTH_ADMIN_TOKEN is set, and explains what to change", async () => {
    const res = await runTokenCli(["reset"], { BERTH_ADMIN_TOKEN: generateToken().token });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/BERTH_ADMIN_TOKEN is set/);
    expect(res.stdout).toBe("");
  });
});
