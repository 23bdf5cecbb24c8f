import {
  GetAutomatedDiscoveryConfigurationCommand,
  GetMacieSessionCommand,
  Macie2Client,
} from "@aws-sdk/client-macie2";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  collectMacieSession,
  isMacieMemberAccountError,
  isMacieNotEnabledError,
  toAutomatedDiscovery,
  toMacieStatus,
} from "./collect";

const REGION = "eu-west-1";
const client = new Macie2Client({ region: REGION });
const macie = mockClient(Macie2Client);

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const notEnabled = () => awsError("AccessDeniedException", "Macie is not enabled.", 403);
const iamDenied = (action: string) =>
  awsError(
    "AccessDeniedException",
    `User: arn:aws:sts::111122223333:assumed-role/Administrator/scan is not authorized to perform: ${action} on resource: *`,
    403,
  );

beforeEach(() => {
  macie.reset();
  macie.on(GetMacieSessionCommand).resolves({ status: "ENABLED", findingPublishingFrequency: "FIFTEEN_MINUTES" });
  macie.on(GetAutomatedDiscoveryConfigurationCommand).resolves({ status: "ENABLED" });
});

describe("reading Macie answers", () => {
  it.each([
    [{ status: "ENABLED" as const }, "ENABLED"],
    [{ status: "PAUSED" as const }, "PAUSED"],
    [{}, undefined],
  ])("session %o → %s", (answer, status) => {
    expect(toMacieStatus(answer)).toBe(status);
  });

  it.each([
    [{ status: "ENABLED" as const }, "ENABLED"],
    [{ status: "DISABLED" as const }, "DISABLED"],
    [{}, undefined],
  ])("automated discovery %o → %s", (answer, status) => {
    expect(toAutomatedDiscovery(answer)).toBe(status);
  });

  it.each([
    { error: notEnabled(), expected: true },
    { error: awsError("AccessDeniedException", "MACIE IS NOT ENABLED", 401), expected: true },
    { error: iamDenied("macie2:GetMacieSession"), expected: false },
    { error: awsError("ValidationException", "Macie is not enabled.", 400), expected: false },
  ])("recognises 'Macie is not enabled' ($error.name: $error.message) → $expected", ({ error, expected }) => {
    expect(isMacieNotEnabledError(error)).toBe(expected);
  });

  it.each([
    {
      error: awsError("AccessDeniedException", "Only the Macie administrator account can perform this action.", 403),
      expected: true,
    },
    {
      error: awsError("ValidationException", "The operation is not supported for a member account.", 400),
      expected: true,
    },
    { error: iamDenied("macie2:GetAutomatedDiscoveryConfiguration"), expected: false },
    { error: awsError("InternalServerException", "member of nothing", 500), expected: false },
    { error: awsError("ValidationException", "Invalid request.", 400), expected: false },
  ])("recognises a member-account answer ($error.name: $error.message) → $expected", ({ error, expected }) => {
    expect(isMacieMemberAccountError(error)).toBe(expected);
  });
});

describe("collectMacieSession", () => {
  it("reads an enabled session and its automated discovery setting", async () => {
    const result = await collectMacieSession(client, REGION);
    expect(result).toEqual({
      inventory: { region: REGION, status: "ENABLED", automatedDiscovery: "ENABLED" },
      errors: [],
    });
    expect(macie).toHaveReceivedCommandTimes(GetMacieSessionCommand, 1);
    expect(macie).toHaveReceivedCommandTimes(GetAutomatedDiscoveryConfigurationCommand, 1);
  });

  it("records automated discovery DISABLED", async () => {
    macie.on(GetAutomatedDiscoveryConfigurationCommand).resolves({ status: "DISABLED" });
    const { inventory } = await collectMacieSession(client, REGION);
    expect(inventory?.automatedDiscovery).toBe("DISABLED");
  });

  it.each([
    { name: "paused", stub: () => macie.on(GetMacieSessionCommand).resolves({ status: "PAUSED" }), status: "PAUSED" },
    { name: "not enabled", stub: () => macie.on(GetMacieSessionCommand).rejects(notEnabled()), status: "NOT_ENABLED" },
  ])("does not ask for automated discovery when Macie is $name (call budget)", async ({ stub, status }) => {
    stub();
    const result = await collectMacieSession(client, REGION);
    expect(result).toEqual({ inventory: { region: REGION, status }, errors: [] });
    expect(macie).toHaveReceivedCommandTimes(GetAutomatedDiscoveryConfigurationCommand, 0);
  });

  it("marks a Macie member account instead of reporting an error", async () => {
    macie
      .on(GetAutomatedDiscoveryConfigurationCommand)
      .rejects(awsError("AccessDeniedException", "Only the Macie administrator account can do this.", 403));
    const result = await collectMacieSession(client, REGION);
    expect(result).toEqual({ inventory: { region: REGION, status: "ENABLED", memberAccount: true }, errors: [] });
  });

  describe("failed calls", () => {
    it("reports a GetMacieSession permission denial as an error, with no inventory", async () => {
      macie.on(GetMacieSessionCommand).rejects(iamDenied("macie2:GetMacieSession"));
      const result = await collectMacieSession(client, REGION);
      expect(result).toEqual({
        errors: [
          {
            service: "account",
            region: REGION,
            action: "macie2:GetMacieSession",
            kind: "access-denied",
            message: "insufficient permissions: macie2:GetMacieSession",
          },
        ],
      });
      expect(macie).toHaveReceivedCommandTimes(GetAutomatedDiscoveryConfigurationCommand, 0);
    });

    it("reports a Region where Macie is not offered as region-unavailable", async () => {
      macie
        .on(GetMacieSessionCommand)
        .rejects(
          Object.assign(new Error("getaddrinfo ENOTFOUND macie2.ap-south-2.amazonaws.com"), { code: "ENOTFOUND" }),
        );
      const result = await collectMacieSession(client, REGION);
      expect(result.inventory).toBeUndefined();
      expect(result.errors.map((e) => [e.kind, e.action])).toEqual([["region-unavailable", "macie2:GetMacieSession"]]);
    });

    it("reports a Region that is not enabled as credentials-rejected", async () => {
      macie.on(GetMacieSessionCommand).rejects(awsError("UnrecognizedClientException", "invalid token", 400));
      const result = await collectMacieSession(client, REGION);
      expect(result.errors.map((e) => e.kind)).toEqual(["credentials-rejected"]);
    });

    it("reports throttling that outlasted the SDK's retries", async () => {
      macie.on(GetMacieSessionCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 429));
      const result = await collectMacieSession(client, REGION);
      expect(result.errors).toEqual([
        {
          service: "account",
          region: REGION,
          action: "macie2:GetMacieSession",
          kind: "throttled",
          message: "throttled: ThrottlingException: Rate exceeded",
        },
      ]);
    });

    it("reports a session answer without a status as an error", async () => {
      macie.on(GetMacieSessionCommand).resolves({});
      const result = await collectMacieSession(client, REGION);
      expect(result.inventory).toBeUndefined();
      expect(result.errors.map((e) => [e.kind, e.action])).toEqual([["other", "macie2:GetMacieSession"]]);
    });

    it("keeps the session when automated discovery fails, and names the failed action", async () => {
      macie
        .on(GetAutomatedDiscoveryConfigurationCommand)
        .rejects(iamDenied("macie2:GetAutomatedDiscoveryConfiguration"));
      const result = await collectMacieSession(client, REGION);
      expect(result.inventory).toEqual({ region: REGION, status: "ENABLED" });
      expect(result.errors).toEqual([
        {
          service: "account",
          region: REGION,
          action: "macie2:GetAutomatedDiscoveryConfiguration",
          kind: "access-denied",
          message: "insufficient permissions: macie2:GetAutomatedDiscoveryConfiguration",
        },
      ]);
    });

    it("reports any other automated discovery error with its name and message", async () => {
      macie.on(GetAutomatedDiscoveryConfigurationCommand).rejects(awsError("InternalServerException", "Oops", 500));
      const result = await collectMacieSession(client, REGION);
      expect(result.inventory?.status).toBe("ENABLED");
      expect(result.errors.map((e) => [e.kind, e.message])).toEqual([["other", "InternalServerException: Oops"]]);
    });
  });
});
