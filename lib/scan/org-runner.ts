/**
 * Scans of several accounts started from the dashboard in the embedded mode: the in-process queue.
 * One such scan runs at a time in the server (accounts two at a time, lib/scan/accounts.ts); its
 * progress per account is kept in memory for the page that follows it, in the shape team mode's
 * queue reports (./org-status.ts). Cancelling lets running accounts finish and starts no other.
 */
import { EventEmitter } from "node:events";
import { log } from "@/lib/log";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { DEFAULT_ROLE_NAME } from "@/lib/aws/sts/role-names";
import { callerIdentity, resolveAccounts, scanAccounts } from "./accounts";
import { CannotStartError } from "./errors";
import {
  statusOfOutcome,
  type AccountStatus,
  type OrganizationScanRequest,
  type OrganizationScanStatus,
} from "./org-status";

export class OrganizationScanBusyError extends Error {
  override name = "OrganizationScanBusyError";
  constructor(readonly runningId: string) {
    super("An organization scan is already running; wait for it to finish or cancel it.");
  }
}

export interface OrganizationRunnerDeps {
  store: Pick<SnapshotStore, "put">;
  hashKey: () => Uint8Array;
  now?: () => Date;
  /** `scanAccounts` and the account listing, replaced in tests. */
  scanAccounts?: typeof scanAccounts;
  resolveAccounts?: typeof resolveAccounts;
  callerIdentity?: typeof callerIdentity;
}

export class OrganizationScanRunner {
  private readonly scans = new Map<string, OrganizationScanStatus>();
  private running: string | undefined;
  private readonly stopped = new Set<string>();
  private readonly events = new EventEmitter();

  constructor(private readonly deps: OrganizationRunnerDeps) {
    this.events.setMaxListeners(100);
  }

  status(id: string): OrganizationScanStatus | undefined {
    const status = this.scans.get(id);
    return status ? structuredClone(status) : undefined;
  }

  subscribe(listener: (status: OrganizationScanStatus) => void): () => void {
    this.events.on("change", listener);
    return () => this.events.off("change", listener);
  }

  cancel(id: string): boolean {
    const status = this.scans.get(id);
    if (!status) return false;
    if (status.state !== "finished" && status.state !== "failed") {
      this.stopped.add(id);
      status.cancelled = true;
      this.emit(status);
    }
    return true;
  }

  /** Starts the scan unless one runs; resolves with its id at once. */
  start(request: OrganizationScanRequest, id: string): string {
    if (this.running) throw new OrganizationScanBusyError(this.running);
    const now = this.deps.now ?? (() => new Date());
    const status: OrganizationScanStatus = {
      orgScanId: id,
      state: "listing",
      requestedAt: now().toISOString(),
      cancelled: false,
      accounts: [],
      warnings: [],
    };
    this.scans.set(id, status);
    this.running = id;
    void this.run(status, request).finally(() => {
      this.running = undefined;
      this.emit(status);
    });
    return id;
  }

  private emit(status: OrganizationScanStatus) {
    this.events.emit("change", structuredClone(status));
  }

  private async run(status: OrganizationScanStatus, request: OrganizationScanRequest) {
    const identify = this.deps.callerIdentity ?? callerIdentity;
    const resolve = this.deps.resolveAccounts ?? resolveAccounts;
    const scan = this.deps.scanAccounts ?? scanAccounts;
    try {
      const caller = await identify(Array.isArray(request.regions) ? request.regions[0] : undefined);
      const resolved = await resolve(request.selection, caller);
      status.organizationId = resolved.organizationId;
      status.warnings = resolved.warnings;
      status.accounts = [
        ...resolved.toScan.map((t): AccountStatus => ({ ...t, progress: "queued" })),
        ...resolved.skipped.map(statusOfOutcome),
      ];
      status.state = "running";
      this.emit(status);
      const set = (accountId: string, next: AccountStatus) => {
        status.accounts = status.accounts.map((a) => (a.accountId === accountId ? next : a));
        this.emit(status);
      };
      await scan(resolved.toScan, {
        caller,
        // The dashboard scans through the default member role; an external id is a CLI setting.
        role: { roleName: DEFAULT_ROLE_NAME },
        scan: { regions: request.regions, services: request.services },
        store: this.deps.store,
        hashKey: this.deps.hashKey(),
        now: this.deps.now,
        shouldStop: () => this.stopped.has(status.orgScanId),
        onStart: (target) => set(target.accountId, { ...target, progress: "running" }),
        onOutcome: (outcome) => set(outcome.accountId, statusOfOutcome(outcome)),
      });
      status.state = "finished";
    } catch (error) {
      status.state = "failed";
      status.reason =
        error instanceof CannotStartError
          ? `The scan could not start: ${error.message}.`
          : "The scan failed unexpectedly; stored snapshots are unchanged.";
      if (!(error instanceof CannotStartError)) log.error("org-scan.failed", { orgScanId: status.orgScanId, error });
    }
  }
}
