import { SEVERITIES, type Severity, type Status } from "@/lib/controls/types";
import { SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";
import { SERVICE_DESCRIPTORS } from "@/lib/inventory/services";
import { GLOBAL_REGION, lookupFailed } from "@/lib/controls/lookups";
import { muteFor, wasActiveAt, type Mute } from "./mute";
import type { Snapshot, SnapshotControl, SnapshotResult } from "./schema";

/**
 * What changed between two snapshots of one account, finding by finding (by stable finding id).
 * The one rule that matters: nothing is "fixed" unless it was judged again and passed, or it is
 * verifiably gone (the scan that should have listed it covered its Region and service and every
 * call it needed succeeded there). Anything else that stopped failing is "not re-checked".
 * The same rule the other way round: nothing is "new" unless the earlier scan judged it (passing or
 * not applicable) or could have listed it and did not. A finding failing now that the earlier scan
 * could not judge (an `error` row, or absent where a call failed, or outside what it scanned) is
 * "not checked before": it may be as old as the account.
 */

export const CHANGES = ["new", "notCheckedBefore", "changed", "notRechecked", "fixed", "stillFailing"] as const;
export type Change = (typeof CHANGES)[number];

export const CHANGE_LABELS: Record<Change, string> = {
  new: "New",
  notCheckedBefore: "Not checked before",
  changed: "Changed",
  notRechecked: "Not re-checked",
  fixed: "Fixed",
  stillFailing: "Still failing",
};

export interface ComparedSnapshot {
  id: string;
  finishedAt: string;
  regions: string[];
  score: number | null;
}

export interface ComparedFinding {
  /** The stable finding id (see finding-id.ts). */
  id: string;
  control: string;
  service: ServiceId;
  severity: Severity;
  resourceArn: string;
  name?: string;
  region: string;
  before: Status | null;
  after: Status | null;
  change: Change;
  /** For "fixed" by absence, "not re-checked" and "not checked before": why, in one sentence. */
  detail?: string;
  /** First and last snapshot time the finding was failing (fail or warn) in the account's history, when known. */
  firstSeen?: string;
  lastSeen?: string;
  /**
   * Set when the finding fails in the newer snapshot and a mute that covered it when the older one
   * was taken has since ended: "mute expired" (it lapsed by itself) or "mute lifted".
   */
  muteEnded?: { id: string; how: "expired" | "lifted"; at: string; reason: string; owner: string };
}

export interface Comparison {
  account: { id: string };
  from: ComparedSnapshot;
  to: ComparedSnapshot;
  /** True when both snapshots covered the same Regions, services and data; otherwise `scopeNotes` says how not. */
  comparable: boolean;
  scopeNotes: string[];
  counts: Record<Change, number>;
  /**
   * Results of `to` that could not be judged (`error`) and were not failing in `from`: listed under no
   * change (they are neither new nor fixed), counted here so a page can say they exist. Those that were
   * failing before are listed as "not re-checked" instead.
   */
  unjudged: number;
  services: { id: ServiceId; before: number | null; after: number | null }[];
  findings: ComparedFinding[];
}

/** Two snapshots of different accounts have no findings in common: comparing them would be meaningless. */
export class AccountMismatchError extends Error {
  constructor(
    readonly fromAccount: string,
    readonly toAccount: string,
  ) {
    super(`Cannot compare snapshots of different AWS accounts (${fromAccount} and ${toAccount}).`);
    this.name = "AccountMismatchError";
  }
}

export interface CompareOptions {
  /** How the notes name the two snapshots (default: "snapshot <id>"). */
  labels?: { from: string; to: string };
}

const FAILING: ReadonlySet<Status> = new Set(["fail", "warn"]);
const isFailing = (status: Status | undefined): boolean => status !== undefined && FAILING.has(status);

/**
 * IAM action prefixes (and ARN service fields) → the Safekeep service whose scan collects that data,
 * from the service descriptors. Other prefixes are read on behalf of several.
 */
const SERVICE_OF_PREFIX: ReadonlyMap<string, ServiceId> = new Map(
  SERVICE_DESCRIPTORS.flatMap((d) => d.iamPrefixes.map((prefix) => [prefix, d.id] as const)),
);

function serviceOfArn(arn: string): ServiceId | undefined {
  return SERVICE_OF_PREFIX.get(arn.split(":")[2] ?? "");
}

function serviceOfAction(action: string): ServiceId | undefined {
  return SERVICE_OF_PREFIX.get(action.slice(0, action.indexOf(":")));
}

interface Entry {
  control: SnapshotControl;
  result: SnapshotResult;
}

function byFinding(snapshot: Snapshot): Map<string, Entry[]> {
  const entries = new Map<string, Entry[]>();
  for (const control of snapshot.controls) {
    for (const result of control.results) {
      const group = entries.get(result.findingId);
      if (group) group.push({ control, result });
      else entries.set(result.findingId, [{ control, result }]);
    }
  }
  return entries;
}

/** Status ranks for pairing: failing rows first, so a failing row finds a failing partner when there is one. */
const PAIRING_ORDER: Status[] = ["fail", "warn", "error", "pass", "not-applicable"];

/**
 * The rows of the two snapshots matched by finding id. A control that gives several rows per
 * resource without a `field` repeats one id: rows of one id are then paired by equal status first
 * (and failing before passing), so a finding that still fails somewhere in the group is never paired
 * with a passing row and called fixed; only what is left over is paired in order. The 2nd, 3rd…
 * pair of a group gets `#2`, `#3`… after the id.
 */
function pairs(from: Snapshot, to: Snapshot): { key: string; old?: Entry; now?: Entry }[] {
  const before = byFinding(from);
  const after = byFinding(to);
  const matched: { key: string; old?: Entry; now?: Entry }[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const olds = [...(before.get(id) ?? [])];
    const nows = [...(after.get(id) ?? [])];
    const group: { old?: Entry; now?: Entry }[] = [];
    if (olds.length > 1 || nows.length > 1) {
      for (const status of PAIRING_ORDER) {
        for (let i = 0; i < olds.length; i++) {
          if (olds[i]!.result.status !== status) continue;
          const j = nows.findIndex((n) => n.result.status === status);
          if (j < 0) continue;
          group.push({ old: olds.splice(i--, 1)[0], now: nows.splice(j, 1)[0] });
        }
      }
    }
    const rank = (e: Entry) => PAIRING_ORDER.indexOf(e.result.status);
    olds.sort((a, b) => rank(a) - rank(b));
    nows.sort((a, b) => rank(a) - rank(b));
    for (let i = 0; i < Math.max(olds.length, nows.length); i++) group.push({ old: olds[i], now: nows[i] });
    group.forEach((p, n) => matched.push({ key: n === 0 ? id : `${id}#${n + 1}`, ...p }));
  }
  return matched;
}

function label(snapshot: Snapshot): string {
  return `snapshot ${snapshot.id}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

/**
 * Why a finding that failed in `from` and is absent from `to` cannot be proven gone, or undefined
 * when it can: `to` scanned its Region and every service its data comes from, ran its control, and
 * nothing the control reads failed there (no error row, no failed call, no skipped or rejected Region).
 */
function whyNotProvenGone(before: Entry, from: Snapshot, to: Snapshot): string | undefined {
  return whyNotListed(before, from, to, "again");
}

/**
 * Why `to` cannot be shown to lack a row that `from` has (see whyNotProvenGone). Also used the other
 * way round (`from` the newer scan, `to` the earlier one): why a row failing now cannot be shown to
 * have been absent before, so it is not called new. `again` words the missing Regions for the direction.
 */
function whyNotListed(before: Entry, from: Snapshot, to: Snapshot, again: "again" | "before"): string | undefined {
  const { control: fromControl, result } = before;
  const control = to.controls.find((c) => c.id === fromControl.id);
  if (!control) return `control ${fromControl.id} was not evaluated`;
  const evaluated = new Set(to.services.filter((s) => s.evaluated).map((s) => s.id));
  const services = new Set<ServiceId>([control.service]);
  const arnService = serviceOfArn(result.resourceArn);
  if (arnService) services.add(arnService);
  for (const action of control.requires) {
    const service = serviceOfAction(action);
    if (service) services.add(service);
  }
  const notScanned = [...services].filter((s) => !evaluated.has(s));
  if (notScanned.length > 0) return `${list(notScanned.map((s) => SERVICE_NAMES[s]))} not scanned`;

  const global = result.region === GLOBAL_REGION || !from.regions.includes(result.region);
  if (global) {
    // An account-wide result can have been found through any Region (a bucket named by a job in
    // one Region): only a scan of every Region the earlier one covered can show it is gone.
    const missing = from.regions.filter((r) => !to.regions.includes(r));
    if (missing.length > 0)
      return again === "again"
        ? `found through Regions that were not scanned again (${list(missing)})`
        : `found through Regions the earlier scan did not cover (${list(missing)})`;
  } else if (!to.regions.includes(result.region)) {
    return `Region ${result.region} not scanned`;
  }

  const here = (region: string) => global || region === result.region || region === GLOBAL_REGION;
  const errorRow = control.results.find((r) => r.status === "error" && here(r.region));
  if (errorRow) {
    const action = typeof errorRow.evidence.action === "string" ? ` (${errorRow.evidence.action})` : "";
    return `the control could not be evaluated in ${errorRow.region}${action}`;
  }
  if (control.incomplete && control.incomplete.regions.some(here)) return "the control was incomplete there";
  const lookupRegion = global ? undefined : result.region;
  const failedCall = to.coverage.errors.find(
    (e) =>
      (e.kind === "credentials-rejected" && here(e.region)) ||
      control.requires.some((action) => lookupFailed(e, { action, region: lookupRegion })),
  );
  if (failedCall) return `${failedCall.action} failed in ${failedCall.region} (${failedCall.kind})`;
  const skipped = to.coverage.skippedRegions.find((s) => here(s.region));
  if (skipped) return `Region ${skipped.region} was skipped (${skipped.reason})`;
  return undefined;
}

function where(region: string): string {
  return region === GLOBAL_REGION ? "the account" : region;
}

function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Differences of scope between the two scans, each as one sentence; empty when they covered the same. */
function scopeNotes(from: Snapshot, to: Snapshot, names: { from: string; to: string }): string[] {
  const notes: string[] = [];
  const missing = from.regions.filter((r) => !to.regions.includes(r));
  const added = to.regions.filter((r) => !from.regions.includes(r));
  if (missing.length > 0) {
    const kept = from.regions.length - missing.length;
    notes.push(
      `${capitalise(names.from)} covered ${from.regions.length} Regions, ${names.to} ${kept} of them: ${missing.length} not re-checked (${list(missing)}).`,
    );
  }
  if (added.length > 0) {
    notes.push(
      `${capitalise(names.to)} also covered ${list(added)}, which ${names.from} did not: failures there are not checked before, not new.`,
    );
  }
  const evaluated = (s: Snapshot) => s.services.filter((x) => x.evaluated).map((x) => x.id);
  const lostServices = evaluated(from).filter((id) => !evaluated(to).includes(id));
  const newServices = evaluated(to).filter((id) => !evaluated(from).includes(id));
  if (lostServices.length > 0) {
    notes.push(
      `${capitalise(names.to)} did not evaluate ${list(lostServices.map((id) => SERVICE_NAMES[id]))}: its findings are not re-checked.`,
    );
  }
  if (newServices.length > 0) {
    notes.push(
      `${capitalise(names.from)} did not evaluate ${list(newServices.map((id) => SERVICE_NAMES[id]))}: its failures are not checked before, not new.`,
    );
  }
  const gaps = (s: Snapshot) => {
    const byCall = new Map<string, string[]>();
    for (const e of s.coverage.errors) {
      const key = `${e.action} (${e.kind})`;
      byCall.set(key, [...(byCall.get(key) ?? []), e.region]);
    }
    for (const r of s.coverage.skippedRegions) {
      const key = `Region skipped${r.service ? ` for ${SERVICE_NAMES[r.service]}` : ""}`;
      byCall.set(key, [...(byCall.get(key) ?? []), r.region]);
    }
    return byCall;
  };
  const [fromGaps, toGaps] = [gaps(from), gaps(to)];
  const describe = (a: Map<string, string[]>, b: Map<string, string[]>) =>
    [...a]
      .map(([call, regions]) => [call, [...new Set(regions.filter((r) => !(b.get(call) ?? []).includes(r)))]] as const)
      .filter(([, regions]) => regions.length > 0)
      .map(([call, regions]) => `${call} in ${list([...regions].sort(), 4)}`);
  const toOnly = describe(toGaps, fromGaps);
  const fromOnly = describe(fromGaps, toGaps);
  if (toOnly.length > 0) {
    notes.push(
      `${capitalise(names.to)} could not read ${list(toOnly, 4)}: findings that depend on it are not re-checked.`,
    );
  }
  if (fromOnly.length > 0) {
    notes.push(
      `${capitalise(names.from)} could not read ${list(fromOnly, 4)}: failures that depend on it are not checked before, not new.`,
    );
  }
  return notes;
}

/**
 * Compares two snapshots of one account. Pure. Throws AccountMismatchError for two accounts.
 * Comparing a snapshot with itself gives only "still failing" findings.
 */
export function compareSnapshots(from: Snapshot, to: Snapshot, options: CompareOptions = {}): Comparison {
  if (from.account.id !== to.account.id) throw new AccountMismatchError(from.account.id, to.account.id);
  const names = options.labels ?? { from: label(from), to: label(to) };
  const findings: ComparedFinding[] = [];
  let unjudged = 0;

  const push = (key: string, entry: Entry, change: Change, b?: Status, a?: Status, detail?: string) => {
    findings.push({
      id: key,
      control: entry.control.id,
      service: entry.control.service,
      severity: entry.control.severity,
      resourceArn: entry.result.resourceArn,
      ...(entry.result.name !== undefined ? { name: entry.result.name } : {}),
      region: entry.result.region,
      before: b ?? null,
      after: a ?? null,
      change,
      ...(detail ? { detail } : {}),
    });
  };

  for (const { key, old, now } of pairs(from, to)) {
    const was = old?.result.status;
    const is = now?.result.status;
    if (old && isFailing(was)) {
      if (!now) {
        const why = whyNotProvenGone(old, from, to);
        if (why) push(key, old, "notRechecked", was, undefined, `Absent from ${names.to}, not proven gone: ${why}.`);
        else
          push(key, old, "fixed", was, undefined, `Gone: ${names.to} listed ${where(old.result.region)} completely.`);
      } else if (is === "error") {
        push(key, now, "notRechecked", was, is, `Could not be checked: ${now.result.reason}`);
      } else if (is === "pass" || is === "not-applicable") {
        push(key, now, "fixed", was, is);
      } else if (is === was && now.control.severity === old.control.severity) {
        push(key, now, "stillFailing", was, is);
      } else {
        push(key, now, "changed", was, is);
      }
    } else if (now && isFailing(is)) {
      // Failing now and not failing before: new only when the earlier scan judged it (pass or not
      // applicable) or could have listed it; a result it could not judge is no evidence of absence.
      if (old && was === "error") {
        push(key, now, "notCheckedBefore", was, is, `Could not be checked in ${names.from}: ${old.result.reason}`);
      } else if (!old) {
        const why = whyNotListed(now, to, from, "before");
        if (why)
          push(key, now, "notCheckedBefore", undefined, is, `Absent from ${names.from}, not proven new: ${why}.`);
        else push(key, now, "new", was, is);
      } else {
        push(key, now, "new", was, is);
      }
    } else if (now && is === "error") {
      unjudged += 1;
    }
  }

  findings.sort(
    (a, b) =>
      CHANGES.indexOf(a.change) - CHANGES.indexOf(b.change) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      a.control.localeCompare(b.control) ||
      a.resourceArn.localeCompare(b.resourceArn) ||
      a.id.localeCompare(b.id),
  );
  const counts = Object.fromEntries(CHANGES.map((c) => [c, findings.filter((f) => f.change === c).length])) as Record<
    Change,
    number
  >;
  const notes = scopeNotes(from, to, names);
  const summary = (s: Snapshot): ComparedSnapshot => ({
    id: s.id,
    finishedAt: s.finishedAt,
    regions: s.regions,
    score: s.score,
  });
  return {
    account: { id: to.account.id },
    from: summary(from),
    to: summary(to),
    comparable: notes.length === 0,
    scopeNotes: notes,
    counts,
    unjudged,
    services: to.services.map((s) => ({
      id: s.id,
      before: from.services.find((f) => f.id === s.id)?.score ?? null,
      after: s.score,
    })),
    findings,
  };
}

/** Adds first/last-seen times to the findings of a comparison. */
export function withFirstSeen(
  comparison: Comparison,
  seen: ReadonlyMap<string, { firstSeen: string; lastSeen: string }>,
): Comparison {
  return {
    ...comparison,
    findings: comparison.findings.map((f) => {
      const times = seen.get(f.id.split("#")[0]!);
      return times ? { ...f, firstSeen: times.firstSeen, lastSeen: times.lastSeen } : f;
    }),
  };
}

/**
 * Flags the findings whose mute ended between the two snapshots (see `muteEnded`): failing or warning
 * in the newer snapshot, covered by a mute in force when the older one finished, and that mute ended
 * (expired or was lifted) by the time the newer one finished.
 */
export function withMuteEnds(comparison: Comparison, newer: Snapshot, mutes: readonly Mute[]): Comparison {
  if (mutes.length === 0) return comparison;
  const older = new Date(
    comparison.from.finishedAt < comparison.to.finishedAt ? comparison.from.finishedAt : comparison.to.finishedAt,
  );
  const later = new Date(newer.finishedAt);
  const ended = mutes.filter((m) => wasActiveAt(m, older) && !wasActiveAt(m, later));
  if (ended.length === 0) return comparison;
  const results = new Map<string, { control: SnapshotControl; result: SnapshotResult }>();
  for (const control of newer.controls)
    for (const result of control.results) results.set(result.findingId, { control, result });
  return {
    ...comparison,
    findings: comparison.findings.map((f) => {
      const found = results.get(f.id.split("#")[0]!);
      if (!found || (f.after !== "fail" && f.after !== "warn")) return f;
      const mute = muteFor(
        { ...found.result, accountId: newer.account.id, controlId: found.control.id, tags: found.result.tags ?? [] },
        ended,
      );
      if (!mute) return f;
      const how = mute.liftedAt !== undefined && mute.liftedAt < mute.expiresAt ? "lifted" : "expired";
      return {
        ...f,
        muteEnded: {
          id: mute.id,
          how,
          at: how === "lifted" ? mute.liftedAt! : mute.expiresAt,
          reason: mute.reason,
          owner: mute.owner,
        },
      };
    }),
  };
}
