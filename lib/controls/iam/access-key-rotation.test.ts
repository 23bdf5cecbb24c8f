import { describe, expect, it } from "vitest";
import type { CredentialReportRow } from "@/lib/inventory";
import {
  accessKey,
  credentialReport,
  credentialRow,
  iamArn,
  IAM_TEST_NOW,
  iamInventory,
  isoDaysAgo,
  NO_ACCESS_KEY,
  rootCredentialRow,
} from "@/lib/inventory/builders";
import { control, ROTATION_FAIL_DAYS, ROTATION_WARN_DAYS } from "./access-key-rotation";

const now = IAM_TEST_NOW;
const HOUR = 1 / 24;

function evaluate(rows: CredentialReportRow[]) {
  return control.evaluate(iamInventory({ credentialReport: credentialReport(rows) }), { now });
}

describe("iam.access-key-rotation", () => {
  it.each([
    { name: "rotated 30 days ago", lastRotated: isoDaysAgo(30), status: "pass", reason: /rotated 30 days ago/ },
    {
      name: "exactly 90 days",
      lastRotated: isoDaysAgo(ROTATION_WARN_DAYS),
      status: "pass",
      reason: /rotated 90 days ago/,
    },
    {
      name: "just over 90 days",
      lastRotated: isoDaysAgo(ROTATION_WARN_DAYS + HOUR),
      status: "warn",
      reason: /more than 90 days/,
    },
    { name: "200 days", lastRotated: isoDaysAgo(200), status: "warn", reason: /200 days ago/ },
    { name: "exactly 365 days", lastRotated: isoDaysAgo(ROTATION_FAIL_DAYS), status: "warn", reason: /365 days ago/ },
    {
      name: "over a year",
      lastRotated: isoDaysAgo(ROTATION_FAIL_DAYS + 1),
      status: "fail",
      reason: /366 days ago, more than a year/,
    },
    { name: "no rotation date", lastRotated: undefined, status: "warn", reason: /no rotation date/ },
  ])("$name → $status", ({ lastRotated, status, reason }) => {
    const [result] = evaluate([
      credentialRow({ user: "pos-sync", accessKeys: [accessKey({ lastRotated }), NO_ACCESS_KEY] }),
    ]);
    expect(result).toMatchObject({
      status,
      resourceArn: `${iamArn("user", "pos-sync")}:access-key-1`,
      region: "global",
    });
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("Access key 1 of IAM user pos-sync");
  });

  it("judges each active key separately and ignores inactive ones", () => {
    const results = evaluate([
      credentialRow({
        accessKeys: [
          accessKey({ active: false, lastRotated: isoDaysAgo(900) }),
          accessKey({ lastRotated: isoDaysAgo(400) }),
        ],
      }),
      credentialRow({ user: "two-keys", accessKeys: [accessKey(), accessKey({ lastRotated: isoDaysAgo(100) })] }),
    ]);
    expect(results.map((r) => [r.resourceArn.split(":").pop(), r.status])).toEqual([
      ["access-key-2", "fail"],
      ["access-key-1", "pass"],
      ["access-key-2", "warn"],
    ]);
  });

  it("reports a user without active keys as not applicable", () => {
    const [result] = evaluate([credentialRow({ accessKeys: [NO_ACCESS_KEY, accessKey({ active: false })] })]);
    expect(result).toMatchObject({
      status: "not-applicable",
      resourceArn: iamArn("user", "deploy-bot"),
      resourceType: "IAM user",
    });
    expect(result?.reason).toMatch(/deploy-bot has no active access keys/);
  });

  it("leaves the root user's keys to xc.root-access-keys", () => {
    expect(
      evaluate([rootCredentialRow({ accessKeys: [accessKey({ lastRotated: isoDaysAgo(3000) }), NO_ACCESS_KEY] })]),
    ).toEqual([]);
  });

  it("records the rotation date and age", () => {
    const [result] = evaluate([
      credentialRow({ accessKeys: [accessKey({ lastRotated: isoDaysAgo(100) }), NO_ACCESS_KEY] }),
    ]);
    expect(result?.evidence).toEqual({ keySlot: 1, lastRotated: isoDaysAgo(100), ageDays: 100 });
  });

  it("yields nothing without a credential report", () => {
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });
});
