import { getDb } from "@/server/db/client";
import type { AuditEventSummary, AuditPage } from "@/lib/dto/audit";

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
 * Appends one audit row. `detail` is stored as JSON and must never hold a secret: callers pass
 * token hints (`berth_ab12cd34_…`) and ids, never token values or cookies.
 */
export async function recordAudit(event: {
  actor: AuditActor;
  action: AuditAction;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown> | null;
}): Promise<void> {
  await getDb().auditEvent.create({
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
