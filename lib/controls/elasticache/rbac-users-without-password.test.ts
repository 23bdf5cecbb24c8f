import { describe, expect, it } from "vitest";
import { cacheUser, elasticacheInventory, userGroup } from "@/lib/inventory/builders";
import { control } from "./rbac-users-without-password";

const now = new Date("2026-06-01T00:00:00Z");

const open = {
  id: "default",
  userName: "default",
  accessString: "on ~* +@all",
  authenticationType: "no-password" as const,
  passwordCount: 0,
};

function evaluateUser(
  overrides: Parameters<typeof cacheUser>[0],
  groups = [userGroup({ userIds: ["default", "orders-app"] })],
) {
  return control.evaluate(elasticacheInventory({ users: [cacheUser(overrides)], userGroups: groups }), { now });
}

describe("elasticache.rbac-users-without-password", () => {
  it.each([
    { name: "IAM user", user: { authenticationType: "iam" as const, passwordCount: 0 }, status: "pass", reason: /IAM/ },
    {
      name: "password user",
      user: { authenticationType: "password" as const, passwordCount: 1 },
      status: "pass",
      reason: /password/,
    },
    {
      name: "user with two passwords (rotation)",
      user: { authenticationType: "password" as const, passwordCount: 2 },
      status: "pass",
      reason: /password/,
    },
    {
      name: "no-password user switched off",
      user: { ...open, id: "orders-app", accessString: "off ~* +@all" },
      status: "pass",
      reason: /disabled/,
    },
    {
      name: "no-password user with restricted access",
      user: { ...open, id: "orders-app", accessString: "on ~orders:* +get" },
      status: "warn",
      reason: /without a password/,
    },
    {
      name: "password type with no password on record",
      user: { authenticationType: "password" as const, passwordCount: 0 },
      status: "warn",
      reason: /no password on record/,
    },
    {
      name: "authentication type missing",
      user: { authenticationType: undefined, passwordCount: undefined },
      status: "warn",
      reason: /unknown/,
    },
    {
      name: "open full-access user in an attached group",
      user: open,
      status: "fail",
      reason: /every key and command in attached user group orders-users/,
    },
  ])("$name → $status", ({ user, status, reason }) => {
    const [result] = evaluateUser(user);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(`User ${"id" in user ? user.id : "orders-app"} `);
    expect(result?.reason).toMatch(reason);
  });

  it.each([
    { name: "in no group", groups: [] },
    {
      name: "only in an unattached group",
      groups: [userGroup({ userIds: ["default"], replicationGroups: [], serverlessCaches: [] })],
    },
    { name: "only in a group being deleted", groups: [userGroup({ userIds: ["default"], status: "deleting" })] },
    { name: "in an attached group it is not a member of", groups: [userGroup({ userIds: ["orders-app"] })] },
  ])("an open full-access user $name is only a warning", ({ groups }) => {
    const [result] = evaluateUser(open, groups);
    expect(result?.status).toBe("warn");
  });

  it("judges every user, attached or not, and skips users being deleted", () => {
    const results = control.evaluate(
      elasticacheInventory({
        users: [
          cacheUser({}),
          cacheUser({ ...open, id: "loose", userGroupIds: [] }),
          cacheUser({ id: "gone", status: "deleting" }),
        ],
        userGroups: [],
      }),
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "warn"]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateUser(open);
    expect(result?.evidence).toEqual({
      authenticationType: "no-password",
      passwordCount: 0,
      accessString: "on ~* +@all",
      attachedUserGroupIds: ["orders-users"],
      unreadUserGroupIds: [],
    });
  });

  describe("user groups that could not be read", () => {
    it("an open user whose group is missing (DescribeUserGroups failed) is not judged unattached", () => {
      const [result] = evaluateUser({ ...open, userGroupIds: ["orders-users"] }, []);
      expect(result?.status).toBe("warn");
      expect(result?.reason).toMatch(/its user group orders-users could not be read/);
      expect(result?.evidence).toMatchObject({ unreadUserGroupIds: ["orders-users"] });
      expect(result?.dependsOn).toEqual([
        { action: "elasticache:DescribeUsers", region: "us-east-1" },
        { action: "elasticache:DescribeUserGroups", region: "us-east-1" },
      ]);
    });

    it.each([
      { name: "IAM user", user: { authenticationType: "iam" as const } },
      { name: "password user", user: { authenticationType: "password" as const, passwordCount: 1 } },
      { name: "disabled user", user: { ...open, accessString: "off ~* +@all" } },
      { name: "restricted no-password user", user: { ...open, accessString: "on ~orders:* +get" } },
      { name: "open user in no group at all", user: { ...open, userGroupIds: [] } },
    ])("a $name is judged from its own record, whatever the groups", ({ user }) => {
      const [result] = evaluateUser(user, []);
      expect(result?.dependsOn).toEqual([{ action: "elasticache:DescribeUsers", region: "us-east-1" }]);
    });

    it("a fail that read an attached group depends on the group listing", () => {
      const [result] = evaluateUser(open);
      expect(result?.status).toBe("fail");
      expect(result?.dependsOn).toContainEqual({ action: "elasticache:DescribeUserGroups", region: "us-east-1" });
    });
  });
});
