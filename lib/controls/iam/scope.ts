/**
 * Helpers shared by the IAM/STS controls and the account-level (xc.*) controls that read IAM data:
 * which credential report rows are in scope, how old a date is against the injected clock, the
 * pseudo-ARNs of account-wide resources, and how to name a user without exposing personal data.
 */
import type { AccessKeyUsage, CredentialReportRow, IamInventory, Inventory } from "@/lib/inventory";
import { ROOT_ACCOUNT_USER } from "@/lib/inventory";

/** IAM is global: its results carry this region, like its collection errors. */
export const GLOBAL_REGION = "global";

const DAY_MS = 86_400_000;

/** Both IAM actions behind the credential report: reading it and (when missing or stale) generating it. */
export const CREDENTIAL_REPORT_ACTIONS = ["iam:GetCredentialReport", "iam:GenerateCredentialReport"];

export function iamOf(inventory: Inventory): IamInventory | undefined {
  return inventory.iam;
}

/** Whole days (fractional) from an ISO time to `now`; undefined when there is no usable time. */
export function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : (now.getTime() - time) / DAY_MS;
}

/** For reasons: "12 days", "1 day", "0 days" (whole days elapsed). */
export function formatDays(days: number): string {
  const whole = Math.max(0, Math.floor(days));
  return `${whole} day${whole === 1 ? "" : "s"}`;
}

/** For reasons: the calendar date of an ISO time (2026-05-20). */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/** The IAM users' rows of the credential report, without the root user's. */
export function userRows(inventory: Inventory): CredentialReportRow[] {
  return inventory.iam?.credentialReport?.rows.filter((row) => row.user !== ROOT_ACCOUNT_USER) ?? [];
}

export function rootRow(inventory: Inventory): CredentialReportRow | undefined {
  return inventory.iam?.credentialReport?.rows.find((row) => row.user === ROOT_ACCOUNT_USER);
}

export function rootArn(inventory: Inventory): string {
  return `arn:${inventory.account.partition}:iam::${inventory.account.id}:root`;
}

/** Account-wide IAM settings have no ARN of their own; this names them in the same shape. */
export function accountResourceArn(inventory: Inventory, resource: string): string {
  return `arn:${inventory.account.partition}:iam::${inventory.account.id}:${resource}`;
}

export interface NumberedKey {
  /** 1 or 2, as the report numbers them. */
  slot: 1 | 2;
  usage: AccessKeyUsage;
}

export function activeKeys(row: CredentialReportRow): NumberedKey[] {
  return row.accessKeys.flatMap((usage, index) => (usage.active ? [{ slot: (index + 1) as 1 | 2, usage }] : []));
}

/**
 * Access keys have no ARN and the report does not give their ids; slot 1 or 2 of a user names one.
 * IAM names cannot contain ":", so the suffix cannot clash with a user path.
 */
export function accessKeyArn(userArn: string, slot: 1 | 2): string {
  return `${userArn}:access-key-${slot}`;
}

const MASK = "•••";
const EMAIL = /^([^@\s]+)@([^@\s]+\.[^@\s]+)$/;
/** Long digit runs: phone, account or card numbers. */
const DIGIT_RUN = /\d{6,}/g;

/**
 * A user name as it may appear in a reason. IAM user names are often e-mail addresses of real
 * people, and may hold phone or account numbers: those parts are masked (first character of an
 * e-mail's local part and its domain stay, so admins can still tell users apart); job-function
 * names such as "ci-deploy" are shown as they are.
 */
export function displayUserName(name: string): string {
  const email = EMAIL.exec(name);
  const masked = email ? `${[...(email[1] ?? "")][0] ?? ""}${MASK}@${email[2]}` : name;
  return masked.replace(DIGIT_RUN, (digits) => `${MASK}${digits.slice(-2)}`);
}

/** The credential report's own time, for evidence: findings may predate changes made since. */
export function reportGeneratedTime(inventory: Inventory): string | null {
  return inventory.iam?.credentialReport?.generatedTime ?? null;
}
