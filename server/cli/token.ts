/**
 * `npm run token -- <command>`: manage the admin login token from the server's shell.
 *   reset     rotate the admin login token, end its sessions, print the new value once
 *   generate  print a fresh token value (not stored) to put in BERTH_ADMIN_TOKEN
 */
import { closeDb } from "@/server/db/client";
import { dataDirFromEnv } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import { resetAdminToken } from "@/server/auth/reset-admin-token";
import { generateToken } from "@/server/auth/token-format";

const USAGE = "Usage: npm run token -- reset | generate";

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command === "generate") {
    process.stdout.write(`${generateToken().token}\n`);
    return 0;
  }
  if (command !== "reset") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (process.env.BERTH_ADMIN_TOKEN) {
    process.stderr.write(
      "BERTH_ADMIN_TOKEN is set, so Berth would switch back to it at its next start. Change that value (e.g. the Kubernetes Secret) and restart Berth instead.\n",
    );
    return 1;
  }
  await migrateDatabase(dataDirFromEnv());
  try {
    const { token, sessionsEnded } = await resetAdminToken();
    process.stdout.write(`Berth admin token: ${token}\n`);
    process.stderr.write(`The old admin token no longer works; ${sessionsEnded} browser session(s) signed out.\n`);
    return 0;
  } finally {
    await closeDb();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
