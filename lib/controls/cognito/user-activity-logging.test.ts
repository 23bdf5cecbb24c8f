import { describe, expect, it } from "vitest";
import { cognitoInventory, cognitoUserPool, COGNITO_TEST_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./user-activity-logging";

const now = new Date("2026-06-01T00:00:00Z");

function evaluatePool(overrides: Parameters<typeof cognitoUserPool>[0]) {
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool(overrides)] }), { now });
}

describe("cognito.user-activity-logging", () => {
  it.each([
    {
      name: "auth events to CloudWatch Logs",
      logs: [{ eventSource: "userAuthEvents", logLevel: "INFO", destination: "cloudwatch-logs" as const }],
      status: "pass",
      reason: /exports user activity logs \(userAuthEvents\)/,
    },
    {
      name: "notification errors and auth events",
      logs: [
        { eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" as const },
        { eventSource: "userAuthEvents", logLevel: "INFO", destination: "s3" as const },
      ],
      status: "pass",
      reason: /userNotification, userAuthEvents/,
    },
    { name: "nothing configured", logs: [], status: "warn", reason: /exports no user activity logs/ },
  ])("$name → $status", ({ logs, status, reason }) => {
    const [result] = evaluatePool({ logConfigurations: logs });
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("yields nothing for a pool whose log delivery could not be read (the runner reports the error)", () => {
    expect(evaluatePool({ logConfigurations: undefined })).toEqual([]);
    expect(control.meta.requires).toContain("cognito-idp:GetLogDeliveryConfiguration");
  });

  it("records counts, event sources and destinations as evidence", () => {
    const [result] = evaluatePool({
      logConfigurations: [
        { eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" },
        { eventSource: undefined, destination: "firehose" },
      ],
    });
    expect(result?.evidence).toEqual({
      logConfigurationCount: 2,
      eventSources: ["userNotification", "unknown"],
      destinations: ["cloudwatch-logs", "firehose"],
    });
  });

  it("yields nothing without pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
