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
import { control, UNUSED_CREDENTIAL_DAYS } from "./unused-credentials";

const now = IAM_TEST_NOW;
const HOUR = 1 / 24;
const consoleOnly = (parts: Partial<CredentialReportRow>) =>
  credentialRow({ user: "qa-tester", accessKeys: [NO_ACCESS_KEY, NO_ACCESS_KEY], ...parts });
const keyOnly = (key: Parameters<typeof accessKey>[0]) =>
  credentialRow({
    user: "qa-tester",
    passwordEnabled: false,
    passwordLastUsed: undefined,
    accessKeys: [accessKey(key), NO_ACCESS_KEY],
  });

function evaluate(rows: CredentialReportRow[]) {
  return control.evaluate(iamInventory({ credentialReport: credentialReport(rows) }), { now });
}

describe("iam.unused-credentials", () => {
  it.each([
    {
      name: "password used recently",
      row: consoleOnly({ passwordLastUsed: isoDaysAgo(5) }),
      status: "pass",
      reason: /used each/,
    },
    {
      name: "password used exactly 90 days ago",
      row: consoleOnly({ passwordLastUsed: isoDaysAgo(UNUSED_CREDENTIAL_DAYS) }),
      status: "pass",
      reason: /used each/,
    },
    {
      name: "password unused for 93 days",
      row: consoleOnly({ passwordLastUsed: isoDaysAgo(93) }),
      status: "warn",
      reason: /password last used 93 days ago/,
    },
    {
      name: "password never used, user 200 days old",
      row: consoleOnly({ passwordLastUsed: undefined, userCreationTime: isoDaysAgo(200) }),
      status: "warn",
      reason: /password never used in the 200 days since the user was created/,
    },
    {
      name: "password never used, user created last week",
      row: consoleOnly({ passwordLastUsed: undefined, userCreationTime: isoDaysAgo(7) }),
      status: "pass",
      reason: /or created them since/,
    },
    {
      name: "password never used, creation unknown",
      row: consoleOnly({ passwordLastUsed: undefined, userCreationTime: undefined }),
      status: "pass",
      reason: /used each/,
    },
    { name: "key used yesterday", row: keyOnly({ lastUsed: isoDaysAgo(1) }), status: "pass", reason: /used each/ },
    {
      name: "key unused for 111 days",
      row: keyOnly({ lastUsed: isoDaysAgo(111), lastRotated: isoDaysAgo(129) }),
      status: "warn",
      reason: /access key 1 last used 111 days ago/,
    },
    {
      name: "key never used, created 91 days ago",
      row: keyOnly({ lastUsed: undefined, lastRotated: isoDaysAgo(UNUSED_CREDENTIAL_DAYS + HOUR) }),
      status: "warn",
      reason: /access key 1 never used in the 90 days since it was created/,
    },
    {
      name: "key never used, created 10 days ago",
      row: keyOnly({ lastUsed: undefined, lastRotated: isoDaysAgo(10) }),
      status: "pass",
      reason: /used each/,
    },
    {
      name: "inactive key unused for years is not a finding",
      row: credentialRow({
        user: "qa-tester",
        accessKeys: [accessKey({ active: false, lastUsed: isoDaysAgo(900) }), NO_ACCESS_KEY],
      }),
      status: "pass",
      reason: /used each/,
    },
    {
      name: "no password, no active keys",
      row: credentialRow({ user: "qa-tester", passwordEnabled: false, accessKeys: [NO_ACCESS_KEY, NO_ACCESS_KEY] }),
      status: "not-applicable",
      reason: /no password and no active access keys/,
    },
  ])("$name → $status", ({ row, status, reason }) => {
    const [result] = evaluate([row]);
    expect(result).toMatchObject({ status, resourceArn: iamArn("user", "qa-tester"), region: "global" });
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("qa-tester");
  });

  it("lists every unused credential of a user in one result", () => {
    const [result] = evaluate([
      credentialRow({
        passwordLastUsed: isoDaysAgo(100),
        accessKeys: [
          accessKey({ lastUsed: isoDaysAgo(120) }),
          accessKey({ lastUsed: undefined, lastRotated: isoDaysAgo(300) }),
        ],
      }),
    ]);
    expect(result?.status).toBe("warn");
    expect(result?.evidence.unused).toEqual([
      "password last used 100 days ago",
      "access key 1 last used 120 days ago",
      "access key 2 never used in the 300 days since it was created",
    ]);
    expect(result?.evidence.keysLastUsed).toEqual([isoDaysAgo(120), "never"]);
  });

  it("skips the root user (iam.root-recent-use looks at it)", () => {
    expect(evaluate([rootCredentialRow({ passwordEnabled: true, passwordLastUsed: isoDaysAgo(900) })])).toEqual([]);
  });

  it("yields nothing without a credential report", () => {
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });
});
