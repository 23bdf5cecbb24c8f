/**
 * The three policy files of an organization scan kept in step: the member role template carries
 * exactly the scanner policy's read-only actions, the management policy only what listing the
 * organization and assuming the member role need, and neither of those reaches the scanner policy.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROLE_NAME } from "../sts/assume-role";

const POLICY_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../policy");

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat()).sort();

function readJson(file: string): { Version: string; Statement: Statement[] } {
  return JSON.parse(readFileSync(path.join(POLICY_DIR, file), "utf8"));
}

/** CloudFormation's short-form functions (`!Ref X`, `!Sub "…"`, `!If [...]`) read as their long form. */
const CLOUDFORMATION_SCHEMA = yaml.DEFAULT_SCHEMA.extend(
  (
    [
      ["Ref", "scalar"],
      ["Sub", "scalar"],
      ["GetAtt", "scalar"],
      ["If", "sequence"],
      ["Not", "sequence"],
      ["Equals", "sequence"],
    ] as const
  ).map(
    ([name, kind]) =>
      new yaml.Type(`!${name}`, {
        kind,
        construct: (data: unknown) => (name === "Ref" ? { Ref: data } : { [`Fn::${name}`]: data }),
      }),
  ),
);

/** Parses the template as CloudFormation would read it; a tag this schema does not know fails the parse. */
function readTemplate(text: string) {
  return yaml.load(text, { schema: CLOUDFORMATION_SCHEMA }) as {
    Parameters: Record<string, { Default?: string; NoEcho?: boolean; AllowedPattern?: string }>;
    Resources: Record<
      string,
      {
        Type: string;
        Properties: {
          RoleName: unknown;
          AssumeRolePolicyDocument: { Statement: Statement[] };
          Policies: { PolicyName: string; PolicyDocument: { Version: string; Statement: Statement[] } }[];
        };
      }
    >;
  };
}

const scanner = readJson("safekeep-scanner-policy.json");
const management = readJson("safekeep-management-policy.json");
const templateText = readFileSync(path.join(POLICY_DIR, "safekeep-member-role.yaml"), "utf8");
const template = readTemplate(templateText);
const role = template.Resources.SafekeepAuditRole!;

/** The actions the member role's policies grant. */
function memberActions(parsed: ReturnType<typeof readTemplate>): string[] {
  const found = Object.values(parsed.Resources).find((r) => r.Type === "AWS::IAM::Role");
  return actionsOf(found?.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement) ?? []);
}

describe("member role template (policy/safekeep-member-role.yaml)", () => {
  it("grants exactly the actions of the scanner policy", () => {
    expect(memberActions(template)).toEqual(actionsOf(scanner.Statement));
    expect(memberActions(template).length).toBeGreaterThan(60);
  });

  it("notices an action missing from, or added to, the template", () => {
    const dropped = templateText.replace(/^\s+- cloudtrail:LookupEvents\n/m, "");
    expect(dropped).not.toBe(templateText);
    expect(memberActions(readTemplate(dropped))).not.toEqual(actionsOf(scanner.Statement));
    const added = templateText.replace(
      /^(\s+)- cloudtrail:LookupEvents\n/m,
      "$1- cloudtrail:LookupEvents\n$1- s3:GetObject\n",
    );
    expect(memberActions(readTemplate(added))).not.toEqual(actionsOf(scanner.Statement));
  });

  it("only allows, on every resource, as the scanner policy does", () => {
    const statements = role.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement);
    for (const statement of statements) expect(statement).toMatchObject({ Effect: "Allow", Resource: "*" });
    expect(role.Properties.Policies.map((p) => p.PolicyDocument.Version)).toEqual(["2012-10-17"]);
  });

  it("is named by a parameter defaulting to the CLI's --role-name, and trusts only the management account", () => {
    expect(role.Properties.RoleName).toEqual({ Ref: "RoleName" });
    expect(template.Parameters.RoleName?.Default).toBe(DEFAULT_ROLE_NAME);
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${ManagementAccountId}:root" } },
        Action: "sts:AssumeRole",
        Condition: {
          "Fn::If": [
            "HasExternalId",
            { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
            { Ref: "AWS::NoValue" },
          ],
        },
      },
    ]);
    // The external id is a shared secret: CloudFormation must not show it back.
    expect(template.Parameters.ExternalId).toMatchObject({ Default: "", NoEcho: true });
    expect(new RegExp(template.Parameters.ManagementAccountId!.AllowedPattern!).test("111122223333")).toBe(true);
    expect(new RegExp(template.Parameters.ManagementAccountId!.AllowedPattern!).test("11112222333")).toBe(false);
  });
});

describe("management policy (policy/safekeep-management-policy.json)", () => {
  it("lists the organization and assumes only the member role", () => {
    expect(management.Version).toBe("2012-10-17");
    expect(actionsOf(management.Statement)).toEqual([
      "organizations:DescribeOrganization",
      "organizations:ListAccounts",
      "organizations:ListParents",
      "sts:AssumeRole",
    ]);
    const assume = management.Statement.find((s) => actionsOf([s]).includes("sts:AssumeRole"));
    expect(assume).toMatchObject({ Effect: "Allow", Resource: `arn:aws:iam::*:role/${DEFAULT_ROLE_NAME}` });
    expect(actionsOf([assume!])).toEqual(["sts:AssumeRole"]);
  });

  it("stays out of the scanner policy, which every member role carries", () => {
    expect(actionsOf(scanner.Statement).filter((a) => a.startsWith("organizations:") || a.startsWith("sts:"))).toEqual(
      [],
    );
  });
});
