/**
 * Pure readings of Macie answers (docs/controls.md#failed-calls, xc.macie-*). Macie reports "not enabled" and
 * "you are a member account" as errors, so telling those apart from real failures lives here.
 */
import type { GetAutomatedDiscoveryConfigurationResponse, GetMacieSessionResponse } from "@aws-sdk/client-macie2";
import type { MacieRegion } from "@/lib/inventory";

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shapeOf(error: unknown): { name: string; message: string; status?: number } {
  const shape = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  return {
    name: typeof shape.name === "string" ? shape.name : "",
    message: typeof shape.message === "string" ? shape.message : "",
    status: typeof status === "number" ? status : undefined,
  };
}

function isAccessDenied(name: string, status: number | undefined): boolean {
  return name === "AccessDeniedException" || name === "AccessDenied" || status === 401 || status === 403;
}

/** An IAM refusal names the action it refused; Macie's own answers about account state do not. */
const IAM_DENIAL = /not authorized to perform/i;

/**
 * GetMacieSession's "Macie is not enabled" answer: an AccessDeniedException (HTTP 401/403) that
 * means the account has no Macie session in the Region, not that the scanner lacks permission.
 */
export function isMacieNotEnabledError(error: unknown): boolean {
  const { name, message, status } = shapeOf(error);
  return isAccessDenied(name, status) && /Macie is not enabled/i.test(message) && !IAM_DENIAL.test(message);
}

/**
 * GetAutomatedDiscoveryConfiguration refused because the account is a Macie member: only the
 * administrator (or a standalone account) owns that setting. Recognised by Macie naming the
 * administrator/member relationship, never by an IAM "not authorized to perform" denial (whose
 * message can contain a role called "Administrator").
 */
export function isMacieMemberAccountError(error: unknown): boolean {
  const { name, message, status } = shapeOf(error);
  if (!isAccessDenied(name, status) && name !== "ValidationException") return false;
  return !IAM_DENIAL.test(message) && /\b(administrator|member)\b/i.test(message);
}

/** ENABLED | PAUSED as Macie reports it; undefined for an answer without a status. */
export function toMacieStatus(session: GetMacieSessionResponse): MacieRegion["status"] | undefined {
  return session.status === "ENABLED" || session.status === "PAUSED" ? session.status : undefined;
}

export function toAutomatedDiscovery(
  answer: GetAutomatedDiscoveryConfigurationResponse,
): MacieRegion["automatedDiscovery"] {
  return answer.status === "ENABLED" || answer.status === "DISABLED" ? answer.status : undefined;
}
