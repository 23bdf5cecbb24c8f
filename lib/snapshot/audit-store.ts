/**
 * The audit log's table and its one listing query, shared by both stores so they answer alike. The
 * event is kept whole as JSON (validated again on every read); the columns beside it exist only to
 * order, filter and page without reading the bodies.
 */
import {
  auditEventSchema,
  decodeAuditCursor,
  encodeAuditCursor,
  MAX_AUDIT_PAGE,
  storedAuditEvent,
  type AuditEvent,
  type AuditPage,
  type AuditQuery,
} from "./audit";

/** The table both stores keep (SQLite's dialect; PostgreSQL's is its migration 6). */
export const SQLITE_AUDIT_TABLE = `
CREATE TABLE IF NOT EXISTS audit_events (
  id            TEXT PRIMARY KEY,
  at            TEXT NOT NULL,
  action        TEXT NOT NULL,
  actor_subject TEXT NOT NULL,
  body          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_events_action ON audit_events (action, at DESC, id DESC);
`;

export const AUDIT_COLUMNS = ["id", "at", "action", "actor_subject", "body"] as const;

/** An event as the columns hold it, checked first: a malformed event is refused, never written. */
export function auditRow(event: AuditEvent): (string | null)[] {
  const e = auditEventSchema.parse(event);
  return [e.id, e.at, e.action, e.actor.subject, JSON.stringify(e)];
}

/** Thrown for a cursor this server did not issue; the API answers it with 400 before asking a store. */
export class AuditCursorError extends Error {}

/**
 * One page, newest first: `(at, id)` strictly before the cursor's, one row more than asked so the
 * caller knows whether another page follows. `$n` placeholders for PostgreSQL, `?` for SQLite.
 */
export function auditListStatement(
  dialect: "sqlite" | "postgres",
  query: AuditQuery,
): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const bind = (value: string | number) => {
    params.push(value);
    return dialect === "postgres" ? `$${params.length}` : "?";
  };
  const where: string[] = [];
  if (query.action !== undefined) where.push(`action = ${bind(query.action)}`);
  if (query.actor !== undefined) where.push(`actor_subject = ${bind(query.actor)}`);
  if (query.before !== undefined) {
    const cursor = decodeAuditCursor(query.before);
    if (!cursor) throw new AuditCursorError("Not an audit log cursor.");
    const at = bind(cursor.at);
    where.push(`(at < ${at} OR (at = ${bind(cursor.at)} AND id < ${bind(cursor.id)}))`);
  }
  const limit = Math.max(1, Math.min(Math.floor(query.limit), MAX_AUDIT_PAGE));
  return {
    sql: `SELECT id, at, body FROM audit_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
          ORDER BY at DESC, id DESC LIMIT ${bind(limit + 1)}`,
    params,
  };
}

export interface AuditListedRow {
  id: string;
  at: string;
  body: string;
}

/** The page from the rows read (one more than the limit when another page follows). */
export function auditPageOf(query: AuditQuery, rows: readonly AuditListedRow[]): AuditPage {
  const limit = Math.max(1, Math.min(Math.floor(query.limit), MAX_AUDIT_PAGE));
  const page = rows.slice(0, limit);
  // The cursor comes from the columns, so a stored event that no longer reads does not end paging.
  const last = page.at(-1);
  return {
    items: page.flatMap((row) => storedAuditEvent(row.body)),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null,
  };
}
