import { describe, expect, it } from "vitest";
import {
  accessKey,
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamInventory,
  isoDaysAgo,
  NO_ACCESS_KEY,
  rootCredentialRow,
} from "@/lib/inventory/builders";
import { accessKeyArn, activeKeys, daysSince, displayUserName, formatDays, rootArn, rootRow, userRows } from "./scope";

describe("iam control scope", () => {
  it.each([
    ["ci-deploy", "ci-deploy"],
    ["jane.doe@example.com", "j•••@example.com"],
    ["ops+alerts@corp.example", "o•••@corp.example"],
    ["support-0412345678", "support-•••78"],
    ["acct-12345", "acct-12345"],
    ["smith,john", "smith,john"],
  ])("shows user name %s as %s", (name, shown) => {
    expect(displayUserName(name)).toBe(shown);
  });

  it("measures days against the injected clock", () => {
    expect(daysSince(isoDaysAgo(30), IAM_TEST_NOW)).toBe(30);
    expect(daysSince(undefined, IAM_TEST_NOW)).toBeUndefined();
    expect(daysSince("not a date", IAM_TEST_NOW)).toBeUndefined();
    expect([formatDays(0.5), formatDays(1.9), formatDays(12), formatDays(-1)]).toEqual([
      "0 days",
      "1 day",
      "12 days",
      "0 days",
    ]);
  });

  it("separates the root user's row from the IAM users' rows", () => {
    const inventory = iamInventory({ credentialReport: credentialReport([rootCredentialRow(), credentialRow()]) });
    expect(userRows(inventory).map((row) => row.user)).toEqual(["deploy-bot"]);
    expect(rootRow(inventory)?.user).toBe("<root_account>");
    expect(userRows(iamInventory({}))).toEqual([]);
    expect(rootArn(inventory)).toBe("arn:aws:iam::111122223333:root");
  });

  it("numbers active keys as the report does", () => {
    const row = credentialRow({ accessKeys: [NO_ACCESS_KEY, accessKey()] });
    expect(activeKeys(row).map((key) => key.slot)).toEqual([2]);
    expect(accessKeyArn(row.arn, 2)).toBe("arn:aws:iam::111122223333:user/deploy-bot:access-key-2");
  });
});
