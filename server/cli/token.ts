/**
 * `berth token reset | generate`: manage the admin login token from the server's shell.
 *   reset     rotate the admin login token, end its sessions, print the new value once
 *   generate  print a fresh token value (not stored) to put in BERTH_ADMIN_TOKEN
 */
import { closeDb } from "@/server/db/client";
import { dataDirFromEnv } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { resetAdminToken } from "@/server/auth/reset-admin-token";
import { generateToken } from "@/server/auth/token-format";
import type { CliIo } from "@/server/cli/cli-io";
import { commandHere } from "@/server/operator-command";

export async function runToken(args: string[], io: CliIo): Promise<number> {
  const [command, ...extra] = args;
  if (extra.length > 0 || (command !== "generate" && command !== "reset")) {
    io.err(`Usage: ${commandHere("token reset", io.env)} | generate`);
    return 2;
  }
  if (command === "generate") {
    io.out(generateToken().token);
    return 0;
  }
  if ((io.env ?? process.env).BERTH_ADMIN_TOKEN) {
    io.err("BERTH_ADMIN_TOKEN is set, so Berth would switch back to it at its next start. Change that value (e.g. the Kubernetes Secret) and restart Berth instead.");
    return 1;
  }
  await migrateDatabase(dataDirFromEnv(io.env));
  try {
    const { token, sessionsEnded } = await resetAdminToken();
    io.out(`Berth admin token: ${token}`);
    io.err(`The old admin token no longer works; ${sessionsEnded} browser session(s) signed out.`);
    return 0;
  } finally {
    await closeDb();
  }
}
