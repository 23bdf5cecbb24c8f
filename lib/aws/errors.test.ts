import { describe, expect, it } from "vitest";
import { classifyAwsError, isNotFoundError, isThrottlingError } from "./errors";
import { sanitizeMessage } from "@/lib/detectors/sanitize";

const ACTION = "elasticache:DescribeUsers";

/** An error shaped like the ones the SDK throws: a name, a message and response metadata. */
function awsError(name: string, message: string, httpStatusCode?: number, extra: object = {}) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode }, ...extra });
}

function networkError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

const DENIED_MESSAGE =
  "User: arn:aws:iam::111122223333:user/x is not authorized to perform: elasticache:DescribeUsers on resource: arn:aws:elasticache:us-east-1:111122223333:user:*";

describe("classifyAwsError", () => {
  it.each([
    { case: "AccessDeniedException", error: awsError("AccessDeniedException", DENIED_MESSAGE, 400) },
    { case: "AccessDenied (query protocol)", error: awsError("AccessDenied", DENIED_MESSAGE, 403) },
    { case: "UnauthorizedOperation (EC2)", error: awsError("UnauthorizedOperation", DENIED_MESSAGE, 403) },
    { case: "AuthorizationError (SNS)", error: awsError("AuthorizationError", DENIED_MESSAGE, 403) },
    { case: "any other 403", error: awsError("ForbiddenException", DENIED_MESSAGE, 403) },
  ])("$case → access-denied", ({ error }) => {
    expect(classifyAwsError(error, "elasticache:Other")).toEqual({
      kind: "access-denied",
      action: "elasticache:DescribeUsers",
      message: "insufficient permissions: elasticache:DescribeUsers",
    });
  });

  it("falls back to the command's action when AWS does not name one", () => {
    const result = classifyAwsError(awsError("AccessDeniedException", "Access denied", 403), ACTION);
    expect(result).toEqual({ kind: "access-denied", action: ACTION, message: `insufficient permissions: ${ACTION}` });
  });

  it("takes a hyphenated service prefix from the message", () => {
    const message =
      "User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: cognito-idp:ListUserPools";
    expect(classifyAwsError(awsError("AccessDeniedException", message, 400), "x:Y").action).toBe(
      "cognito-idp:ListUserPools",
    );
  });

  it.each([
    { says: "with an explicit deny in a service control policy", hint: "(explicit deny in a service control policy)" },
    {
      says: "with an explicit deny in a resource control policy",
      hint: "(explicit deny in a resource control policy)",
    },
    { says: "with an explicit deny in a permissions boundary", hint: "(explicit deny in a permissions boundary)" },
    {
      says: "because no permissions boundary allows the elasticache:DescribeUsers action",
      hint: "(not allowed by the permissions boundary)",
    },
    { says: "with an explicit deny in a session policy", hint: "(explicit deny in a session policy)" },
    {
      says: "because no session policy allows the elasticache:DescribeUsers action",
      hint: "(not allowed by the session policy)",
    },
  ])("says which policy denied: $hint", ({ says, hint }) => {
    const result = classifyAwsError(awsError("AccessDeniedException", `${DENIED_MESSAGE} ${says}`, 400), ACTION);
    expect(result.message).toBe(`insufficient permissions: elasticache:DescribeUsers ${hint}`);
  });

  it("adds no hint for an ordinary identity-policy denial", () => {
    const message = `${DENIED_MESSAGE} because no identity-based policy allows the elasticache:DescribeUsers action`;
    expect(classifyAwsError(awsError("AccessDeniedException", message, 400), ACTION).message).toBe(
      "insufficient permissions: elasticache:DescribeUsers",
    );
  });

  it.each([
    {
      case: "a validation error quoting AccessDenied",
      error: awsError("ValidationException", "Value AccessDenied is not valid", 400),
    },
    {
      case: "'not authorized' text in a 400",
      error: awsError("InvalidParameterValue", "User is not authorized to perform: x:Y", 400),
    },
    {
      case: "an expired token (403)",
      error: awsError("ExpiredTokenException", "The security token included in the request is expired", 403),
    },
    {
      case: "a bad signature (403)",
      error: awsError("SignatureDoesNotMatch", "The request signature we calculated does not match", 403),
    },
    {
      case: "a name that merely contains AccessDenied",
      error: awsError("AccessDeniedForDependencyException", "Dependency failed", 400),
    },
    { case: "a 401", error: awsError("Unauthorized", "Unauthorized", 401) },
    { case: "a plain string", error: "AccessDenied: not authorized to perform: elasticache:DescribeUsers" },
    { case: "an error with no status", error: new Error("AccessDeniedException") },
  ])("does not call $case access denied", ({ error }) => {
    expect(classifyAwsError(error, ACTION).kind).not.toBe("access-denied");
  });

  it.each([
    { name: "ThrottlingException", status: 400 },
    { name: "Throttling", status: 400 },
    { name: "TooManyRequestsException", status: 429 },
    { name: "ThrottledException", status: 400 },
    { name: "RequestLimitExceeded", status: 503 },
    { name: "SomethingNew", status: 429 },
  ])("$name ($status) → throttled", ({ name, status }) => {
    const result = classifyAwsError(
      awsError(name, "Rate exceeded", status, { $metadata: { httpStatusCode: status, attempts: 8 } }),
      ACTION,
    );
    expect(result).toEqual({ kind: "throttled", action: ACTION, message: `throttled: ${name}: Rate exceeded` });
  });

  it.each([
    {
      case: "UnrecognizedClientException",
      error: awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
    },
    {
      case: "InvalidClientTokenId (HTTP 403)",
      error: awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
    },
    {
      case: "AuthFailure",
      error: awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
    },
  ])("$case → credentials-rejected (an error of the Region, never a skip)", ({ error }) => {
    const result = classifyAwsError(error, ACTION);
    expect(result.kind).toBe("credentials-rejected");
    expect(result.action).toBe(ACTION);
    expect(result.message).toMatch(/^the Region rejected the credentials: /);
  });

  it.each([
    { case: "ENOTFOUND", error: networkError("ENOTFOUND", "getaddrinfo ENOTFOUND elasticache.xx-new-1.amazonaws.com") },
    {
      case: "getaddrinfo in the message only",
      error: new Error("getaddrinfo ENOTFOUND connect.eu-south-2.amazonaws.com"),
    },
  ])("$case → region-unavailable (the service has no endpoint there)", ({ error }) => {
    const result = classifyAwsError(error, ACTION);
    expect(result.kind).toBe("region-unavailable");
    expect(result.action).toBe(ACTION);
  });

  it.each([
    {
      case: "connection timeout",
      error: Object.assign(new Error("the request socket did not establish a connection within 5000 ms"), {
        name: "TimeoutError",
      }),
    },
    {
      case: "request timeout",
      error: Object.assign(new Error("a request has exceeded the configured 20000 ms requestTimeout"), {
        name: "TimeoutError",
        code: "ETIMEDOUT",
      }),
    },
    { case: "ETIMEDOUT", error: networkError("ETIMEDOUT", "connect ETIMEDOUT 10.0.0.1:443") },
    { case: "AbortError", error: Object.assign(new Error("Request aborted"), { name: "AbortError" }) },
    { case: "socket timeout message", error: new Error("socket timed out after 20000 ms of inactivity") },
  ])("$case → timeout", ({ error }) => {
    expect(classifyAwsError(error, ACTION).kind).toBe("timeout");
  });

  it("reports anything else as other with name and message", () => {
    const error = awsError(
      "InvalidParameterValueException",
      "The parameter MaxRecords must be between 20 and 100.",
      400,
    );
    expect(classifyAwsError(error, ACTION)).toEqual({
      kind: "other",
      action: ACTION,
      message: "InvalidParameterValueException: The parameter MaxRecords must be between 20 and 100.",
    });
  });

  it("does not treat a service answer mentioning a timeout as a socket timeout", () => {
    const error = awsError("InvalidParameterCombination", "The connection timed out value is invalid", 400);
    expect(classifyAwsError(error, ACTION).kind).toBe("other");
  });

  it.each([
    { case: "a string", error: "boom", message: "Error: boom" },
    { case: "undefined", error: undefined, message: "Error: undefined" },
    { case: "an object without a message", error: { name: "InternalFailure" }, message: "InternalFailure" },
  ])("handles $case", ({ error, message }) => {
    expect(classifyAwsError(error, ACTION)).toEqual({ kind: "other", action: ACTION, message });
  });

  it("caps and scrubs messages of other errors", () => {
    const error = awsError("InternalFailure", `key AKIAIOSFODNN7EXAMPLE failed ${"x".repeat(400)}`, 500);
    const { message } = classifyAwsError(error, ACTION);
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(message.startsWith("InternalFailure: key [redacted] failed")).toBe(true);
  });
});

describe("sanitizeMessage", () => {
  it.each([
    { secret: "AKIAIOSFODNN7EXAMPLE", text: "The access key AKIAIOSFODNN7EXAMPLE is disabled" },
    { secret: "ASIAY34FZKBOKMUTVV7A", text: "temporary key ASIAY34FZKBOKMUTVV7A expired" },
    {
      secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      text: "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY leaked",
    },
    { secret: "hunter2", text: "password=hunter2 rejected" },
    { secret: "s3cr3t-value", text: '{"SecretAccessKey": "s3cr3t-value"}' },
    { secret: "abc.def-ghi", text: "Authorization: Bearer abc.def-ghi" },
    {
      secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
      text: "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig invalid",
    },
    { secret: "IQoJb3JpZ2luX2Vj".repeat(8), text: `X-Amz-Security-Token ${"IQoJb3JpZ2luX2Vj".repeat(8)}` },
  ])("removes $secret", ({ secret, text }) => {
    const clean = sanitizeMessage(text);
    expect(clean).not.toContain(secret);
    expect(clean).toContain("[redacted]");
  });

  it.each([
    "User: arn:aws:iam::111122223333:user/x is not authorized to perform: elasticache:DescribeUsers",
    "The security token included in the request is invalid.",
    "Replication group orders-cache-0001 not found",
  ])("leaves ordinary text alone: %s", (text) => {
    expect(sanitizeMessage(text)).toBe(text);
  });

  it("collapses whitespace and caps at 200 characters", () => {
    const clean = sanitizeMessage(`line one\n\n  line two ${"word ".repeat(80)}`);
    expect(clean.startsWith("line one line two word")).toBe(true);
    expect(clean).toHaveLength(200);
    expect(clean.endsWith("…")).toBe(true);
  });
});

describe("isNotFoundError", () => {
  it.each([
    { name: "CacheClusterNotFoundFault", expected: true },
    { name: "ReplicationGroupNotFoundFault", expected: true },
    { name: "ResourceNotFoundException", expected: true },
    { name: "UserNotFound", expected: true },
    { name: "AccessDeniedException", expected: false },
    { name: "InvalidParameterValue", expected: false },
  ])("$name → $expected", ({ name, expected }) => {
    expect(isNotFoundError(awsError(name, "gone", 404))).toBe(expected);
  });

  it("is false for non-errors and for 'not found' only in the message", () => {
    expect(isNotFoundError(undefined)).toBe(false);
    expect(isNotFoundError("CacheClusterNotFoundFault")).toBe(false);
    expect(isNotFoundError(awsError("ValidationException", "NotFound", 400))).toBe(false);
  });
});

describe("isThrottlingError", () => {
  it("recognises throttling names, HTTP 429 and the SDK's throttling trait", () => {
    expect(isThrottlingError(awsError("Throttling", "Rate exceeded", 400))).toBe(true);
    expect(isThrottlingError(awsError("Unknown", "slow down", 429))).toBe(true);
    expect(isThrottlingError(awsError("Unknown", "slow down", 400, { $retryable: { throttling: true } }))).toBe(true);
    expect(isThrottlingError(awsError("AccessDeniedException", "no", 403))).toBe(false);
  });
});

describe("throttling under other names", () => {
  it.each(["SlowDown", "LimitExceededException", "ProvisionedThroughputExceededException"])(
    "%s is throttled",
    (name) => {
      expect(
        classifyAwsError(Object.assign(new Error("slow down"), { name }), "s3:GetEncryptionConfiguration").kind,
      ).toBe("throttled");
    },
  );
});
