import { describe, expect, it } from "vitest";
import type { CredentialReportRow } from "@/lib/inventory";
import {
  accessKey,
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamInventory,
  isoDaysAgo,
  NO_ACCESS_KEY,
  rootCredentialRow,
  TEST_ROOT_ARN,
} from "@/lib/inventory/builders";
import { control, ROOT_RECENT_USE_DAYS } from "./root-recent-use";

const now = IAM_TEST_NOW;

function evaluate(rows: CredentialReportRow[]) {
  return control.evaluate(iamInventory({ credentialReport: credentialReport(rows) }), { now });
}

describe("iam.root-recent-use", () => {
  it.each([
    {
      name: "password used 11 days ago",
      root: rootCredentialRow({ passwordLastUsed: isoDaysAgo(11) }),
      status: "warn",
      reason: /last used on 2026-05-21 \(11 days ago\)/,
    },
    {
      name: "used exactly 30 days ago",
      root: rootCredentialRow({ passwordLastUsed: isoDaysAgo(ROOT_RECENT_USE_DAYS) }),
      status: "warn",
      reason: /30 days ago/,
    },
    {
      name: "used 31 days ago",
      root: rootCredentialRow({ passwordLastUsed: isoDaysAgo(ROOT_RECENT_USE_DAYS + 1) }),
      status: "pass",
      reason: /over 30 days ago/,
    },
    {
      name: "password old, access key used last week",
      root: rootCredentialRow({
        passwordLastUsed: isoDaysAgo(400),
        accessKeys: [NO_ACCESS_KEY, accessKey({ lastUsed: isoDaysAgo(7) })],
      }),
      status: "warn",
      reason: /7 days ago/,
    },
    {
      name: "never used",
      root: rootCredentialRow({ passwordLastUsed: undefined }),
      status: "pass",
      reason: /no recorded use/,
    },
  ])("$name → $status", ({ root, status, reason }) => {
    const results = evaluate([root, credentialRow({ passwordLastUsed: isoDaysAgo(0) })]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status, resourceArn: TEST_ROOT_ARN, region: "global" });
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toMatch(/root user/);
  });

  it("never fails, however recent", () => {
    const [result] = evaluate([rootCredentialRow({ passwordLastUsed: isoDaysAgo(0) })]);
    expect(result?.status).toBe("warn");
  });

  it("records every last-use date it compared", () => {
    const [result] = evaluate([
      rootCredentialRow({
        passwordLastUsed: isoDaysAgo(40),
        accessKeys: [accessKey({ lastUsed: isoDaysAgo(35) }), NO_ACCESS_KEY],
      }),
    ]);
    expect(result?.evidence).toEqual({
      passwordLastUsed: isoDaysAgo(40),
      accessKey1LastUsed: isoDaysAgo(35),
      accessKey2LastUsed: null,
      daysSinceLastUse: 35,
    });
  });

  it("yields nothing without the root user's row", () => {
    expect(evaluate([credentialRow()])).toEqual([]);
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });
});
