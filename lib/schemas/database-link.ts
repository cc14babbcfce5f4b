import { z } from "zod";
import { dns1035Label, envName, strictObject } from "@/lib/schemas/kube-validators";

/**
 * How an app links a database of its project (the app spec's `links`). Apart from
 * lib/schemas/database.ts so the app schema can use it without the two importing each other;
 * the database name rule is the app name rule (an RFC 1035 label of at most 30).
 *
 * An app's link to a database of its project: the app gets the database's URL in `env`
 * (DATABASE_URL unless named) and, with `parts`, `<PREFIX>_HOST`, `_PORT`, `_USER`, `_PASSWORD`
 * and `_NAME`, all read from the database's credentials Secret.
 */
export const databaseLinkSchema = strictObject({
  database: dns1035Label(30),
  env: envName.default("DATABASE_URL"),
  parts: z.boolean({ error: "expected true or false" }).default(false),
});
export type DatabaseLink = z.output<typeof databaseLinkSchema>;

/** `DATABASE_URL` → `DATABASE`; `REDIS_URL` → `REDIS`; anything else is its own prefix. */
export function linkPartPrefix(env: string): string {
  return env.endsWith("_URL") ? env.slice(0, -4) : env;
}

/** The variables a link sets, by the credentials Secret's key each reads. */
export function linkVariables(link: DatabaseLink): Array<{ name: string; key: CredentialKey }> {
  const prefix = linkPartPrefix(link.env);
  const parts: Array<{ name: string; key: CredentialKey }> = link.parts
    ? [
        { name: `${prefix}_HOST`, key: "host" },
        { name: `${prefix}_PORT`, key: "port" },
        { name: `${prefix}_USER`, key: "username" },
        { name: `${prefix}_PASSWORD`, key: "password" },
        { name: `${prefix}_NAME`, key: "database" },
      ]
    : [];
  return [{ name: link.env, key: "url" }, ...parts];
}

/** The keys of a database's credentials Secret. */
export const CREDENTIAL_KEYS = ["url", "host", "port", "username", "password", "database"] as const;
export type CredentialKey = (typeof CREDENTIAL_KEYS)[number];
