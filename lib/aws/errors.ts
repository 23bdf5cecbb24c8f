/**
 * Turns whatever an AWS SDK v3 call threw into one of Safekeep's error kinds (docs/controls.md#failed-calls), with
 * a short, secret-free message that can be stored and shown.
 */
import { ERROR_KINDS, type ErrorKind } from "@/lib/inventory";
import { MAX_MESSAGE_LENGTH, sanitizeMessage } from "@/lib/detectors/sanitize";

export interface ClassifiedError {
  kind: ErrorKind;
  /** IAM action of the failed call; for access denied, the one AWS named in its message when it did. */
  action: string;
  message: string;
}

const ACCESS_DENIED_NAMES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AuthorizationError",
]);

/**
 * The Region answered but did not accept the credentials: an opt-in Region the account has not
 * enabled answers so, but so does an enabled Region whose STS token is not valid there (regional
 * STS, a disabled Region endpoint). Nothing could be read there, so this is an error of the Region,
 * never a reason to skip it.
 */
const CREDENTIALS_REJECTED_NAMES = new Set(["UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure"]);

const THROTTLING_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "ThrottledException",
  "RequestLimitExceeded",
  // S3 and Kinesis name their throttling differently.
  "SlowDown",
  "LimitExceededException",
  "ProvisionedThroughputExceededException",
]);

const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT"]);

/**
 * HTTP 403 answers that are about the credentials themselves, not about permissions: telling the
 * user to fix their IAM policy would send them the wrong way, so these stay "other" with their name.
 */
const CREDENTIAL_PROBLEM_NAMES = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidAccessKeyId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "RequestExpired",
  "RequestTimeTooSkewed",
]);

const ACTION_IN_MESSAGE = /not authorized to perform: ([\w-]+:[\w]+)/;

/** Which policy type refused the call, when AWS's message says so. */
const DENIAL_SOURCES: ReadonlyArray<[RegExp, string]> = [
  [/explicit deny in a service control policy/i, "explicit deny in a service control policy"],
  [/explicit deny in a resource control policy/i, "explicit deny in a resource control policy"],
  [/explicit deny in a permissions boundary/i, "explicit deny in a permissions boundary"],
  [/no permissions boundary allows/i, "not allowed by the permissions boundary"],
  [/explicit deny in a session policy/i, "explicit deny in a session policy"],
  [/no session policy allows/i, "not allowed by the session policy"],
];

interface ErrorFacts {
  name: string;
  message: string;
  code?: string;
  httpStatusCode?: number;
  throttlingTrait: boolean;
}

function stringField(source: object, key: string): string | undefined {
  const value = (source as Record<string, unknown>)[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Reads the fields the classification decides on from anything that was thrown (SDK error, Node error, string). */
function errorFacts(error: unknown): ErrorFacts {
  if (typeof error !== "object" || error === null) {
    return { name: "Error", message: String(error), throttlingTrait: false };
  }
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = metadata?.httpStatusCode;
  const retryable = (error as { $retryable?: { throttling?: unknown } }).$retryable;
  return {
    name: stringField(error, "name") ?? stringField(error, "Code") ?? "Error",
    message: stringField(error, "message") ?? stringField(error, "Message") ?? "",
    code: stringField(error, "code"),
    httpStatusCode: typeof status === "number" ? status : undefined,
    throttlingTrait: retryable?.throttling === true,
  };
}

function isThrottling(facts: ErrorFacts): boolean {
  return THROTTLING_NAMES.has(facts.name) || facts.httpStatusCode === 429 || facts.throttlingTrait;
}

/** Whether an error is AWS saying "slow down" (also used to count throttled responses). */
export function isThrottlingError(error: unknown): boolean {
  return isThrottling(errorFacts(error));
}

function isTimeout(facts: ErrorFacts): boolean {
  if (TIMEOUT_NAMES.has(facts.name) || (facts.code !== undefined && TIMEOUT_CODES.has(facts.code))) return true;
  // A response from AWS is never a socket timeout, whatever its message says.
  return facts.httpStatusCode === undefined && /\b(?:socket|connection|request) timed? ?out\b/i.test(facts.message);
}

/** DNS found no endpoint host: the service is not offered in that Region. */
function isUnknownHost(facts: ErrorFacts): boolean {
  return facts.code === "ENOTFOUND" || /\b(?:ENOTFOUND|getaddrinfo)\b/.test(facts.message);
}

/** Any other HTTP 403 is access denied too (services differ in how they name it). */
function isForbidden(facts: ErrorFacts): boolean {
  return facts.httpStatusCode === 403 && !CREDENTIAL_PROBLEM_NAMES.has(facts.name);
}

function accessDenied(facts: ErrorFacts, action: string): ClassifiedError {
  const deniedAction = ACTION_IN_MESSAGE.exec(facts.message)?.[1] ?? action;
  const source = DENIAL_SOURCES.find(([pattern]) => pattern.test(facts.message))?.[1];
  const text = `insufficient permissions: ${deniedAction}${source ? ` (${source})` : ""}`;
  return { kind: ERROR_KINDS.accessDenied, action: deniedAction, message: sanitizeMessage(text) };
}

function describe(facts: ErrorFacts): string {
  const detail = facts.message.slice(0, MAX_MESSAGE_LENGTH);
  return sanitizeMessage(detail ? `${facts.name}: ${detail}` : facts.name);
}

/**
 * Classifies a failed call (docs/controls.md#failed-calls). `action` is the IAM action of the call (see
 * `iamActionFor`); it is reported unless AWS named a more precise one in an access-denied message.
 */
export function classifyAwsError(error: unknown, action: string): ClassifiedError {
  const facts = errorFacts(error);
  // Checked before the 403 rule: InvalidClientTokenId comes back as HTTP 403 but is not about permissions.
  if (CREDENTIALS_REJECTED_NAMES.has(facts.name)) {
    return {
      kind: ERROR_KINDS.credentialsRejected,
      action,
      message: sanitizeMessage(`the Region rejected the credentials: ${describe(facts)}`),
    };
  }
  if (ACCESS_DENIED_NAMES.has(facts.name)) return accessDenied(facts, action);
  if (isThrottling(facts)) {
    return { kind: ERROR_KINDS.throttled, action, message: sanitizeMessage(`throttled: ${describe(facts)}`) };
  }
  if (isTimeout(facts)) {
    return { kind: ERROR_KINDS.timeout, action, message: sanitizeMessage(`timed out: ${describe(facts)}`) };
  }
  if (isUnknownHost(facts)) {
    return { kind: ERROR_KINDS.regionUnavailable, action, message: describe(facts) };
  }
  if (isForbidden(facts)) return accessDenied(facts, action);
  return { kind: ERROR_KINDS.other, action, message: describe(facts) };
}

/** The error's name (`AccessDeniedException`, `NoSuchBucket`, …); undefined when it has none. */
export function errorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? stringField(error, "name") : undefined;
}

/**
 * `*NotFound*` errors (e.g. `CacheClusterNotFoundFault`, `ResourceNotFoundException`): the resource
 * was deleted between a list call and a describe call, so it is dropped rather than reported.
 */
export function isNotFoundError(error: unknown): boolean {
  return /NotFound/.test(errorName(error) ?? "");
}
