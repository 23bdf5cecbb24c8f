/**
 * The audit log as the route handlers, the sign-in steps and the audit page use it: recording an
 * event for what someone did (or was refused), reading it back a page at a time, and the short,
 * secret-free details each kind of change is described by.
 *
 * When the event cannot be written: the event is recorded after the change it describes (it names
 * what was made: the new mute's id, the scan's id), so by then the change has happened. Answering
 * 500 would tell the client it failed and invite a retry (a second scan, a second mute) while the
 * first stands unrecorded all the same; refusing up front would need the audit write to predict the
 * change's outcome. So a failed write never fails the request: it is logged as an error
 * (`audit.write-failed`, with the action and target, never the person's name) for operators to act
 * on. The log and the changes share one database, so a store that takes the change but not its
 * event is rare.
 */
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";
import type { Identity } from "@/lib/security/identity";
import {
  AUDIT_ACTIONS,
  DEFAULT_AUDIT_PAGE,
  decodeAuditCursor,
  isAuditAction,
  MAX_AUDIT_PAGE,
  newAuditEvent,
  type AuditAction,
  type AuditEvent,
  type AuditPage,
  type AuditQuery,
  type AuditStore,
} from "@/lib/snapshot/audit";
import { describeTarget, type Mute, type MutePatch } from "@/lib/snapshot/mute";
import { openSnapshotStore } from "@/lib/snapshot/store";

/** The installation's audit log: in its snapshot store (SQLite, or PostgreSQL in team mode). */
export function auditStore(): AuditStore {
  return openSnapshotStore(env().dataDir);
}

function keepsAudit(store: object): store is AuditStore {
  const s = store as Partial<AuditStore>;
  return typeof s.appendAudit === "function" && typeof s.listAudit === "function";
}

export interface AuditFields {
  target?: string;
  outcome?: AuditEvent["outcome"];
  detail?: string;
  /** The client's address (`auditAddress`), when known. */
  address?: string;
}

/**
 * Records that `identity` did (or was refused) `action`. Never throws into the caller's request: a
 * failed write is logged (see the top of this file for why). True when the event was stored.
 */
export async function recordAudit(
  store: object,
  identity: Identity,
  action: AuditAction,
  fields: AuditFields = {},
  now = new Date(),
): Promise<boolean> {
  try {
    if (!keepsAudit(store)) throw new Error("This store keeps no audit log.");
    await store.appendAudit(newAuditEvent({ actor: identity, action, ...fields }, now));
    return true;
  } catch (error) {
    log.error("audit.write-failed", { action, target: fields.target, outcome: fields.outcome ?? "ok", error });
    return false;
  }
}

/** The address the request came from, as login throttling reads it (lib/security/client-address.ts). */
export function auditAddress(headers: Headers): string | undefined {
  return clientAddress(headers, env().trustedProxyHops);
}

const QUERY_KEYS = new Set(["limit", "before", "action", "actor"]);

/** GET /api/audit's and the audit page's parameters, checked: the query, or the problem to answer 400 with. */
export function parseAuditQuery(
  params: URLSearchParams,
): { ok: true; query: AuditQuery } | { ok: false; message: string } {
  for (const key of new Set(params.keys())) {
    if (!QUERY_KEYS.has(key)) return { ok: false, message: `${key.slice(0, 40)}: unknown parameter` };
    if (params.getAll(key).length > 1) return { ok: false, message: `${key}: given more than once` };
  }
  const query: AuditQuery = { limit: DEFAULT_AUDIT_PAGE };
  const limit = params.get("limit");
  if (limit !== null) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_AUDIT_PAGE)
      return { ok: false, message: `limit: must be a whole number from 1 to ${MAX_AUDIT_PAGE}` };
    query.limit = Number(limit);
  }
  const before = params.get("before");
  if (before !== null) {
    if (!decodeAuditCursor(before)) return { ok: false, message: "before: not a cursor from a previous page" };
    query.before = before;
  }
  const action = params.get("action");
  if (action !== null && action !== "") {
    if (!isAuditAction(action)) return { ok: false, message: `action: must be one of ${AUDIT_ACTIONS.join(", ")}` };
    query.action = action;
  }
  const actor = params.get("actor");
  if (actor !== null && actor !== "") {
    if (actor.length > 300 || /[\u0000-\u001f\u007f]/.test(actor))
      return { ok: false, message: "actor: must be a subject of at most 300 characters" };
    query.actor = actor;
  }
  return { ok: true, query };
}

/** One page of the log, newest first; an empty page from a store that keeps none. */
export async function listAudit(store: object, query: AuditQuery): Promise<AuditPage> {
  if (!keepsAudit(store)) return { items: [], nextCursor: null };
  return store.listAudit(query);
}

// ---------------------------------------------------------------------------------------------
// Details: built from ids and field names, never copied from a request body.

const regionsText = (regions: "all" | string[] | undefined) =>
  regions === undefined ? "the server's Region" : regions === "all" ? "all" : regions.join(", ");

const listText = (values: readonly string[], most: number) =>
  values.length > most ? `${values.slice(0, most).join(", ")} and ${values.length - most} more` : values.join(", ");

/** A scan's services and Regions. */
export function scanDetail(request: { services: readonly string[]; regions?: "all" | string[] }): string {
  return `services: ${listText(request.services, 20)}; regions: ${regionsText(request.regions)}`;
}

/** An organization scan's accounts, services and Regions. */
export function orgScanDetail(request: {
  org?: true;
  accounts?: readonly string[];
  services: readonly string[];
  regions?: "all" | string[];
}): string {
  const accounts = request.org ? "every active account of the Organization" : listText(request.accounts ?? [], 10);
  return `accounts: ${accounts}; ${scanDetail(request)}`;
}

/** What a mute covers (ids, never the finding's label) and until when. */
export function muteDetail(mute: Pick<Mute, "target" | "expiresAt">): string {
  return `${describeTarget(mute.target)}; until ${mute.expiresAt}`;
}

/** Which fields an edit changed (names only; the new expiry, which is a date, in full). */
export function mutePatchDetail(patch: MutePatch): string {
  const fields = (["reason", "owner", "expiresAt"] as const).filter((f) => patch[f] !== undefined);
  if (fields.length === 0) return "no field changed";
  return `changed ${fields.join(", ")}${patch.expiresAt !== undefined ? `; until ${new Date(patch.expiresAt).toISOString()}` : ""}`;
}

/** When a schedule runs and what it scans (not its name, which is free text). */
export function scheduleDetail(schedule: {
  cron: string;
  timezone: string;
  selection: { org: true } | { accounts: readonly string[] };
  enabled: boolean;
}): string {
  const accounts =
    "org" in schedule.selection ? "every active account" : `accounts ${listText(schedule.selection.accounts, 10)}`;
  return `cron ${schedule.cron} (${schedule.timezone}); ${accounts}; ${schedule.enabled ? "enabled" : "paused"}`;
}

/** Where a test message went and how it fared, by channel. */
export function notificationTestDetail(deliveries: readonly { channel: string; outcome: string }[]): string {
  return deliveries.length === 0 ? "no channel" : deliveries.map((d) => `${d.channel}: ${d.outcome}`).join(", ");
}
