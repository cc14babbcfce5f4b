/**
 * A database's credentials and where to reach it. The password is generated once, sealed in
 * Berth's database (server/secrets) and written to the credentials Secret the StatefulSet and
 * linked apps read; the connection info without it is what every viewer may see.
 */
import { randomInt } from "node:crypto";
import type { CredentialKey } from "@/lib/schemas/database-link";
import type { DatabaseEngine } from "@/lib/schemas/database";
import { ENGINES } from "@/server/engine/databases/engines";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 32 alphanumerics ≈ 190 bits; alphanumeric so a URL, a shell and a config file need no escaping. */
export const PASSWORD_LENGTH = 32;

/** A fresh random password from the CSPRNG (randomInt is unbiased); templates' generated secrets too. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** What identifies a database for connecting: its names, never its password. */
export interface DatabaseAddress {
  name: string;
  engine: DatabaseEngine;
  namespace: string;
}

export interface ConnectionInfo {
  host: string;
  port: number;
  username: string;
  database: string;
  /** The URL with the password replaced by `********`: safe to show. */
  url: string;
}

/** SQL identifiers cannot hold '-': "shop-db" becomes user and database "shop_db". */
function identifierOf(name: string): string {
  return name.replace(/-/g, "_");
}

/** Host, port, user and database name, and the URL with the password masked. */
export function connectionInfo(db: DatabaseAddress): ConnectionInfo {
  const engine = ENGINES[db.engine];
  const info = {
    host: `${db.name}.${db.namespace}.svc.cluster.local`,
    port: engine.port,
    username: engine.fixedUser ?? identifierOf(db.name),
    database: engine.fixedDatabase ?? identifierOf(db.name),
  };
  return { ...info, url: connectionUrl(db.engine, info, "********") };
}

/** `postgresql://user:pass@host:5432/db`, `redis://default:pass@host:6379/0`, … (user and password percent-encoded). */
export function connectionUrl(engine: DatabaseEngine, info: Omit<ConnectionInfo, "url">, password: string): string {
  const e = ENGINES[engine];
  const auth = `${encodeURIComponent(info.username)}:${password === "********" ? password : encodeURIComponent(password)}`;
  const query = e.urlQuery ? `?${e.urlQuery}` : "";
  return `${e.scheme}://${auth}@${info.host}:${info.port}/${encodeURIComponent(info.database)}${query}`;
}

/** The credentials Secret's entries: what linked apps and the database's own pod read. */
export function credentialEntries(db: DatabaseAddress, secrets: { password: string; rootPassword: string | null }): Record<CredentialKey | "root-password", string> | Record<CredentialKey, string> {
  const info = connectionInfo(db);
  const entries: Record<CredentialKey, string> = {
    url: connectionUrl(db.engine, info, secrets.password),
    host: info.host,
    port: String(info.port),
    username: info.username,
    password: secrets.password,
    database: info.database,
  };
  return secrets.rootPassword === null ? entries : { ...entries, "root-password": secrets.rootPassword };
}
