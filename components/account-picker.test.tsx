import { describe, expect, it } from "vitest";
import { pickerTarget } from "./account-picker";

const PROD = "111122223333";

describe("pickerTarget", () => {
  it.each([
    // Pages that show the picked account in place keep their path (and drop a pinned snapshot).
    ["/", PROD, `/?account=${PROD}`],
    ["/services/iam", PROD, `/services/iam?account=${PROD}`],
    ["/services/iam/controls/iam.root-mfa", PROD, `/services/iam/controls/iam.root-mfa?account=${PROD}`],
    ["/snapshots", PROD, `/snapshots?account=${PROD}`],
    // A comparison is of two snapshots: picking an account leads to that account's history.
    ["/snapshots/compare", PROD, `/snapshots?account=${PROD}`],
    // Elsewhere: the account's overview.
    ["/accounts", PROD, `/?account=${PROD}`],
    ["/scan", PROD, `/?account=${PROD}`],
    // No account: the same page, newest snapshot of any account.
    ["/services/iam", "", "/services/iam"],
    ["/snapshots", "", "/snapshots"],
  ])("%s, %j → %s", (pathname, account, expected) => {
    expect(pickerTarget(pathname, account)).toBe(expected);
  });
});
