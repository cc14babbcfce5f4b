import type { DatabasePassword } from "@/lib/dto/database";
import { recordAudit } from "@/server/auth/audit";
import type { Principal } from "@/server/auth/principal";
import { getDb } from "@/server/db/client";
import { connectionInfo, connectionUrl } from "@/server/engine/databases/credentials";
import { credentialsOf, databaseSpecOf, findDatabaseOrThrow } from "@/server/engine/databases/database-record";

/** The database's password and full URL for the page's "Reveal" (admins only; each reveal is audited, never the value). */
export async function revealDatabasePassword(principal: Principal, project: string, name: string, ip: string | null): Promise<DatabasePassword> {
  const row = await findDatabaseOrThrow(getDb(), project, name);
  const { engine } = databaseSpecOf(row);
  const { password } = credentialsOf(row);
  await recordAudit({ actor: principal, action: "database.password.reveal", target: `${project}/${name}`, ip });
  return { password, url: connectionUrl(engine, connectionInfo({ name, engine, namespace: project }), password) };
}
