/**
 * `npm run scan`: collect → evaluate → score → store, then a summary and, with --out, a file.
 * Exit 0: the scan finished (findings or not); 1: it could not start; 2: bad arguments.
 * With --org or --accounts: the same for each account, one line per account, exit 0 once the run
 * has finished (failed accounts are listed), 1 when no account could be scanned.
 */
import { writeFile } from "node:fs/promises";
import { demoInventory } from "@/lib/demo/inventory";
import { demoInventoryAt } from "@/lib/demo/stamp";
import { env } from "@/lib/env";
import type { Inventory } from "@/lib/inventory";
import { exportSnapshot } from "@/lib/report/export";
import { runScanPipeline } from "@/lib/scan/pipeline";
import type { Snapshot } from "@/lib/snapshot/schema";
import { installationKey } from "@/lib/snapshot/installation-key";
import { CannotStartError } from "@/lib/scan/errors";
import type { AccountOutcome, AccountTarget } from "@/lib/scan/accounts";
import type { ScanProgress } from "@/lib/scan/scan-aws";
import { newSnapshotId, openSnapshotStore } from "@/lib/snapshot/store";
import { scanNotifier, storeThenNotify } from "@/lib/notify/server";
import { ArgumentError, parseScanArgs, USAGE, type ScanArgs } from "./args";
import { formatSummary } from "./summary";
import { runWhenStarted } from "./run-command";

export const EXIT = { ok: 0, cannotStart: 1, badArguments: 2 } as const;

/** One line per finished step on stderr, so stdout keeps only the summary (and pipes stay clean). */
export function progressPrinter(write: (line: string) => void) {
  let started = 0;
  let finished = 0;
  return (event: ScanProgress) => {
    if (event.state === "started") started += 1;
    else {
      finished += 1;
      write(`  ✓ ${event.step}${event.region ? ` ${event.region}` : ""} (${finished}/${started})`);
    }
  };
}

async function collect(args: ScanArgs, progress: (line: string) => void, now = new Date()): Promise<Inventory> {
  if (args.demo) {
    // Stored now, so it carries the time it was stored (still marked demo), not the demo's fixed scan time.
    const services = demoInventory.services.filter((s) => args.services.includes(s));
    return demoInventoryAt({ ...demoInventory, services }, now);
  }
  const { scanAws } = await import("@/lib/scan/scan-aws");
  progress("Scanning…");
  return scanAws({ regions: args.regions, services: args.services, onProgress: progressPrinter(progress) });
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseScanArgs(argv);
  } catch (error) {
    if (error instanceof ArgumentError) {
      io.err(`safekeep scan: ${error.message}\n\n${USAGE}`);
      return EXIT.badArguments;
    }
    throw error;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (args.org || args.accounts || args.status || args.cancel) {
    const { teamSettings } = await import("@/lib/queue/settings");
    let settings;
    try {
      settings = teamSettings();
    } catch (error) {
      io.err(`safekeep scan: ${(error as Error).message}`);
      return EXIT.badArguments;
    }
    if (settings) {
      const { scanThroughQueue } = await import("./scan-team");
      return scanThroughQueue(args, settings, io, formatAccountOutcomes);
    }
    if (args.wait || args.status || args.cancel) {
      io.err(
        "safekeep scan: --wait, --status and --cancel need team mode (SAFEKEEP_REDIS_URL and SAFEKEEP_DATABASE_URL)",
      );
      return EXIT.badArguments;
    }
    return scanSeveral(args, io);
  }
  const { dataDir } = env();
  let snapshot: Snapshot;
  try {
    ({ snapshot } = await runScanPipeline(() => collect(args, io.err), {
      id: newSnapshotId(new Date()),
      now: () => new Date(),
      hashKey: installationKey(dataDir),
      store: storeThenNotify(openSnapshotStore(dataDir)),
    }));
  } catch (error) {
    if (error instanceof CannotStartError) {
      io.err(`safekeep scan: cannot start: ${(error as Error).message}`);
      return EXIT.cannotStart;
    }
    throw error;
  }
  io.out(formatSummary(snapshot));
  if (args.out) {
    const file = await exportSnapshot(snapshot, { format: args.format, scope: "snapshot" });
    await writeFile(args.out, file.body);
    io.out(`Wrote ${args.format.toUpperCase()} to ${args.out}`);
  }
  // The process ends when main returns: let notifications under way finish (they cannot change the exit code).
  await scanNotifier().settled();
  return EXIT.ok;
}

/** `111122223333 prod [ou-ab12-11111111]`: what a person recognises an account by. */
function accountLabel(account: AccountTarget): string {
  return [account.accountId, account.name, account.ou ? `[${account.ou}]` : undefined].filter(Boolean).join(" ");
}

/** One line per account (scanned with its score and snapshot, failed or skipped with the reason), then the counts. */
export function formatAccountOutcomes(outcomes: readonly AccountOutcome[]): string {
  const width = Math.max(12, ...outcomes.map((o) => accountLabel(o).length));
  const lines = outcomes.map((o) => {
    const label = accountLabel(o).padEnd(width);
    if (o.status === "scanned") {
      const score = o.score === null || o.score === undefined ? "no score" : `${o.score}/100`;
      return `${label}  scanned  ${score.padEnd(8)}  snapshot ${o.snapshotId}`;
    }
    return `${label}  ${o.status.padEnd(7)}  ${o.reason ?? ""}`.trimEnd();
  });
  const count = (status: AccountOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  lines.push("");
  lines.push(
    `Accounts: ${count("scanned")} scanned, ${count("failed")} failed, ${count("skipped")} skipped (${outcomes.length} in all)`,
  );
  return lines.join("\n");
}

/** --org / --accounts: who the caller is, which accounts, then each account's scan. */
async function scanSeveral(args: ScanArgs, io: { out: (m: string) => void; err: (m: string) => void }) {
  const { callerIdentity, resolveAccounts, scanAccounts } = await import("@/lib/scan/accounts");
  let caller;
  let resolved;
  try {
    caller = await callerIdentity(Array.isArray(args.regions) ? args.regions[0] : undefined);
    resolved = await resolveAccounts(args.org ? { org: true } : { accounts: args.accounts ?? [] }, caller);
  } catch (error) {
    if (error instanceof CannotStartError) {
      io.err(`safekeep scan: cannot start: ${error.message}`);
      return EXIT.cannotStart;
    }
    throw error;
  }
  const source = resolved.organizationId
    ? `Organization ${resolved.organizationId}`
    : args.org
      ? "Organization"
      : "Accounts";
  io.err(
    `${source}: ${resolved.toScan.length} to scan, ${resolved.skipped.length} skipped (caller ${caller.accountId})`,
  );
  for (const warning of resolved.warnings) io.err(`  note: ${warning}`);
  const { dataDir } = env();
  const outcomes = await scanAccounts(resolved.toScan, {
    caller,
    role: { roleName: args.roleName, externalId: args.externalId, roleSessionName: args.roleSessionName },
    scan: { regions: args.regions, services: args.services },
    store: storeThenNotify(openSnapshotStore(dataDir)),
    hashKey: installationKey(dataDir),
    onStart: (account) => io.err(`  … ${accountLabel(account)}`),
    onOutcome: (o) => io.err(`  ${o.status === "scanned" ? "✓" : "✗"} ${accountLabel(o)} ${o.status}`),
  });
  io.out(formatAccountOutcomes([...outcomes, ...resolved.skipped]));
  await scanNotifier().settled();
  if (outcomes.some((o) => o.status === "scanned")) return EXIT.ok;
  io.err(
    `safekeep scan: cannot start: ${resolved.toScan.length === 0 ? "no account to scan" : "no account could be scanned"}`,
  );
  return EXIT.cannotStart;
}

// Run only when executed directly (tests import `main`).
runWhenStarted("scan", main);
