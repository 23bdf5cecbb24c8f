import { describe, expect, it } from "vitest";
import type { IamInventory, PolicyStatement } from "@/lib/inventory";
import {
  ADMINISTRATOR_ACCESS,
  allowStatement,
  authorization,
  iamArn,
  iamGroup,
  IAM_TEST_NOW,
  iamInventory,
  iamRole,
  iamUser,
  managedPolicy,
} from "@/lib/inventory/builders";
import { control } from "./least-privilege-no-star";

const now = IAM_TEST_NOW;
const notAction = (notActions: string[], resources = ["*"], hasCondition = false): PolicyStatement => ({
  effect: "Allow",
  notActions,
  resources,
  hasCondition,
});

function evaluate(parts: Partial<NonNullable<IamInventory["authorization"]>>) {
  return control.evaluate(iamInventory({ authorization: authorization(parts) }), { now });
}

describe("iam.least-privilege-no-star", () => {
  it.each([
    {
      name: "scoped statements",
      statements: [allowStatement(["s3:GetObject"], ["arn:aws:s3:::b/*"])],
      status: "pass",
      reason: /no wildcard/,
    },
    {
      name: "Action * on *",
      statements: [allowStatement(["*"])],
      status: "fail",
      reason: /every action on every resource/,
    },
    { name: "Action *:* on *", statements: [allowStatement(["s3:GetObject", "*:*"])], status: "fail", reason: /\*:\*/ },
    {
      name: "* with a condition",
      statements: [allowStatement(["*"], ["*"], true)],
      status: "pass",
      reason: /no wildcard/,
    },
    {
      name: "* on one bucket",
      statements: [allowStatement(["*"], ["arn:aws:s3:::b"])],
      status: "pass",
      reason: /no wildcard/,
    },
    {
      name: "Deny * on *",
      statements: [{ ...allowStatement(["*"]), effect: "Deny" as const }],
      status: "pass",
      reason: /no wildcard/,
    },
    {
      name: "NotAction on *",
      statements: [notAction(["iam:*", "organizations:*"])],
      status: "warn",
      reason: /every action except iam:\*, organizations:\*/,
    },
    {
      name: "NotAction on one bucket",
      statements: [notAction(["iam:*"], ["arn:aws:s3:::b"])],
      status: "pass",
      reason: /no wildcard/,
    },
    {
      name: "NotAction and *:* together",
      statements: [notAction(["iam:*"]), allowStatement(["*"])],
      status: "fail",
      reason: /every action on every resource/,
    },
  ])("customer managed policy with $name → $status", ({ statements, status, reason }) => {
    const results = evaluate({ policies: [managedPolicy({ name: "LegacyFullAccess", statements })] });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status, resourceArn: iamArn("policy", "LegacyFullAccess"), region: "global" });
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toContain("Customer managed policy LegacyFullAccess");
  });

  it("does not judge unattached customer policies or AWS managed policy documents", () => {
    expect(
      evaluate({
        policies: [
          managedPolicy({ name: "UnusedWildcardDraft", attachmentCount: 0, statements: [allowStatement(["*:*"])] }),
          managedPolicy({
            ...ADMINISTRATOR_ACCESS,
            awsManaged: true,
            attachmentCount: 3,
            statements: [allowStatement(["*"])],
          }),
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    {
      kind: "user",
      parts: {
        users: [iamUser({ name: "ops", inlinePolicies: [{ name: "all", statements: [allowStatement(["*"])] }] })],
      },
      arn: iamArn("user", "ops"),
    },
    {
      kind: "group",
      parts: {
        groups: [iamGroup({ name: "ops", inlinePolicies: [{ name: "all", statements: [allowStatement(["*"])] }] })],
      },
      arn: iamArn("group", "ops"),
    },
    {
      kind: "role",
      parts: {
        roles: [iamRole({ name: "ops", inlinePolicies: [{ name: "all", statements: [allowStatement(["*"])] }] })],
      },
      arn: iamArn("role", "ops"),
    },
  ])("fails a *:* inline policy on a $kind", ({ kind, parts, arn }) => {
    const [result] = evaluate(parts);
    expect(result).toMatchObject({
      status: "fail",
      resourceArn: `${arn}:inline-policy/all`,
      resourceType: "Inline policy",
    });
    expect(result?.reason).toContain(`Inline policy all of ${kind} ops`);
    expect(result?.evidence).toMatchObject({ adminStatements: 1, principalType: kind });
  });

  it("lists AdministratorAccess attachments as warnings, for users, groups and roles", () => {
    const results = evaluate({
      users: [iamUser({ name: "breakglass-admin", attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      groups: [iamGroup({ name: "Administrators", attachedPolicies: [ADMINISTRATOR_ACCESS] })],
      roles: [iamRole({ name: "OrganizationAccountAccessRole", attachedPolicies: [ADMINISTRATOR_ACCESS] })],
    });
    expect(results.map((r) => [r.status, r.resourceArn])).toEqual([
      ["warn", `${iamArn("user", "breakglass-admin")}:attached-policy/AdministratorAccess`],
      ["warn", `${iamArn("group", "Administrators")}:attached-policy/AdministratorAccess`],
      ["warn", `${iamArn("role", "OrganizationAccountAccessRole")}:attached-policy/AdministratorAccess`],
    ]);
    expect(results[2]?.reason).toMatch(/AdministratorAccess policy is attached to role OrganizationAccountAccessRole/);
  });

  it("does not take a customer policy named AdministratorAccess for AWS's", () => {
    const lookalike = { name: "AdministratorAccess", arn: iamArn("policy", "AdministratorAccess") };
    const results = evaluate({
      users: [iamUser({ attachedPolicies: [lookalike] })],
      policies: [managedPolicy({ ...lookalike })],
    });
    expect(results.map((r) => [r.resourceType, r.status])).toEqual([["Customer managed policy", "pass"]]);
  });

  it("skips service-linked roles", () => {
    const results = evaluate({
      roles: [
        iamRole({
          name: "AWSServiceRoleForElastiCache",
          path: "/aws-service-role/elasticache.amazonaws.com/",
          inlinePolicies: [{ name: "all", statements: [allowStatement(["*"])] }],
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ],
    });
    expect(results).toEqual([]);
  });

  it("masks personal data in user names", () => {
    const [result] = evaluate({
      users: [
        iamUser({
          name: "jane.doe@example.com",
          inlinePolicies: [{ name: "all", statements: [allowStatement(["*"])] }],
        }),
      ],
    });
    expect(result?.reason).toContain("user j•••@example.com");
    expect(result?.reason).not.toContain("jane.doe");
  });

  it("yields nothing when authorization details were not collected", () => {
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });
});
