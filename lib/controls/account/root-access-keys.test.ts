import { describe, expect, it } from "vitest";
import type { IamInventory } from "@/lib/inventory";
import {
  accessKey,
  accountSummary,
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamInventory,
  NO_ACCESS_KEY,
  rootCredentialRow,
  TEST_ROOT_ARN,
} from "@/lib/inventory/builders";
import { control } from "./root-access-keys";

const now = IAM_TEST_NOW;
const rootWithKey = rootCredentialRow({ accessKeys: [NO_ACCESS_KEY, accessKey()] });

function evaluate(iam: Partial<IamInventory>) {
  return control.evaluate(iamInventory(iam), { now });
}

describe("xc.root-access-keys", () => {
  it.each([
    {
      name: "no keys anywhere",
      iam: { summary: accountSummary(), credentialReport: credentialReport([rootCredentialRow()]) },
      status: "pass",
      reason: /root user has no access keys/,
    },
    {
      name: "summary shows keys",
      iam: { summary: accountSummary({ accountAccessKeysPresent: true }) },
      status: "fail",
      reason: /root user has access keys/,
    },
    {
      name: "summary and report both show keys",
      iam: {
        summary: accountSummary({ accountAccessKeysPresent: true }),
        credentialReport: credentialReport([rootWithKey]),
      },
      status: "fail",
      reason: /root user has access keys/,
    },
    {
      name: "summary shows keys the older report does not",
      iam: {
        summary: accountSummary({ accountAccessKeysPresent: true }),
        credentialReport: credentialReport([rootCredentialRow()]),
      },
      status: "fail",
      reason: /root user has access keys/,
    },
    {
      name: "summary shows none but the report lists an active key",
      iam: { summary: accountSummary(), credentialReport: credentialReport([rootWithKey]) },
      status: "warn",
      reason: /confirm it was deleted/,
    },
    {
      name: "only the report: active key",
      iam: { credentialReport: credentialReport([rootWithKey]) },
      status: "fail",
      reason: /root user has access keys/,
    },
    {
      name: "only the report: inactive keys",
      iam: {
        credentialReport: credentialReport([
          rootCredentialRow({ accessKeys: [accessKey({ active: false }), NO_ACCESS_KEY] }),
        ]),
      },
      status: "pass",
      reason: /no access keys/,
    },
  ])("$name → $status", ({ iam, status, reason }) => {
    const results = evaluate(iam);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status, resourceArn: TEST_ROOT_ARN, region: "global" });
    expect(results[0]?.reason).toMatch(reason);
  });

  it("records which report keys were active", () => {
    const [result] = evaluate({
      summary: accountSummary(),
      credentialReport: credentialReport([rootWithKey], "2026-05-31T23:00:00.000Z"),
    });
    expect(result?.evidence).toEqual({
      accountAccessKeysPresent: false,
      reportActiveKeys: ["access_key_2"],
      reportGeneratedTime: "2026-05-31T23:00:00.000Z",
    });
  });

  it("yields nothing without a summary or a root row", () => {
    expect(evaluate({})).toEqual([]);
    expect(evaluate({ credentialReport: credentialReport([credentialRow()]) })).toEqual([]);
  });
});
