import { describe, expect, it } from "vitest";
import { cacheUser, elasticacheInventory, userGroup } from "@/lib/inventory/builders";
import type { CacheUser } from "@/lib/inventory";
import { control } from "./rbac-default-user";

const now = new Date("2026-06-01T00:00:00Z");

const app = cacheUser({ id: "orders-app" });
const openDefault = cacheUser({
  id: "default",
  userName: "default",
  accessString: "on ~* +@all",
  authenticationType: "no-password",
  passwordCount: 0,
});
const noPassword = (accessString: string, id = "nopass-user") =>
  cacheUser({ id, accessString, authenticationType: "no-password", passwordCount: 0 });

function evaluateMembers(...members: CacheUser[]) {
  const group = userGroup({ userIds: members.map((user) => user.id) });
  return control.evaluate(elasticacheInventory({ userGroups: [group], users: members }), { now });
}

describe("elasticache.rbac-default-user", () => {
  it.each([
    { name: "password users only", members: [app], status: "pass" },
    { name: "AWS default user (on ~* +@all, no password)", members: [openDefault, app], status: "fail" },
    {
      name: "open user written with allkeys allcommands",
      members: [noPassword("on allkeys allcommands")],
      status: "fail",
    },
    { name: "open user with read-write key pattern", members: [noPassword("on %RW~* +@all")], status: "fail" },
    { name: "open user in upper case", members: [noPassword("ON ~* +@ALL")], status: "fail" },
    { name: "default user switched off", members: [noPassword("off ~* +@all", "default"), app], status: "pass" },
    { name: "access string without on (users start off)", members: [noPassword("~* +@all")], status: "pass" },
    { name: "turned off by a later rule", members: [noPassword("on ~* +@all off")], status: "pass" },
    { name: "no-password user limited to some keys", members: [noPassword("on ~cache:* +@all")], status: "warn" },
    { name: "no-password user limited to read commands", members: [noPassword("on ~* +@read")], status: "warn" },
    { name: "all commands revoked after grant", members: [noPassword("on ~* +@all -@all +get")], status: "warn" },
    {
      name: "default user with a password",
      members: [cacheUser({ id: "default", userName: "default", accessString: "on ~* +@all" })],
      status: "pass",
    },
    {
      name: "IAM user with full access",
      members: [cacheUser({ accessString: "on ~* +@all", authenticationType: "iam", passwordCount: 0 })],
      status: "pass",
    },
  ])("$name → $status", ({ members, status }) => {
    const [result] = evaluateMembers(...members);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-users");
    expect(result?.reason).toContain("orders-cache");
  });

  it("names the open user and the swap fix, and the restricted no-password user", () => {
    const [open] = evaluateMembers(openDefault, app);
    expect(open?.reason).toMatch(/contains default, which anyone can log in as without a password/);
    expect(open?.reason).toMatch(/swap in a "default" user that is off or has a password/);
    const [restricted] = evaluateMembers(noPassword("on ~cache:* +get", "reader"));
    expect(restricted?.reason).toMatch(/reader/);
  });

  it.each([
    { name: "unattached group", group: { replicationGroups: [], serverlessCaches: [] }, count: 0 },
    {
      name: "group attached to a serverless cache",
      group: { replicationGroups: [], serverlessCaches: ["catalog-serverless"] },
      count: 1,
    },
    { name: "group being deleted", group: { status: "deleting" }, count: 0 },
  ])("scope: $name → $count result(s)", ({ group, count }) => {
    const results = control.evaluate(
      elasticacheInventory({ userGroups: [userGroup({ ...group, userIds: ["default"] })], users: [openDefault] }),
      { now },
    );
    expect(results).toHaveLength(count);
    for (const result of results) expect(result.status).toBe("fail");
  });

  it("looks members up in the group's own region only, and never takes an unread member as safe", () => {
    const inventory = elasticacheInventory({ userGroups: [userGroup({ userIds: ["default"] })], users: [] });
    inventory.elasticache?.regions.push({
      region: "eu-west-1",
      replicationGroups: [],
      cacheClusters: [],
      serverlessCaches: [],
      userGroups: [],
      users: [{ ...openDefault, region: "eu-west-1" }],
      snapshots: [],
    });
    const [result] = control.evaluate(inventory, { now });
    expect(result?.status).toBe("warn");
    expect(result?.reason).toContain("lists default, which could not be read");
  });

  it.each([
    { name: "every member unread (DescribeUsers failed)", read: [], status: "warn" },
    { name: "a password user read, the open default not", read: [app], status: "warn" },
    { name: "the open default read, another member not", read: [openDefault], status: "fail" },
  ])("$name → $status, depending on both user lookups", ({ read, status }) => {
    const group = userGroup({ userIds: ["default", "orders-app"] });
    const [result] = control.evaluate(elasticacheInventory({ userGroups: [group], users: read }), { now });
    expect(result?.status).toBe(status);
    expect(result?.dependsOn).toEqual([
      { action: "elasticache:DescribeUserGroups", region: "us-east-1" },
      { action: "elasticache:DescribeUsers", region: "us-east-1" },
    ]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateMembers(openDefault, app, noPassword("on ~cache:* +get", "reader"));
    expect(result?.evidence).toEqual({
      engine: "redis",
      attachedTo: ["orders-cache"],
      userIds: ["default", "orders-app", "reader"],
      openFullAccessUserIds: ["default"],
      noPasswordUserIds: ["reader"],
      unreadUserIds: [],
    });
  });
});
