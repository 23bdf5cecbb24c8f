/**
 * The record of each notification delivery (lib/notify sends them): which channel, where (the host only), for which snapshot,
 * how many attempts, the outcome and the last error (our own words, never the URL), and when. Kept in
 * whichever store the installation uses, beside the snapshots, so a failed delivery stays visible on
 * the settings page. Nothing secret is ever in a record: no URL path or token, no signing secret.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** Where notifications go (lib/notify sends them): Slack, Microsoft Teams, a generic signed webhook. */
export const NOTIFICATION_CHANNELS = ["slack", "teams", "webhook"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const deliverySchema = z.object({
  id: z.string().regex(/^ntf-[a-z0-9]{16}$/),
  at: z.iso.datetime(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  /** From `maskTarget`: "hooks.slack.com/…". */
  target: z.string().max(300),
  event: z.enum(["scan.changes", "test"]),
  /** The snapshot the message was about; none for a test message. */
  snapshotId: z.string().max(64).optional(),
  accountId: z.string().max(12).optional(),
  attempts: z.number().int().min(0).max(20),
  outcome: z.enum(["delivered", "failed"]),
  status: z.number().int().min(100).max(599).optional(),
  error: z.string().max(300).optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** What a store of delivery records must do; both snapshot stores implement it in their own database. */
export interface NotificationStore {
  recordDelivery(delivery: Delivery): Promise<void>;
  /** The newest first, at most `limit`. */
  listDeliveries(limit: number): Promise<Delivery[]>;
}

export function newDeliveryId(random: () => Buffer = () => randomBytes(10)): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `ntf-${[...random()]
    .slice(0, 16)
    .map((b) => alphabet[b % 36])
    .join("")
    .padEnd(16, "0")}`;
}

/** The table both stores keep (SQLite's dialect; PostgreSQL's is its migration 5). */
export const SQLITE_DELIVERIES_TABLE = `
CREATE TABLE IF NOT EXISTS notification_deliveries (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  channel     TEXT NOT NULL,
  target      TEXT NOT NULL,
  event       TEXT NOT NULL,
  snapshot_id TEXT,
  account_id  TEXT,
  attempts    INTEGER NOT NULL,
  outcome     TEXT NOT NULL,
  status      INTEGER,
  error       TEXT
);
CREATE INDEX IF NOT EXISTS notification_deliveries_at ON notification_deliveries (at DESC, id DESC);
`;

export const DELIVERY_COLUMNS = [
  "id",
  "at",
  "channel",
  "target",
  "event",
  "snapshot_id",
  "account_id",
  "attempts",
  "outcome",
  "status",
  "error",
] as const;

export type DeliveryRow = Record<(typeof DELIVERY_COLUMNS)[number], string | number | null>;

/** A record as the columns hold it, checked first: a malformed record is refused, never half written. */
export function deliveryRow(delivery: Delivery): DeliveryRow {
  const d = deliverySchema.parse(delivery);
  return {
    id: d.id,
    at: d.at,
    channel: d.channel,
    target: d.target,
    event: d.event,
    snapshot_id: d.snapshotId ?? null,
    account_id: d.accountId ?? null,
    attempts: d.attempts,
    outcome: d.outcome,
    status: d.status ?? null,
    error: d.error ?? null,
  };
}

/** A stored row as a record, or nothing when it no longer reads as one (it is then not shown). */
export function deliveryFromRow(row: DeliveryRow): Delivery[] {
  const parsed = deliverySchema.safeParse({
    id: row.id,
    at: row.at,
    channel: row.channel,
    target: row.target,
    event: row.event,
    ...(row.snapshot_id !== null ? { snapshotId: row.snapshot_id } : {}),
    ...(row.account_id !== null ? { accountId: row.account_id } : {}),
    attempts: Number(row.attempts),
    outcome: row.outcome,
    ...(row.status !== null ? { status: Number(row.status) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  });
  return parsed.success ? [parsed.data] : [];
}

/** The most records a listing returns, whatever is asked. */
export const MAX_LISTED_DELIVERIES = 500;
