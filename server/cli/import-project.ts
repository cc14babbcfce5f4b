/**
 * `berth import <file | -> [--name <project>]`: creates a project from a project file (what
 * "Export" downloads), exactly as the Import page does. `-` reads the file from stdin, so in
 * the pod: `kubectl -n berth exec -i deploy/berth -- berth import - < shop.berth.yaml`. The
 * running Berth's queue picks up the applies and deploys the import queues.
 */
import fs from "node:fs/promises";
import type { Acting } from "@/server/auth/audit";
import { closeDb } from "@/server/db/client";
import { dataDirFromEnv } from "@/server/db/database-file";
import { migrateDatabase } from "@/server/db/migrate";
import type { CliIo } from "@/server/cli/cli-io";
import { importProject } from "@/server/engine/project-file/import-project";
import { AppError } from "@/server/errors";
import { commandHere } from "@/server/operator-command";

/** The operator at the server's shell: audit rows name the CLI, as no user signed in. */
const CLI_ACTING: Acting = { principal: { userId: "cli", userName: "berth import (CLI)", role: "admin", via: "token", expiresAt: null }, ip: null };

function parseArgs(args: string[]): { file: string; name?: string } | undefined {
  const [file, ...rest] = args;
  if (!file || file.startsWith("--")) return undefined;
  if (rest.length === 0) return { file };
  if (rest.length === 2 && rest[0] === "--name") return { file, name: rest[1] };
  return undefined;
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file !== "-") return fs.readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function runImportProject(args: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    io.err(`Usage: ${commandHere("import <file | -> [--name <project>]", io.env)}`);
    return 2;
  }
  let text: string;
  try {
    text = await readInput(parsed.file, stdin);
  } catch (err) {
    io.err(`Cannot read ${parsed.file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  await migrateDatabase(dataDirFromEnv(io.env));
  try {
    const result = await importProject(CLI_ACTING, text, { as: parsed.name });
    io.out(result.message);
    io.out(`  apps: ${result.apps.join(", ") || "none"}; databases: ${result.databases.join(", ") || "none"}; registry logins: ${result.registries.join(", ") || "none"}`);
    for (const secret of result.toSet) io.out(`  to set: ${secret.resource}: ${secret.what} (${secret.where})`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    io.err(err.message);
    return err.code === "conflict" ? 3 : 1;
  } finally {
    await closeDb();
  }
}
