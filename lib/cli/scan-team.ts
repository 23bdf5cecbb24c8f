/**
 * `npm run scan` in team mode: --org and --accounts queue an organization scan for the workers;
 * --wait follows it to its end, one line per account as its progress changes; --status and --cancel
 * act on a queued scan by id. Exit codes as for the embedded scan: 0 the scan ended (failed accounts
 * listed), 1 it could not start or its state was lost, 2 bad arguments.
 */
import { ScanQueue, type AccountStatus, type OrganizationScanStatus } from "@/lib/queue/scan-queue";
import { describeRedisUrl, type TeamSettings } from "@/lib/queue/settings";
import type { AccountOutcome } from "@/lib/scan/accounts";
import type { ScanArgs } from "./args";

type Io = { out: (m: string) => void; err: (m: string) => void };

export const POLL_MS = 1_000;
/** How long --wait keeps asking a queue that does not answer before it gives up. */
export const QUEUE_PATIENCE_MS = 60_000;

/** An ended account's line, in the embedded mode's shape (formatAccountOutcomes). */
export function asOutcome(account: AccountStatus): AccountOutcome {
  const status = account.progress === "done" ? "scanned" : account.progress === "skipped" ? "skipped" : "failed";
  return {
    accountId: account.accountId,
    ...(account.name ? { name: account.name } : {}),
    ...(account.ou ? { ou: account.ou } : {}),
    status,
    ...(account.reason ? { reason: account.reason } : {}),
    ...(account.snapshotId ? { snapshotId: account.snapshotId, score: account.score ?? null } : {}),
  };
}

export function formatProgress(status: OrganizationScanStatus): string {
  const count = (p: AccountStatus["progress"]) => status.accounts.filter((a) => a.progress === p).length;
  return (
    `${status.orgScanId}: ${status.state}${status.cancelled ? " (cancelled)" : ""} — ` +
    `${count("done")} done, ${count("running")} running, ${count("queued")} queued, ` +
    `${count("failed")} failed, ${count("skipped")} skipped`
  );
}

const LOST =
  "is no longer in the queue: Redis lost it (restarted without persistence) or it expired; " +
  "the accounts stored before that are listed by npm run snapshots";

export async function scanThroughQueue(
  args: ScanArgs,
  settings: TeamSettings,
  io: Io,
  format: (outcomes: AccountOutcome[]) => string,
  sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<number> {
  const queue = new ScanQueue(settings.redisUrl);
  const where = describeRedisUrl(settings.redisUrl);
  try {
    if (args.status || args.cancel) {
      const id = (args.status ?? args.cancel)!;
      if (args.cancel) {
        if (!(await queue.cancel(id))) return unknown(io, id);
        io.out(`Organization scan ${id}: cancel requested; accounts already stored stay.`);
        return 0;
      }
      const status = await queue.status(id);
      if (!status) return unknown(io, id);
      io.out(formatProgress(status));
      if (status.accounts.length > 0) io.out(format(status.accounts.map(asOutcome)));
      return 0;
    }
    if (args.externalId !== undefined) {
      io.err("safekeep scan: in team mode the workers hold the external id: set SAFEKEEP_EXTERNAL_ID on them");
      return 2;
    }
    const id = await queue.enqueue({
      selection: args.org ? { org: true } : { accounts: args.accounts ?? [] },
      request: { regions: args.regions, services: args.services, pacing: "on" },
      role: { roleName: args.roleName, roleSessionName: args.roleSessionName },
    });
    io.err(`Organization scan ${id} queued on ${where}.`);
    if (!args.wait) {
      io.out(id);
      return 0;
    }
    const seen = new Map<string, AccountStatus["progress"]>();
    let silentSince: number | undefined;
    for (;;) {
      let status;
      try {
        status = await queue.status(id);
        silentSince = undefined;
      } catch (error) {
        // A restart or a network blip: the workers carry on meanwhile, so keep asking for a while.
        if (silentSince === undefined) io.err(`  the queue at ${where} is not answering; asking again…`);
        silentSince ??= Date.now();
        if (Date.now() - silentSince > QUEUE_PATIENCE_MS) throw error;
        await sleep(POLL_MS);
        continue;
      }
      if (!status) {
        io.err(`safekeep scan: organization scan ${id} ${LOST}`);
        return 1;
      }
      for (const account of status.accounts) {
        if (seen.get(account.accountId) === account.progress) continue;
        seen.set(account.accountId, account.progress);
        io.err(`  ${account.progress.padEnd(7)} ${account.accountId}${account.name ? ` ${account.name}` : ""}`);
      }
      if (status.state === "failed") {
        io.err(`safekeep scan: cannot start: ${status.reason ?? "the organization scan failed"}`);
        return 1;
      }
      if (status.state === "finished") {
        const outcomes = status.accounts.map(asOutcome);
        io.out(format(outcomes));
        if (status.cancelled) io.out("The scan was cancelled: accounts not yet stored are listed as failed.");
        return outcomes.some((o) => o.status === "scanned") ? 0 : 1;
      }
      await sleep(POLL_MS);
    }
  } catch (error) {
    // Only the queue's own failures end up here; the message names the server, never the password.
    io.err(`safekeep scan: cannot start: the queue at ${where} is not answering (${(error as Error).message})`);
    return 1;
  } finally {
    await queue.close().catch(() => undefined);
  }
}

function unknown(io: Io, id: string): number {
  io.err(`safekeep scan: no organization scan ${id} in the queue (unknown, or it expired)`);
  return 1;
}
