/** One audit row as `GET /api/audit` returns it. */
export type AuditEventSummary = {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: unknown;
};

/** A page of audit events, newest first; pass `nextBefore` as `?before=` for the next page. */
export type AuditPage = { events: AuditEventSummary[]; nextBefore: string | null };
