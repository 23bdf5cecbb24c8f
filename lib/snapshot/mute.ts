/**
 * Mutes: a team's decision that a failing finding is a known, accepted risk until a date. Stored
 * beside the snapshots (both stores), applied when results are read, never when they are scanned: a
 * mute takes effect and lapses without a new scan, and a stored snapshot always keeps the verdicts
 * the scan gave.
 *
 * Rules, decided once here:
 * - A mute covers one finding (its stable id), or a rule: a control, narrowed by any of a resource
 *   pattern (the ARN, `*` for any run of characters, case-sensitive), a Region, an account and a tag
 *   (a key, or `key:value`, as the findings filter reads it).
 * - Only failing and warning results are muted. A result that could not be judged (`error`) is never
 *   muted: accepting a risk needs a verdict, and a mute must not turn missing data into score credit.
 * - Every mute has a reason, an owner and an expiry at most a year after it was created or edited; at
 *   the expiry it lapses by itself and the finding counts again.
 * - Lifting keeps the record (history: created, edited, lifted, expired; who and when).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { REGION_NAME } from "@/lib/inventory/common";
import type { Status } from "@/lib/controls/types";

/** The longest a mute may run: a risk accepted for longer is a policy, not a mute. */
export const MAX_MUTE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "required")
    .max(max, `at most ${max} characters`)
    .regex(NO_CONTROL, "must not hold control characters");

export const findingMuteTarget = z
  .object({
    kind: z.literal("finding"),
    findingId: z.string().regex(/^[0-9a-f]{32}$/, "must be a finding id (32 hexadecimal digits)"),
  })
  .strict();

export const ruleMuteTarget = z
  .object({
    kind: z.literal("rule"),
    controlId: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, "must be a control id"),
    /** Matched against the whole ARN; `*` stands for any run of characters. */
    resourcePattern: z.string().min(1).max(2048).regex(NO_CONTROL, "must not hold control characters").optional(),
    region: z
      .string()
      .refine((r) => r === "global" || REGION_NAME.test(r), 'must be a Region name or "global"')
      .optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/, "must be a 12-digit account id")
      .optional(),
    /** A tag key, or `key:value`. */
    tag: z.string().min(1).max(400).regex(NO_CONTROL, "must not hold control characters").optional(),
  })
  .strict();

export const muteTargetSchema = z.discriminatedUnion("kind", [findingMuteTarget, ruleMuteTarget]);
export type MuteTarget = z.infer<typeof muteTargetSchema>;

const expiry = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time" });

/** What a person sends to create a mute. */
export const muteInputSchema = z
  .object({
    target: muteTargetSchema,
    reason: text(1000),
    owner: text(200),
    expiresAt: expiry,
    /** Shown in the finding row beside the mark; taken from the finding when muting one finding. */
    label: text(300).optional(),
  })
  .strict();
export type MuteInput = z.infer<typeof muteInputSchema>;

/** What a person may change: the reason, the owner, the expiry (the target is what was accepted). */
export const mutePatchSchema = z
  .object({ reason: text(1000).optional(), owner: text(200).optional(), expiresAt: expiry.optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change: give reason, owner or expiresAt");
export type MutePatch = z.infer<typeof mutePatchSchema>;

export const muteSchema = z.object({
  id: z.string().regex(/^mute-[a-z0-9]{12}$/),
  target: muteTargetSchema,
  reason: z.string(),
  owner: z.string(),
  expiresAt: z.iso.datetime(),
  label: z.string().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  liftedAt: z.iso.datetime().optional(),
  liftedBy: z.string().optional(),
});
export type Mute = z.infer<typeof muteSchema>;

export const MUTE_ACTIONS = ["created", "edited", "lifted", "expired"] as const;
export type MuteAction = (typeof MUTE_ACTIONS)[number];

/** One line of a mute's history. `expired` lines are derived from the expiry, never written. */
export interface MuteEvent {
  muteId: string;
  at: string;
  /** Who: the signed-in user, or what the server knows of the caller; "Safekeep" for expiries. */
  actor: string;
  action: MuteAction;
  /** For edits: each changed field, before and after. */
  changes?: Record<string, { from: string; to: string }>;
}

/** What a store of mutes must do; both snapshot stores implement it in their own database. */
export interface MuteStore {
  /** Every mute ever made (lifted and expired ones too), newest first. */
  listMutes(): Promise<Mute[]>;
  getMute(id: string): Promise<Mute | undefined>;
  /** Stores a new mute and its `created` event, in one transaction. */
  insertMute(mute: Mute, event: MuteEvent): Promise<void>;
  /**
   * Replaces a mute and records the event, in one transaction, only if the stored one was last updated
   * at `expectedUpdatedAt` (false otherwise: someone changed it meanwhile, or it does not exist).
   */
  updateMute(mute: Mute, event: MuteEvent, expectedUpdatedAt: string): Promise<boolean>;
  /** Written events (created, edited, lifted) of one mute or all, oldest first. */
  muteEvents(muteId?: string): Promise<MuteEvent[]>;
}

export function newMuteId(random: () => Buffer = () => randomBytes(8)): string {
  const bytes = random();
  let id = "";
  for (let i = 0; i < 12; i++) id += (bytes[i % bytes.length]! % 36).toString(36);
  return `mute-${id}`;
}

/** The latest expiry a mute made or edited at `now` may have. */
export function latestExpiry(now: Date): Date {
  return new Date(now.getTime() + MAX_MUTE_DAYS * DAY_MS);
}

/** Why an expiry cannot be accepted at `now`, or undefined when it can. */
export function expiryProblem(expiresAt: string, now: Date): string | undefined {
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) return "expiresAt: not a date";
  if (at <= now.getTime()) return "expiresAt: must be in the future";
  if (at > latestExpiry(now).getTime())
    return `expiresAt: at most ${MAX_MUTE_DAYS} days ahead (${latestExpiry(now).toISOString()})`;
  return undefined;
}

export type MuteState = "active" | "expired" | "lifted";

export function muteState(mute: Mute, now: Date): MuteState {
  if (mute.liftedAt !== undefined) return "lifted";
  return Date.parse(mute.expiresAt) <= now.getTime() ? "expired" : "active";
}

export function isActive(mute: Mute, now: Date): boolean {
  return muteState(mute, now) === "active";
}

/** Was the mute in force at `at`: created by then, and neither lifted nor expired yet. */
export function wasActiveAt(mute: Mute, at: Date): boolean {
  const t = at.getTime();
  if (Date.parse(mute.createdAt) > t) return false;
  if (mute.liftedAt !== undefined && Date.parse(mute.liftedAt) <= t) return false;
  return Date.parse(mute.expiresAt) > t;
}

/** What a mute is matched against: a result with what identifies it. */
export interface MutableResult {
  findingId: string;
  accountId: string;
  controlId: string;
  region: string;
  resourceArn: string;
  tags: readonly { key: string; value: string }[];
  status: Status;
}

/** Only verdicts can be accepted: fail and warn. */
export const MUTABLE_STATUSES: readonly Status[] = ["fail", "warn"];

/** `*` for any run of characters, everything else literal, the whole string. */
export function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s\\S]*");
  return new RegExp(`^${body}$`);
}

/** Whether the mute's target covers the result (its state and the result's status aside). */
export function targetMatches(target: MuteTarget, result: MutableResult): boolean {
  if (target.kind === "finding") return target.findingId === result.findingId;
  if (target.controlId !== result.controlId) return false;
  if (target.region !== undefined && target.region !== result.region) return false;
  if (target.accountId !== undefined && target.accountId !== result.accountId) return false;
  if (
    target.tag !== undefined &&
    !result.tags.some((t) => t.key === target.tag || `${t.key}:${t.value}` === target.tag)
  )
    return false;
  if (target.resourcePattern !== undefined && !patternRegExp(target.resourcePattern).test(result.resourceArn))
    return false;
  return true;
}

/**
 * The mute that covers a result, of those given (the caller passes the mutes in force): a finding
 * mute before a rule, then the one that runs longest, then the oldest. None for results that are
 * not a failure or a warning.
 */
export function muteFor(result: MutableResult, mutes: readonly Mute[]): Mute | undefined {
  if (!MUTABLE_STATUSES.includes(result.status)) return undefined;
  let best: Mute | undefined;
  for (const mute of mutes) {
    if (!targetMatches(mute.target, result)) continue;
    if (!best || preferred(mute, best)) best = mute;
  }
  return best;
}

function preferred(a: Mute, b: Mute): boolean {
  const kind = (m: Mute) => (m.target.kind === "finding" ? 0 : 1);
  if (kind(a) !== kind(b)) return kind(a) < kind(b);
  if (a.expiresAt !== b.expiresAt) return a.expiresAt > b.expiresAt;
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/** The mark a muted result carries on pages, in the API and in exports. */
export interface MuteMark {
  id: string;
  kind: MuteTarget["kind"];
  reason: string;
  owner: string;
  expiresAt: string;
}

export function muteMark(mute: Mute): MuteMark {
  return { id: mute.id, kind: mute.target.kind, reason: mute.reason, owner: mute.owner, expiresAt: mute.expiresAt };
}

/** A mute's history: its written events and, when it ran out, its expiry (by Safekeep, at the expiry time). */
export function muteHistory(mute: Mute, written: readonly MuteEvent[], now: Date): MuteEvent[] {
  const events = written.filter((e) => e.muteId === mute.id);
  if (muteState(mute, now) === "expired")
    events.push({ muteId: mute.id, at: mute.expiresAt, actor: "Safekeep", action: "expired" });
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** A one-line description of what a mute covers. */
export function describeTarget(target: MuteTarget, label?: string): string {
  if (target.kind === "finding") return label ? `Finding: ${label}` : `Finding ${target.findingId}`;
  const parts = [`Control ${target.controlId}`];
  if (target.resourcePattern !== undefined) parts.push(`resources ${target.resourcePattern}`);
  if (target.region !== undefined) parts.push(`Region ${target.region}`);
  if (target.accountId !== undefined) parts.push(`account ${target.accountId}`);
  if (target.tag !== undefined) parts.push(`tag ${target.tag}`);
  return parts.join(", ");
}

const muteEventSchema = z.object({
  muteId: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.enum(MUTE_ACTIONS),
  changes: z.record(z.string(), z.object({ from: z.string(), to: z.string() })).optional(),
});

/**
 * A stored mute, or nothing when its record no longer reads as one. A mute that cannot be read is
 * reported and then applies to nothing: the findings it covered count again, the safe direction.
 */
export function storedMute(body: string, onCorrupt: (id: string, problem: string) => void): Mute[] {
  try {
    return [muteSchema.parse(JSON.parse(body))];
  } catch (error) {
    const id = /"id":"(mute-[a-z0-9]+)"/.exec(body)?.[1] ?? "(unknown mute)";
    onCorrupt(id, `mute record unreadable: ${(error as Error).message.slice(0, 200)}`);
    return [];
  }
}

export function storedMuteEvent(body: string): MuteEvent[] {
  try {
    const event = muteEventSchema.parse(JSON.parse(body));
    return [{ ...event, ...(event.changes ? { changes: event.changes } : {}) }];
  } catch {
    return [];
  }
}
