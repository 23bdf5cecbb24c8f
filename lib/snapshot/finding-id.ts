import { createHash } from "node:crypto";

/**
 * A finding's stable id: the same (account, control, resource, field) gives the same id in every
 * snapshot and export, so history can follow one finding across scans. It is computed from the
 * stored (already masked) resource ARN, so it can be recomputed from any snapshot and reveals
 * nothing the snapshot does not already show.
 */
export function findingId(accountId: string, controlId: string, resourceArn: string, field?: string): string {
  return createHash("sha256")
    .update([accountId, controlId, resourceArn, field ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
