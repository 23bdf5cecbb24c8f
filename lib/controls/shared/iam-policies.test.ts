import { describe, expect, it } from "vitest";
import type { IamInventory, IamUser, PolicyStatement } from "@/lib/inventory";
import {
  actionMatches,
  adminGrantSources,
  effectiveStatements,
  hasAdminRights,
  isAdministratorAccessArn,
  isBroadNotActionStatement,
  isFullAdminStatement,
  isServiceLinkedRole,
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

describe("admin rights and broad statements", () => {
  const ACCOUNT = "111122223333";
  const ADMIN = { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" };
  const user = (parts: Partial<IamUser> = {}): IamUser => ({
    name: "ops",
    arn: `arn:aws:iam::${ACCOUNT}:user/ops`,
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...parts,
  });
  const inventoryWith = (parts: Partial<NonNullable<IamInventory["authorization"]>>): IamInventory => ({
    authorization: { users: [], roles: [], groups: [], policies: [], ...parts },
  });

  it.each([
    ["arn:aws:iam::aws:policy/AdministratorAccess", true],
    ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess", true],
    ["arn:aws-cn:iam::aws:policy/AdministratorAccess", true],
    [`arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`, false],
    ["arn:aws:iam::aws:policy/AdministratorAccess-Amplify", false],
    ["arn:aws:iam::aws:policy/job-function/AdministratorAccess", false],
  ])("%s is AWS's AdministratorAccess: %s", (arn, expected) => {
    expect(isAdministratorAccessArn(arn)).toBe(expected);
  });

  it("names every source of admin rights: direct, through a group, and *:* statements", () => {
    const iam = inventoryWith({
      groups: [
        { name: "admins", arn: `arn:aws:iam::${ACCOUNT}:group/admins`, inlinePolicies: [], attachedPolicies: [ADMIN] },
      ],
      policies: [{ ...ADMIN, attachmentCount: 2, awsManaged: true, statements: [allow(["*"])] }],
    });
    const ops = user({
      groups: ["admins"],
      attachedPolicies: [ADMIN],
      inlinePolicies: [{ name: "everything", statements: [allow(["*:*"])] }],
    });
    expect(adminGrantSources(iam, ops)).toEqual([
      `managed:${ADMIN.arn}`,
      `group:admins/managed:${ADMIN.arn}`,
      "inline:everything",
    ]);
    expect(hasAdminRights(iam, ops)).toBe(true);
  });

  it("does not take a customer policy named AdministratorAccess for the AWS one, but judges its statements", () => {
    const lookalike = { name: "AdministratorAccess", arn: `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess` };
    const scoped = inventoryWith({
      policies: [{ ...lookalike, attachmentCount: 1, awsManaged: false, statements: [allow(["s3:GetObject"])] }],
    });
    expect(hasAdminRights(scoped, user({ attachedPolicies: [lookalike] }))).toBe(false);
    const star = inventoryWith({
      policies: [{ ...lookalike, attachmentCount: 1, awsManaged: false, statements: [allow(["*"])] }],
    });
    expect(adminGrantSources(star, user({ attachedPolicies: [lookalike] }))).toEqual([`managed:${lookalike.arn}`]);
  });

  it("finds no admin rights in scoped or conditional statements, and works for roles", () => {
    const role = {
      name: "r",
      arn: `arn:aws:iam::${ACCOUNT}:role/r`,
      inlinePolicies: [{ name: "conditional", statements: [allow(["*"], ["*"], true)] }],
      attachedPolicies: [],
      tags: [],
    };
    expect(adminGrantSources(inventoryWith({}), role)).toEqual([]);
    expect(adminGrantSources(inventoryWith({}), { ...role, attachedPolicies: [ADMIN] })).toEqual([
      `managed:${ADMIN.arn}`,
    ]);
  });

  it("spots broad NotAction statements and service-linked roles", () => {
    const notIam = (resources: string[]): PolicyStatement => ({
      effect: "Allow",
      notActions: ["iam:*"],
      resources,
      hasCondition: false,
    });
    expect(isBroadNotActionStatement(notIam(["*"]))).toBe(true);
    expect(isBroadNotActionStatement(notIam(["arn:aws:s3:::b/*"]))).toBe(false);
    expect(isBroadNotActionStatement({ ...notIam(["*"]), effect: "Deny" })).toBe(false);
    expect(isBroadNotActionStatement(allow(["*"]))).toBe(false);
    expect(isServiceLinkedRole({ path: "/aws-service-role/elasticache.amazonaws.com/" })).toBe(true);
    expect(isServiceLinkedRole({ path: "/service-role/" })).toBe(false);
    expect(isServiceLinkedRole({ path: undefined })).toBe(false);
  });
});
