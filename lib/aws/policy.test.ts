/**
 * Keeps the shipped least-privilege policy and the collectors in step: every command a collector can
 * send needs its IAM action in the policy, and the policy grants nothing beyond reading.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { iamActionFor } from "./actions";

const AWS_DIR = path.dirname(new URL(import.meta.url).pathname);
const POLICY_FILE = path.resolve(AWS_DIR, "../../policy/safekeep-scanner-policy.json");

/** IAM prefix of each SDK client package (docs/controls.md#permissions). */
const CLIENT_PREFIXES: Record<string, string> = {
  "client-elasticache": "elasticache",
  "client-cognito-identity-provider": "cognito-idp",
  "client-cognito-identity": "cognito-identity",
  "client-personalize": "personalize",
  "client-iam": "iam",
  "client-sts": "sts",
  "client-connect": "connect",
  "client-cloudtrail": "cloudtrail",
  "client-kms": "kms",
  "client-macie2": "macie2",
  "client-kinesis": "kinesis",
  "client-firehose": "firehose",
  "client-s3": "s3",
  "client-resource-groups-tagging-api": "tag",
  "client-account": "account",
  "client-ec2": "ec2",
  "client-organizations": "organizations",
};

/**
 * Actions that are not List/Get/Describe by name but are read-only in AWS's service authorization
 * data: generating the credential report only builds a report of existing credentials, and
 * LookupEvents reads CloudTrail's event history.
 */
const READ_ONLY_EXCEPTIONS = new Set(["iam:GenerateCredentialReport", "cloudtrail:LookupEvents"]);
const READ_ONLY_ACTION = /^[a-z0-9-]+:(List|Get|Describe)[A-Za-z0-9]*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every command a collector file can send, from its imports of SDK command classes and paginators. */
function actionsSentBy(source: string): string[] {
  const actions: string[] = [];
  for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"@aws-sdk\/(client-[a-z0-9-]+)"/g)) {
    const [, names = "", pkg = ""] = match;
    const prefix = CLIENT_PREFIXES[pkg];
    if (!prefix) throw new Error(`unknown SDK client package ${pkg}: add its IAM prefix`);
    for (const raw of names.split(",")) {
      const name =
        raw
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0] ?? "";
      const command = name.endsWith("Command")
        ? name
        : name.startsWith("paginate")
          ? `${name.slice("paginate".length)}Command`
          : undefined;
      if (!command) continue;
      const action = iamActionFor(command, prefix);
      if (action) actions.push(action);
    }
  }
  return actions;
}

const policy = JSON.parse(readFileSync(POLICY_FILE, "utf8")) as {
  Version: string;
  Statement: { Effect: string; Action: string[]; Resource: string }[];
};
const granted = new Set(policy.Statement.flatMap((s) => s.Action));
/**
 * Listing the organization (lib/aws/organizations) runs only in the account that assumes the member
 * roles: its actions are granted by policy/safekeep-management-policy.json, never by the scanner policy
 * each member role carries (lib/aws/organizations/policies.test.ts holds both files to that).
 */
const managementGranted = new Set(
  (
    JSON.parse(
      readFileSync(path.resolve(AWS_DIR, "../../policy/safekeep-management-policy.json"), "utf8"),
    ) as typeof policy
  ).Statement.flatMap((s) => s.Action),
);
const used = [...new Set(sourceFiles(AWS_DIR).flatMap((f) => actionsSentBy(readFileSync(f, "utf8"))))].sort();

describe("scanner IAM policy", () => {
  it("finds the commands the collectors send", () => {
    expect(used).toContain("elasticache:DescribeReplicationGroups");
    expect(used).toContain("elasticache:DescribeServerlessCacheSnapshots");
  });

  it.each(used)("grants %s, which a collector calls", (action) => {
    expect((action.startsWith("organizations:") ? managementGranted : granted).has(action)).toBe(true);
  });

  it("only allows, and only read-level actions without wildcards", () => {
    expect(policy.Version).toBe("2012-10-17");
    for (const statement of policy.Statement) expect(statement.Effect).toBe("Allow");
    const notReadOnly = [...granted].filter((a) => !READ_ONLY_ACTION.test(a) && !READ_ONLY_EXCEPTIONS.has(a));
    expect(notReadOnly).toEqual([]);
    expect([...granted].filter((a) => a.includes("*"))).toEqual([]);
  });

  it("derives actions from imports, paginators and renamed commands", () => {
    expect(
      actionsSentBy(
        'import { DescribeUsersCommand, paginateDescribeSnapshots, ElastiCacheClient, type X as Y } from "@aws-sdk/client-elasticache";\n' +
          'import { GetBucketEncryptionCommand as Enc } from "@aws-sdk/client-s3";',
      ),
    ).toEqual(["elasticache:DescribeUsers", "elasticache:DescribeSnapshots", "s3:GetEncryptionConfiguration"]);
  });
});
