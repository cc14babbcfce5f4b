import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import type { Role } from "@/lib/schemas/token";
import { generateToken, parseToken } from "@/server/auth/token-format";
import { hashSecret } from "@/server/auth/token-hash";
import { loginFailures } from "@/server/auth/login-rate-limit";
import type { Acting } from "@/server/auth/audit";

/**
 * Test support: points `getDb()` at a fresh migrated SQLite file in a temp directory. Call in
 * `beforeAll` before anything touches the database; pair with `closeTestDb` in `afterAll`.
 * Vitest runs each test file in its own process, so files never share a database.
 */
export async function openTestDb(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-auth-"));
  process.env.BERTH_DATA_DIR = dataDir;
  await closeDb();
  await migrateDatabase(dataDir);
  loginFailures.reset();
  return dataDir;
}

/** Closes the test database and removes its directory. */
export async function closeTestDb(dataDir: string): Promise<void> {
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Creates a user (if new) with a token of `role` and returns the token value, for tests that
 * need a viewer, admin or deployer Bearer credential without going through the API. A deployer
 * token needs its `scope`; its owner is an admin, as only admins make them.
 */
export async function seedToken(options: {
  role: Role;
  userName?: string;
  expiresAt?: Date | null;
  scope?: { project: string; app?: string };
}): Promise<{ token: string; tokenId: string; userId: string }> {
  const userName = options.userName ?? `${options.role}-user`;
  const db = getDb();
  const userRole = options.role === "deployer" ? "admin" : options.role;
  const user = await db.user.upsert({ where: { name: userName }, create: { name: userName, role: userRole }, update: {} });
  const { token, prefix } = generateToken();
  const row = await db.apiToken.create({
    data: {
      userId: user.id,
      name: `${options.role} test token`,
      role: options.role,
      scopeProject: options.scope?.project ?? null,
      scopeApp: options.scope?.app ?? null,
      prefix,
      hash: await hashSecret(parseToken(token)!.secret),
      expiresAt: options.expiresAt ?? null,
    },
  });
  return { token, tokenId: row.id, userId: user.id };
}

/**
 * An admin acting from 127.0.0.1, for tests that call operations directly (the route tests
 * get theirs from the guard). No user row is needed: audit rows and operations record the name.
 */
export function testActing(userName = "tester"): Acting {
  return { principal: { userId: `user-${userName}`, userName, role: "admin", via: "token", expiresAt: null }, ip: "127.0.0.1" };
}
