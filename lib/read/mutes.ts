/**
 * Mutes as the dashboard, the API and the CLI use them: the ones in force, applied to what is read,
 * and the changes people make (create, edit, lift), each checked and recorded with who and when.
 */
import { applyMutes } from "@/lib/posture/apply-mutes";
import {
  expiryProblem,
  isActive,
  muteHistory,
  muteState,
  newMuteId,
  type Mute,
  type MuteEvent,
  type MuteInput,
  type MutePatch,
  type MuteState,
  type MuteStore,
} from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";

/** The mutes in force at `now`; none from a store that keeps no mutes. */
export async function mutesInForce(store: Partial<MuteStore>, now: Date): Promise<Mute[]> {
  if (!store.listMutes) return [];
  return (await store.listMutes()).filter((m) => isActive(m, now));
}

/** A snapshot with the mutes in force at `now` applied (see apply-mutes.ts). */
export async function withMutes(store: Partial<MuteStore>, snapshot: Snapshot, now: Date): Promise<Snapshot> {
  return applyMutes(snapshot, await mutesInForce(store, now), now);
}

export type MuteChange = { ok: true; mute: Mute } | { ok: false; status: 400 | 404 | 409 | 501; message: string };

function keepsMutes(store: Partial<MuteStore>): store is MuteStore {
  return Boolean(store.listMutes && store.getMute && store.insertMute && store.updateMute && store.muteEvents);
}

const UNSUPPORTED = { ok: false, status: 501, message: "This store keeps no mutes." } as const;

export async function createMute(
  store: Partial<MuteStore>,
  input: MuteInput,
  actor: string,
  now: Date,
): Promise<MuteChange> {
  if (!keepsMutes(store)) return UNSUPPORTED;
  const problem = expiryProblem(input.expiresAt, now);
  if (problem) return { ok: false, status: 400, message: problem };
  const at = now.toISOString();
  const mute: Mute = {
    id: newMuteId(),
    target: input.target,
    reason: input.reason,
    owner: input.owner,
    expiresAt: new Date(input.expiresAt).toISOString(),
    ...(input.label !== undefined ? { label: input.label } : {}),
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
  };
  await store.insertMute(mute, { muteId: mute.id, at, actor, action: "created" });
  return { ok: true, mute };
}

/**
 * Changes a mute's reason, owner or expiry. A lifted mute stays lifted (make a new one); an expired
 * one may be given a new expiry, which renews it. The change applies only over the version read: a
 * concurrent change makes it fail (409) rather than be lost.
 */
export async function editMute(
  store: Partial<MuteStore>,
  id: string,
  patch: MutePatch,
  actor: string,
  now: Date,
): Promise<MuteChange> {
  if (!keepsMutes(store)) return UNSUPPORTED;
  const current = await store.getMute(id);
  if (!current) return { ok: false, status: 404, message: `No mute with id ${id}.` };
  if (current.liftedAt !== undefined)
    return { ok: false, status: 409, message: `Mute ${id} was lifted; create a new mute instead.` };
  if (patch.expiresAt !== undefined) {
    const problem = expiryProblem(patch.expiresAt, now);
    if (problem) return { ok: false, status: 400, message: problem };
  } else if (muteState(current, now) === "expired") {
    return { ok: false, status: 409, message: `Mute ${id} has expired; give a new expiresAt to renew it.` };
  }
  const next: Mute = {
    ...current,
    ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
    ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    ...(patch.expiresAt !== undefined ? { expiresAt: new Date(patch.expiresAt).toISOString() } : {}),
    updatedAt: laterThan(current.updatedAt, now),
    updatedBy: actor,
  };
  const changes: Record<string, { from: string; to: string }> = {};
  for (const field of ["reason", "owner", "expiresAt"] as const)
    if (next[field] !== current[field]) changes[field] = { from: current[field], to: next[field] };
  if (Object.keys(changes).length === 0) return { ok: true, mute: current };
  const event: MuteEvent = { muteId: id, at: next.updatedAt, actor, action: "edited", changes };
  if (!(await store.updateMute(next, event, current.updatedAt)))
    return { ok: false, status: 409, message: `Mute ${id} was changed meanwhile; read it again and retry.` };
  return { ok: true, mute: next };
}

/** Lifts a mute: the findings it covered count again at once. The record and its history stay. */
export async function liftMute(store: Partial<MuteStore>, id: string, actor: string, now: Date): Promise<MuteChange> {
  if (!keepsMutes(store)) return UNSUPPORTED;
  const current = await store.getMute(id);
  if (!current) return { ok: false, status: 404, message: `No mute with id ${id}.` };
  const state = muteState(current, now);
  if (state !== "active") return { ok: false, status: 409, message: `Mute ${id} is already ${state}.` };
  const at = laterThan(current.updatedAt, now);
  const next: Mute = { ...current, liftedAt: at, liftedBy: actor, updatedAt: at, updatedBy: actor };
  if (!(await store.updateMute(next, { muteId: id, at, actor, action: "lifted" }, current.updatedAt)))
    return { ok: false, status: 409, message: `Mute ${id} was changed meanwhile; read it again and retry.` };
  return { ok: true, mute: next };
}

/** `now` as ISO 8601, moved a millisecond past `previous` if needed, so versions always differ. */
function laterThan(previous: string, now: Date): string {
  const t = Math.max(now.getTime(), Date.parse(previous) + 1);
  return new Date(t).toISOString();
}

export interface MuteListing {
  mute: Mute;
  state: MuteState;
  history: MuteEvent[];
}

/** Every mute with its state and history at `now`: active first (soonest expiry first), then the rest, newest first. */
export async function listMutesWithHistory(store: Partial<MuteStore>, now: Date): Promise<MuteListing[]> {
  if (!keepsMutes(store)) return [];
  const [mutes, events] = await Promise.all([store.listMutes(), store.muteEvents()]);
  const listed = mutes.map((mute) => ({ mute, state: muteState(mute, now), history: muteHistory(mute, events, now) }));
  const active = listed
    .filter((l) => l.state === "active")
    .sort((a, b) => (a.mute.expiresAt < b.mute.expiresAt ? -1 : a.mute.expiresAt > b.mute.expiresAt ? 1 : 0));
  const rest = listed.filter((l) => l.state !== "active");
  return [...active, ...rest];
}

/** Every mute with its state and history, as of the moment of reading (what the mutes page shows). */
export async function readMutesNow(store: Partial<MuteStore>): Promise<{ asOf: number; listed: MuteListing[] }> {
  const now = new Date();
  return { asOf: now.getTime(), listed: await listMutesWithHistory(store, now) };
}
