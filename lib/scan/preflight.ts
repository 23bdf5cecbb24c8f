/**
 * The scan page's check of what the server can scan with (lib/aws/preflight.ts), in the page's words
 * and kept briefly per process: a page load or two must not each ask AWS. A good answer is kept a
 * minute; a problem only a few seconds, so that someone who has just fixed it sees so on reload.
 */
import type { AccessCheck } from "@/lib/aws/preflight";
import { KNOWN_REGIONS } from "./known-regions";
import { startProblem, type StartProblem } from "./start-problems";

export interface ServerAccess {
  credentials: AccessCheck["credentials"];
  account?: AccessCheck["account"];
  defaultRegion?: string;
  /** The account's enabled Regions, when they could be listed. */
  enabledRegions?: string[];
  /** What stops a scan, in words for the page, with its fix. */
  problem?: StartProblem;
  /** Why the enabled Regions are not listed; the page then offers the known Regions instead. */
  regionsProblem?: StartProblem;
  /** The Regions the page offers: the enabled ones, or else the partition's known Regions. */
  offeredRegions: string[];
  offeredFrom: "enabled" | "known";
  checkedAt: string;
}

export const GOOD_FOR_MS = 60_000;
export const PROBLEM_FOR_MS = 10_000;
export const CHECK_TIMEOUT_MS = 5_000;

type Check = (timeoutMs: number) => Promise<AccessCheck>;

/** The check in the page's words. */
export function serverAccessOf(check: AccessCheck, now: Date): ServerAccess {
  const partition = check.account?.partition ?? "aws";
  const known = KNOWN_REGIONS[partition] ?? KNOWN_REGIONS.aws!;
  return {
    credentials: check.credentials,
    ...(check.account ? { account: check.account } : {}),
    ...(check.defaultRegion ? { defaultRegion: check.defaultRegion } : {}),
    ...(check.enabledRegions ? { enabledRegions: check.enabledRegions } : {}),
    ...(check.problem ? { problem: startProblem(check.problem.code, check.problem.detail) } : {}),
    ...(check.regionsProblem
      ? { regionsProblem: startProblem(check.regionsProblem.code, check.regionsProblem.detail) }
      : {}),
    offeredRegions: check.enabledRegions ?? known.map((r) => r.code),
    offeredFrom: check.enabledRegions ? "enabled" : "known",
    checkedAt: now.toISOString(),
  };
}

/** A per-process cache of the check; `fresh` skips it. Concurrent callers share one check in flight. */
export function createServerAccessCache(check: Check, now: () => Date = () => new Date()) {
  let kept: { access: ServerAccess; until: number } | undefined;
  let inFlight: Promise<ServerAccess> | undefined;
  return async function serverAccess(fresh = false): Promise<ServerAccess> {
    const at = now();
    if (!fresh && kept && at.getTime() < kept.until) return kept.access;
    inFlight ??= check(CHECK_TIMEOUT_MS)
      .then((result) => {
        const access = serverAccessOf(result, at);
        const keepFor = access.problem || access.regionsProblem ? PROBLEM_FOR_MS : GOOD_FOR_MS;
        kept = { access, until: at.getTime() + keepFor };
        return access;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

const KEY = Symbol.for("safekeep.serverAccess");

/** The server's one cache (on globalThis: Next may load route modules and pages more than once). */
export function serverAccess(fresh = false): Promise<ServerAccess> {
  const holder = globalThis as unknown as Record<symbol, ((fresh?: boolean) => Promise<ServerAccess>) | undefined>;
  holder[KEY] ??= createServerAccessCache(async (timeoutMs) => {
    const { checkAwsAccess } = await import("@/lib/aws/preflight");
    return checkAwsAccess(timeoutMs);
  });
  return holder[KEY](fresh);
}
