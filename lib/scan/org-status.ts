/**
 * The progress of a scan of several accounts, the same whichever mode runs it (the embedded
 * in-process runner or team mode's queue), so the dashboard and the CLI show one thing.
 */
import type { ServiceId } from "@/lib/inventory";

export type AccountProgress = "queued" | "running" | "done" | "failed" | "skipped";

export interface AccountStatus {
  accountId: string;
  name?: string;
  ou?: string;
  progress: AccountProgress;
  snapshotId?: string;
  score?: number | null;
  /** Why the account failed or was skipped; safe to show. */
  reason?: string;
}

export interface OrganizationScanStatus {
  orgScanId: string;
  /** queued: nothing took it yet; listing: accounts are being listed; running; finished; failed. */
  state: "queued" | "listing" | "running" | "finished" | "failed";
  requestedAt: string;
  organizationId?: string;
  cancelled: boolean;
  accounts: AccountStatus[];
  /** Why the whole scan failed (the organization could not be listed); safe to show. */
  reason?: string;
  warnings: string[];
}

export interface OrganizationScanRequest {
  selection: { org: true } | { accounts: string[] };
  regions?: "all" | string[];
  services: ServiceId[];
}

/** An ended account's outcome as its status line (both modes report outcomes in this shape). */
export function statusOfOutcome({
  status,
  ...rest
}: Omit<AccountStatus, "progress"> & { status: "scanned" | "failed" | "skipped" }): AccountStatus {
  return { ...rest, progress: status === "scanned" ? "done" : status };
}
