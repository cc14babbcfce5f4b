import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { AuditEventSummary, AuditPage } from "@/lib/dto/audit";
import type { Principal } from "@/server/auth/principal";

/** Actions Berth records. Other modules add theirs (e.g. "exec.open") as plain strings. */
export type AuditAction =
  | "login.success"
  | "login.failure"
  | "logout"
  | "token.create"
  | "token.revoke"
  | "admin_token.reset"
  | (string & {});

/** Whoever did it: a resolved principal, or nobody (a failed login, the CLI before any user). */
export type AuditActor = { userId: string; userName: string } | null;

/**
 * Who makes a change and from where. Every operation that changes something takes it and writes
 * its own audit row with it, so no caller can change state and forget the audit.
 */
export interface Acting {
  principal: Principal;
  ip: string | null;
}

/** Where an audit row is written: the database, or the transaction of the change it records. */
export type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/**
 * Appends one audit row. `detail` is stored as JSON and must never hold a secret: callers pass
 * token hints (`berth_ab12cd34_…`) and ids, never token values or cookies. Pass the change's
 * transaction as `db` so the change and its row land together or not at all.
 */
export async function recordAudit(
  event: {
    actor: AuditActor;
    action: AuditAction;
    target?: string | null;
    ip?: string | null;
    detail?: Record<string, unknown> | null;
  },
  db: AuditWriter = getDb(),
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: event.actor?.userId ?? null,
      actorName: event.actor?.userName ?? null,
      action: event.action,
      target: event.target ?? null,
      ip: event.ip ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}

/**
 * The audit row of a project or app change made by `by`, written in the change's transaction.
 * `target` is "project" or "project/app". A change made with a deploy token also names the
 * token (id and hint): those run unattended in CI, and the row should say which job's token it was.
 */
export function auditChange(tx: AuditWriter, by: Acting, action: AuditAction, target: string, detail?: Record<string, unknown>): Promise<void> {
  const { principal } = by;
  const token = principal.role === "deployer" ? { deployToken: { id: principal.tokenId ?? null, hint: principal.tokenHint ?? null } } : {};
  const written = detail || principal.role === "deployer" ? { ...detail, ...token } : null;
  return recordAudit({ actor: { userId: principal.userId, userName: principal.userName }, action, target, ip: by.ip, detail: written }, tx);
}

function parseDetail(detail: string | null): unknown {
  if (detail === null) return null;
  try {
    return JSON.parse(detail);
  } catch {
    return detail;
  }
}

/**
 * One page of the audit log, newest first. `before` is the id of the last event of the previous
 * page (a cursor, so rows written meanwhile neither repeat nor get skipped).
 */
export async function listAudit(query: { limit: number; before?: string }): Promise<AuditPage> {
  const rows = await getDb().auditEvent.findMany({
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.before ? { cursor: { id: query.before }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const events: AuditEventSummary[] = page.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorName: row.actorName,
    action: row.action,
    target: row.target,
    ip: row.ip,
    detail: parseDetail(row.detail),
  }));
  return { events, nextBefore: rows.length > query.limit ? page[page.length - 1].id : null };
}
