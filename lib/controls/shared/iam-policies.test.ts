import { describe, expect, it } from "vitest";
import type { IamInventory, IamUser, PolicyStatement } from "@/lib/inventory";
import {
  actionMatches,
  effectiveStatements,
  hasAdminRights,
  isFullAdminStatement,
  statementAllows,
} from "./iam-policies";

const allow = (actions: string[], resources = ["*"], hasCondition = false): PolicyStatement => ({
  effect: "Allow",
  actions,
  resources,
  hasCondition,
});

describe("iam policy reading", () => {
  it.each([
    ["connect:*", "connect:DescribeContact", true],
    ["connect:Describe*", "connect:DescribeContact", true],
    ["Connect:describe*", "connect:DescribeContact", true],
    ["connect:List*", "connect:DescribeContact", false],
    ["*", "s3:GetObject", true],
    ["s3:Get?bject", "s3:GetObject", true],
    ["s3:Get.bject", "s3:GetObject", false],
  ])("%s matches %s: %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it("reads NotAction as everything else", () => {
    const notIam: PolicyStatement = { effect: "Allow", notActions: ["iam:*"], resources: ["*"], hasCondition: false };
    expect(statementAllows(notIam, "connect:ListInstances")).toBe(true);
    expect(statementAllows(notIam, "iam:CreateUser")).toBe(false);
    expect(statementAllows({ ...allow(["*"]), effect: "Deny" }, "s3:GetObject")).toBe(false);
  });

  it("knows full admin when it sees it", () => {
    expect(isFullAdminStatement(allow(["*"]))).toBe(true);
    expect(isFullAdminStatement(allow(["*:*"]))).toBe(true);
    expect(isFullAdminStatement(allow(["*"], ["arn:aws:s3:::x"]))).toBe(false);
    expect(isFullAdminStatement(allow(["*"], ["*"], true))).toBe(false);
  });

  it("collects statements from the user, its managed policies and its groups", () => {
    const user: IamUser = {
      name: "deploy",
      arn: "arn:aws:iam::111122223333:user/deploy",
      groups: ["admins"],
      inlinePolicies: [{ name: "own", statements: [allow(["s3:GetObject"])] }],
      attachedPolicies: [{ name: "Custom", arn: "arn:aws:iam::111122223333:policy/Custom" }],
      tags: [],
    };
    const iam: IamInventory = {
      authorization: {
        users: [user],
        roles: [],
        groups: [
          {
            name: "admins",
            arn: "arn:aws:iam::111122223333:group/admins",
            inlinePolicies: [],
            attachedPolicies: [{ name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
          },
        ],
        policies: [
          {
            name: "Custom",
            arn: "arn:aws:iam::111122223333:policy/Custom",
            attachmentCount: 1,
            awsManaged: false,
            statements: [allow(["connect:*"])],
          },
        ],
      },
    };
    expect(effectiveStatements(iam, user).map((s) => s.source)).toEqual([
      "inline:own",
      "managed:arn:aws:iam::111122223333:policy/Custom",
    ]);
    expect(hasAdminRights(iam, user)).toBe(true);
    expect(hasAdminRights(iam, { ...user, groups: [] })).toBe(false);
  });
});
