/**
 * The audit log: who signed in or out, who was turned away, and who changed what (scans, mutes,
 * schedules, notification tests). Kept in whichever store the installation uses, beside the
 * snapshots, newest first when listed. Retention: every event is kept; nothing prunes the log (an
 * event is a few hundred bytes, so years of a team's use stay small).
 *
 * Rules, decided once here:
 * - an event names its actor as the server identified them (display name, stable subject, how they
 *   proved it, their role then), never with a credential;
 * - `detail` is built by the server from ids and field names (a mute's target and expiry, a scan's
 *   accounts and Regions), never copied from a request body, and is at most 500 characters;
 * - the id is random (`crypto.randomUUID`), so ids say nothing about order or volume.
 * Pure types and validation: the stores (./audit-store.ts) and the read path (lib/read/audit.ts) use it.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";

/**
 * The roles and sign-in methods, as lib/security/identity.ts names them (a test keeps the lists
 * equal): this model sits below lib/security, which may not be imported from here.
 */
export const AUDIT_ROLES = ["viewer", "operator", "admin"] as const;
export const AUDIT_METHODS = ["local", "token", "basic", "session"] as const;

export const AUDIT_ACTIONS = [
  "sign-in",
  "sign-out",
  "sign-in-refused",
  "lockout",
  "access-denied",
  "scan.start",
  "scan.cancel",
  "org-scan.start",
  "org-scan.cancel",
  "mute.create",
  "mute.update",
  "mute.lift",
  "schedule.create",
  "schedule.update",
  "schedule.delete",
  "notifications.test",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** What each action reads as on the audit page. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "sign-in": "Signed in",
  "sign-out": "Signed out",
  "sign-in-refused": "Sign-in refused",
  lockout: "Locked out",
  "access-denied": "Access denied",
  "scan.start": "Scan started",
  "scan.cancel": "Scan cancelled",
  "org-scan.start": "Organization scan started",
  "org-scan.cancel": "Organization scan cancelled",
  "mute.create": "Mute created",
  "mute.update": "Mute changed",
  "mute.lift": "Mute lifted",
  "schedule.create": "Schedule created",
  "schedule.update": "Schedule changed",
  "schedule.delete": "Schedule deleted",
  "notifications.test": "Test notification sent",
};

export const MAX_AUDIT_DETAIL = 500;
export const MAX_AUDIT_TARGET = 300;
const MAX_NAME = 200;
const MAX_SUBJECT = 300;
/** An IPv6 address is at most 45 characters written out. */
const MAX_ADDRESS = 45;

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const line = (max: number) => z.string().max(max).regex(NO_CONTROL, "must not hold control characters");

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z
      .object({
        name: line(MAX_NAME),
        subject: line(MAX_SUBJECT),
        method: z.enum(AUDIT_METHODS),
        role: z.enum(AUDIT_ROLES),
      })
      .strict(),
    action: z.enum(AUDIT_ACTIONS),
    target: line(MAX_AUDIT_TARGET).min(1).optional(),
    outcome: z.enum(["ok", "refused"]),
    detail: line(MAX_AUDIT_DETAIL).min(1).optional(),
    address: z
      .string()
      .max(MAX_ADDRESS)
      .regex(/^[0-9A-Fa-f.:]+$/, "must be an IP address")
      .optional(),
  })
  .strict();
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditActor = AuditEvent["actor"];

/** The most events one listing returns, whatever is asked. */
export const MAX_AUDIT_PAGE = 200;
export const DEFAULT_AUDIT_PAGE = 50;

export interface AuditQuery {
  /** 1 to MAX_AUDIT_PAGE. */
  limit: number;
  /** The previous page's `nextCursor`: events strictly older than its last one. */
  before?: string;
  action?: AuditAction;
  /** An actor's stable subject, exactly. */
  actor?: string;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** What a store of audit events must do; both snapshot stores implement it in their own database. */
export interface AuditStore {
  /** Refuses (throws) an event that does not validate: nothing is written half. */
  appendAudit(event: AuditEvent): Promise<void>;
  /** Newest first (by time, then id), keyset-paged. A stored event that no longer reads is left out. */
  listAudit(query: AuditQuery): Promise<AuditPage>;
}

/** Where a page ended: the last event's time and id, opaque to clients. */
export function encodeAuditCursor(event: Pick<AuditEvent, "at" | "id">): string {
  return Buffer.from(JSON.stringify([event.at, event.id])).toString("base64url");
}

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** The position a cursor names, or undefined when it is not one this server issued. */
export function decodeAuditCursor(cursor: string): { at: string; id: string } | undefined {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** One line of text: control characters dropped, runs of spaces kept to one, cut to `max` (with …). */
export function auditText(value: string, max: number): string {
  const clean = value
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  target?: string;
  outcome?: AuditEvent["outcome"];
  detail?: string;
  address?: string;
}

/** A new event at `now`, its text made to fit (an overlong detail is cut, never refused). */
export function newAuditEvent(input: AuditEventInput, now: Date, id: () => string = randomUUID): AuditEvent {
  const target = input.target === undefined ? "" : auditText(input.target, MAX_AUDIT_TARGET);
  const detail = input.detail === undefined ? "" : auditText(input.detail, MAX_AUDIT_DETAIL);
  return auditEventSchema.parse({
    id: id(),
    at: now.toISOString(),
    actor: {
      name: auditText(input.actor.name, MAX_NAME),
      subject: auditText(input.actor.subject, MAX_SUBJECT),
      method: input.actor.method,
      role: input.actor.role,
    },
    action: input.action,
    ...(target ? { target } : {}),
    outcome: input.outcome ?? "ok",
    ...(detail ? { detail } : {}),
    ...(input.address && input.address.length <= MAX_ADDRESS && /^[0-9A-Fa-f.:]+$/.test(input.address)
      ? { address: input.address }
      : {}),
  });
}

/** A stored event, or nothing when it no longer reads as one (it is then left out of listings). */
export function storedAuditEvent(body: string): AuditEvent[] {
  try {
    const parsed = auditEventSchema.safeParse(JSON.parse(body));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}
