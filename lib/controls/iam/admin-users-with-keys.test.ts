import { describe, expect, it } from "vitest";
import type { AccessKeyUsage, IamInventory, IamUser } from "@/lib/inventory";
import {
  accessKey,
  ADMINISTRATOR_ACCESS,
  allowStatement,
  authorization,
  credentialReport,
  credentialRow,
  iamArn,
  iamGroup,
  IAM_TEST_NOW,
  iamInventory,
  iamUser,
  managedPolicy,
  NO_ACCESS_KEY,
} from "@/lib/inventory/builders";
import { control } from "./admin-users-with-keys";

const now = IAM_TEST_NOW;
type Keys = [AccessKeyUsage, AccessKeyUsage];
const withKey: Keys = [accessKey(), NO_ACCESS_KEY];
const noKeys: Keys = [NO_ACCESS_KEY, accessKey({ active: false })];
const ADMINS = iamGroup({ name: "Administrators", attachedPolicies: [ADMINISTRATOR_ACCESS] });
const STAR_POLICY = managedPolicy({ name: "LegacyFullAccess", statements: [allowStatement(["*"])] });

function evaluate(user: IamUser, keys: Keys = withKey, extra: Partial<IamInventory> = {}) {
  return control.evaluate(
    iamInventory({
      authorization: authorization({ users: [user], groups: [ADMINS], policies: [STAR_POLICY] }),
      credentialReport: credentialReport([credentialRow({ user: user.name, arn: user.arn, accessKeys: keys })]),
      ...extra,
    }),
    { now },
  );
}

describe("iam.admin-users-with-keys", () => {
  it.each([
    {
      name: "AdministratorAccess attached, active key",
      user: iamUser({ name: "ops", attachedPolicies: [ADMINISTRATOR_ACCESS] }),
      keys: withKey,
      status: "fail",
      reason: /an active access key/,
    },
    {
      name: "admin through a group, active key",
      user: iamUser({ name: "ops", groups: ["Administrators"] }),
      keys: withKey,
      status: "fail",
      reason: /administrator rights and an active/,
    },
    {
      name: "customer *:* policy, active key",
      user: iamUser({ name: "ops", attachedPolicies: [{ name: STAR_POLICY.name, arn: STAR_POLICY.arn }] }),
      keys: withKey,
      status: "fail",
      reason: /administrator rights/,
    },
    {
      name: "inline *:*, two keys",
      user: iamUser({ name: "ops", inlinePolicies: [{ name: "all", statements: [allowStatement(["*:*"])] }] }),
      keys: [accessKey(), accessKey()] as Keys,
      status: "fail",
      reason: /two active access keys/,
    },
    {
      name: "admin without active keys",
      user: iamUser({ name: "ops", attachedPolicies: [ADMINISTRATOR_ACCESS] }),
      keys: noKeys,
      status: "pass",
      reason: /no active access keys/,
    },
    {
      name: "conditional * is not admin",
      user: iamUser({ name: "ops", inlinePolicies: [{ name: "c", statements: [allowStatement(["*"], ["*"], true)] }] }),
      keys: withKey,
      status: "not-applicable",
      reason: /no administrator rights/,
    },
    {
      name: "scoped user with a key",
      user: iamUser({ name: "ops" }),
      keys: withKey,
      status: "not-applicable",
      reason: /no administrator rights/,
    },
  ])("$name → $status", ({ user, keys, status, reason }) => {
    const [result] = evaluate(user, keys);
    expect(result).toMatchObject({ status, resourceArn: iamArn("user", "ops"), region: "global" });
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("IAM user ops");
  });

  it("names where the admin rights come from", () => {
    const [result] = evaluate(iamUser({ name: "ops", groups: ["Administrators"] }));
    expect(result?.evidence).toMatchObject({
      adminSources: [`group:Administrators/managed:${ADMINISTRATOR_ACCESS.arn}`],
      activeKeys: ["access_key_1"],
    });
  });

  it("warns about an admin created after the credential report", () => {
    const user = iamUser({ name: "new-admin", attachedPolicies: [ADMINISTRATOR_ACCESS] });
    const [result] = control.evaluate(
      iamInventory({
        authorization: authorization({ users: [user] }),
        credentialReport: credentialReport([credentialRow({ user: "someone-else" })], "2026-05-31T23:00:00.000Z"),
      }),
      { now },
    );
    expect(result?.status).toBe("warn");
    expect(result?.reason).toMatch(/missing from the credential report of 2026-05-31/);
    expect(result?.evidence.activeKeys).toBeNull();
  });

  it("yields nothing unless both authorization details and the credential report were collected", () => {
    const user = iamUser({ attachedPolicies: [ADMINISTRATOR_ACCESS] });
    expect(control.evaluate(iamInventory({ authorization: authorization({ users: [user] }) }), { now })).toEqual([]);
    expect(control.evaluate(iamInventory({ credentialReport: credentialReport([credentialRow()]) }), { now })).toEqual(
      [],
    );
  });
});
