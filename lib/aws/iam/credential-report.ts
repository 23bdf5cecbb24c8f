/**
 * The IAM credential report (xc.iam-user-console-mfa): fetched with the
 * get → generate → poll cycle, then parsed from CSV into Safekeep's rows.
 *
 * IAM regenerates a report at most every 4 hours, so a recent one is reused instead of asking for a
 * new one; generation takes seconds, so the poll waits between attempts with an injectable `sleep`.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import {
  ERROR_KINDS,
  type AccessKeyUsage,
  type CollectionError,
  type CredentialReport,
  type CredentialReportRow,
} from "@/lib/inventory";
import { errorName } from "../errors";
import { createRegionCalls, type RegionCalls } from "../harness";
import { sanitizeMessage } from "@/lib/detectors/sanitize";

/** A report younger than this is reused: IAM would not generate a newer one anyway. */
export const CREDENTIAL_REPORT_MAX_AGE_MS = 4 * 60 * 60 * 1000;
/** GetCredentialReport attempts after GenerateCredentialReport before giving up. */
export const CREDENTIAL_REPORT_POLL_ATTEMPTS = 8;
/** 2 s back-off, growing by 2 s per attempt up to 10 s (≈ 50 s in all; docs/controls.md#call-budget). */
export const CREDENTIAL_REPORT_POLL_STEP_MS = 2_000;
export const CREDENTIAL_REPORT_POLL_MAX_DELAY_MS = 10_000;

/** Error names after which a new report has to be generated. */
const MUST_GENERATE = new Set(["CredentialReportNotPresentException", "CredentialReportExpiredException"]);
const NOT_READY = "CredentialReportNotReadyException";

/** Values the report uses for "no date": never used, not tracked, or not applicable to the root user. */
const NO_VALUE = new Set(["n/a", "no_information", "not_supported", ""]);

export type Sleep = (ms: number) => Promise<void>;

export const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CredentialReportOptions {
  now: Date;
  sleep?: Sleep;
  /** The IAM collector's call queue; by default one of its own. */
  calls?: RegionCalls;
}

export type CredentialReportOutcome = { report: CredentialReport; error?: undefined } | { error: CollectionError };

export function pollDelayMs(attempt: number): number {
  return Math.min(CREDENTIAL_REPORT_POLL_STEP_MS * attempt, CREDENTIAL_REPORT_POLL_MAX_DELAY_MS);
}

/** IAM is global: its calls share one queue and report their errors under region "global". */
export function iamCalls(): RegionCalls {
  return createRegionCalls({ service: "iam", region: "global", prefix: "iam" });
}

function unreadable(message: string, kind: CollectionError["kind"] = ERROR_KINDS.other): CollectionError {
  return {
    service: "iam",
    region: "global",
    action: "iam:GetCredentialReport",
    kind,
    message: sanitizeMessage(message),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV parsing (pure)
// ---------------------------------------------------------------------------------------------

/** "true"/"TRUE" → true; anything else (false, not_supported, N/A) → false. */
export function parseReportBoolean(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === "true";
}

/** ISO date of a report date column; undefined for N/A, no_information, not_supported or garbage. */
export function parseReportDate(value: string | undefined): string | undefined {
  const text = value?.trim() ?? "";
  if (NO_VALUE.has(text.toLowerCase())) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Puts a row whose user name contained commas back together. IAM allows `,` in user names and
 * the report does not quote them, so both `user` and `arn` (which ends with the name) spill into
 * extra fields. Every column after `arn` is intact, so they are counted from the end; the ARN is
 * the run of fields from the first one starting with "arn:", and the name is what follows its last
 * "/". Returns undefined when the row cannot be repaired.
 */
export function repairRow(fields: readonly string[], header: readonly string[]): string[] | undefined {
  if (header[0] !== "user" || header[1] !== "arn" || fields.length <= header.length) return undefined;
  const tailLength = header.length - 2;
  const head = fields.slice(0, fields.length - tailLength);
  const arnStart = head.findIndex((field, index) => index > 0 && field.startsWith("arn:"));
  if (arnStart < 0) return undefined;
  const arn = head.slice(arnStart).join(",");
  const user = arn.slice(arn.lastIndexOf("/") + 1);
  if (!user) return undefined;
  return [user, arn, ...fields.slice(fields.length - tailLength)];
}

function accessKey(record: Record<string, string>, n: 1 | 2): AccessKeyUsage {
  return {
    active: parseReportBoolean(record[`access_key_${n}_active`]),
    lastRotated: parseReportDate(record[`access_key_${n}_last_rotated`]),
    lastUsed: parseReportDate(record[`access_key_${n}_last_used_date`]),
  };
}

export function toCredentialReportRow(record: Record<string, string>): CredentialReportRow {
  return {
    user: record.user ?? "",
    arn: record.arn ?? "",
    userCreationTime: parseReportDate(record.user_creation_time),
    passwordEnabled: parseReportBoolean(record.password_enabled),
    passwordLastUsed: parseReportDate(record.password_last_used),
    mfaActive: parseReportBoolean(record.mfa_active),
    accessKeys: [accessKey(record, 1), accessKey(record, 2)],
  };
}

/**
 * Parses the report's CSV, columns by header name. Rows with the wrong number of fields are
 * repaired when a comma in a user name explains it, and dropped otherwise (a row we cannot align
 * would put dates in the wrong columns). Throws when the text is not a credential report at all.
 */
export function parseCredentialReportCsv(text: string): CredentialReportRow[] {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const [header, ...rows] = records;
  if (!header?.includes("user") || !header.includes("arn")) {
    throw new Error("the credential report has no user/arn header");
  }
  return rows.flatMap((fields) => {
    const aligned = fields.length === header.length ? fields : repairRow(fields, header);
    if (!aligned) return [];
    const record = Object.fromEntries(header.map((column, index) => [column, aligned[index] ?? ""]));
    const row = toCredentialReportRow(record);
    return row.user && row.arn ? [row] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Fetching: get → (generate → poll) (I/O)
// ---------------------------------------------------------------------------------------------

function isFresh(generatedTime: Date | undefined, now: Date): boolean {
  return generatedTime !== undefined && now.getTime() - generatedTime.getTime() < CREDENTIAL_REPORT_MAX_AGE_MS;
}

function toReport(
  content: Uint8Array | undefined,
  generatedTime: Date | undefined,
  now: Date,
): CredentialReportOutcome {
  try {
    const rows = parseCredentialReportCsv(new TextDecoder().decode(content ?? new Uint8Array()));
    // A report always carries its time; if one ever did not, it was produced for this scan.
    return { report: { generatedTime: (generatedTime ?? now).toISOString(), rows } };
  } catch (error) {
    return { error: unreadable(`the credential report could not be read: ${(error as Error).message}`) };
  }
}

/**
 * Returns the account's credential report: a stored one younger than 4 hours (relative to
 * `options.now`), else a freshly generated one. Never throws; a failure becomes one CollectionError
 * naming the call that failed.
 */
export async function fetchCredentialReport(
  client: IAMClient,
  options: CredentialReportOptions,
): Promise<CredentialReportOutcome> {
  const { now } = options;
  const sleep = options.sleep ?? defaultSleep;
  const calls = options.calls ?? iamCalls();

  const get = () => calls.run("GetCredentialReportCommand", () => client.send(new GetCredentialReportCommand({})));

  const stored = await get();
  if (stored.ok && isFresh(stored.value.GeneratedTime, now)) {
    return toReport(stored.value.Content, stored.value.GeneratedTime, now);
  }
  const storedErrorName = stored.ok ? undefined : errorName(stored.raw);
  if (!stored.ok && storedErrorName !== NOT_READY && !MUST_GENERATE.has(storedErrorName ?? "")) {
    return { error: stored.error };
  }

  // NotReady on the first call means a generation is already running: wait for it instead.
  if (storedErrorName !== NOT_READY) {
    const generated = await calls.run("GenerateCredentialReportCommand", () =>
      client.send(new GenerateCredentialReportCommand({})),
    );
    if (!generated.ok) return { error: generated.error };
  }

  for (let attempt = 1; attempt <= CREDENTIAL_REPORT_POLL_ATTEMPTS; attempt++) {
    const polled = await get();
    // Whatever IAM hands back after a generation is the newest report there is.
    if (polled.ok) return toReport(polled.value.Content, polled.value.GeneratedTime, now);
    if (errorName(polled.raw) !== NOT_READY) return { error: polled.error };
    if (attempt < CREDENTIAL_REPORT_POLL_ATTEMPTS) await sleep(pollDelayMs(attempt));
  }
  return {
    error: unreadable(
      `the credential report was still being generated after ${CREDENTIAL_REPORT_POLL_ATTEMPTS} attempts`,
      ERROR_KINDS.timeout,
    ),
  };
}
