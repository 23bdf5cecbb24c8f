/**
 * What stands between the server and AWS, as one code per cause: no credentials, no Region, rejected
 * or expired credentials, no answer. Read from whatever the SDK threw while resolving credentials or
 * asking who the caller is; the words shown for each code live with the scan (lib/scan/start-problems.ts).
 */
import { ERROR_KINDS } from "@/lib/inventory";
import { classifyAwsError, errorName } from "./errors";

export const ACCESS_PROBLEM_CODES = [
  "no-credentials",
  "sso-expired",
  "no-region",
  "credentials-rejected",
  "credentials-expired",
  "unreachable",
  "timeout",
  "settings",
  "regions-unreadable",
  "other",
] as const;
export type AccessProblemCode = (typeof ACCESS_PROBLEM_CODES)[number];

/** Credentials AWS refused as credentials (not as permissions): wrong key, bad signature, unknown token. */
const REJECTED_NAMES = new Set([
  "InvalidAccessKeyId",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "AuthFailure",
]);
const EXPIRED_NAMES = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);
/** Node's socket errors: nothing answered at the endpoint's address. */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

function field(error: unknown, key: string): string {
  const value = typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : "";
}

/** The cause of a failure to resolve credentials or to call AWS with them. */
export function accessProblemCode(error: unknown, action = "sts:GetCallerIdentity"): AccessProblemCode {
  const name = errorName(error) ?? "";
  const message = field(error, "message");
  if (name === "CredentialsProviderError") {
    // The SSO providers stop the chain with their own message when the cached sign-in is gone or old;
    // anything else means no provider had credentials.
    return /\bSSO session\b/i.test(message) ? "sso-expired" : "no-credentials";
  }
  // The SDK's region resolver throws a plain Error with this message when no Region is configured.
  if (message === "Region is missing") return "no-region";
  if (EXPIRED_NAMES.has(name)) return "credentials-expired";
  if (REJECTED_NAMES.has(name)) return "credentials-rejected";
  if (UNREACHABLE_CODES.has(field(error, "code"))) return "unreachable";
  const { kind } = classifyAwsError(error, action);
  if (kind === ERROR_KINDS.credentialsRejected) return "credentials-rejected";
  if (kind === ERROR_KINDS.timeout || kind === ERROR_KINDS.regionUnavailable) return "unreachable";
  return "other";
}
