/**
 * Every database column that holds a secret value, sealed by server/secrets/secret-box.ts.
 * Start-up encryption of old plain-text values and key rotation walk this list, so a new kind of
 * secret (registry passwords, database credentials, secret config files) adds one entry here and
 * reads and writes its column through encryptSecretValue / decryptSecretValue.
 */
import type { Prisma } from "@/server/db/generated/client";

export interface SecretColumn {
  /** `Model.column`, for messages. */
  name: string;
  read(tx: Prisma.TransactionClient): Promise<Array<{ id: string; value: string }>>;
  write(tx: Prisma.TransactionClient, id: string, value: string): Promise<unknown>;
}

export const SECRET_COLUMNS: readonly SecretColumn[] = [
  {
    name: "SecretEnv.value",
    read: (tx) => tx.secretEnv.findMany({ select: { id: true, value: true } }),
    write: (tx, id, value) => tx.secretEnv.update({ where: { id }, data: { value } }),
  },
  {
    // Only secret files are sealed; a plain file's content is as public as its ConfigMap.
    name: "AppFile.content",
    read: async (tx) => (await tx.appFile.findMany({ where: { secret: true }, select: { id: true, content: true } })).map((r) => ({ id: r.id, value: r.content })),
    write: (tx, id, value) => tx.appFile.update({ where: { id }, data: { content: value } }),
  },
  {
    name: "RegistryCredential.password",
    read: async (tx) => (await tx.registryCredential.findMany({ select: { id: true, password: true } })).map((r) => ({ id: r.id, value: r.password })),
    write: (tx, id, value) => tx.registryCredential.update({ where: { id }, data: { password: value } }),
  },
  {
    name: "Database.password",
    read: (tx) => tx.database.findMany({ select: { id: true, password: true } }).then((rows) => rows.map((r) => ({ id: r.id, value: r.password }))),
    write: (tx, id, value) => tx.database.update({ where: { id }, data: { password: value } }),
  },
  {
    name: "Database.rootPassword",
    read: (tx) =>
      tx.database
        .findMany({ where: { rootPassword: { not: null } }, select: { id: true, rootPassword: true } })
        .then((rows) => rows.map((r) => ({ id: r.id, value: r.rootPassword! }))),
    write: (tx, id, value) => tx.database.update({ where: { id }, data: { rootPassword: value } }),
  },
];
