import { describe, expect, it } from "vitest";
import { foreignDeniedKey, kmsKey, storageInventory, TEST_KEY_ID } from "@/lib/inventory/builders";
import { describeUsers, isCrossAccount, keyLabel, keyResourceArn, resourceKind } from "./kms-scope";

const A = "111122223333";

describe("kms-scope", () => {
  it.each([
    [`arn:aws:elasticache:us-east-1:${A}:replicationgroup:orders`, "ElastiCache replication group"],
    [`arn:aws:elasticache:us-east-1:${A}:serverlesscache:s`, "ElastiCache serverless cache"],
    [`arn:aws:elasticache:us-east-1:${A}:snapshot:n`, "ElastiCache backup"],
    [`arn:aws:elasticache:us-east-1:${A}:serverlesscachesnapshot:n`, "ElastiCache serverless backup"],
    [`arn:aws:cognito-idp:us-east-1:${A}:userpool/us-east-1_X`, "Cognito user pool"],
    [`arn:aws:personalize:us-east-1:${A}:dataset-group/retail`, "Personalize dataset group"],
    [`arn:aws:personalize:us-east-1:${A}:batch-inference-job/b`, "Personalize batch inference job"],
    [`arn:aws:connect:us-east-1:${A}:instance/abc`, "Connect instance"],
    [`arn:aws:cloudtrail:us-east-1:${A}:trail/org`, "CloudTrail trail"],
    [`arn:aws:kinesis:us-east-1:${A}:stream/ctr`, "Kinesis data stream"],
    [`arn:aws:firehose:us-east-1:${A}:deliverystream/ev`, "Firehose stream"],
    ["arn:aws:s3:::recordings", "S3 bucket"],
  ])("resourceKind(%s) = %s", (arn, kind) => {
    expect(resourceKind(arn)).toBe(kind);
  });

  it("counts users by kind, in first-seen order", () => {
    expect(
      describeUsers([
        { service: "connect", resourceArn: `arn:aws:connect:us-east-1:${A}:instance/a` },
        { service: "account", resourceArn: "arn:aws:s3:::b1" },
        { service: "connect", resourceArn: `arn:aws:connect:us-east-1:${A}:instance/b` },
        { service: "account", resourceArn: `arn:aws:kinesis:us-east-1:${A}:stream/s` },
      ]),
    ).toBe("2 Connect instances, 1 S3 bucket and 1 Kinesis data stream");
    expect(describeUsers([])).toBe("no resource the scan saw");
  });

  it("labels keys by id or alias, and gives alias names an ARN", () => {
    const inventory = storageInventory();
    expect(keyLabel(kmsKey())).toBe(TEST_KEY_ID);
    expect(keyLabel(kmsKey({ arn: `arn:aws:kms:us-east-1:${A}:alias/orders` }))).toBe("alias/orders");
    expect(keyLabel(kmsKey({ arn: "alias/aws/kinesis" }))).toBe("alias/aws/kinesis");
    expect(keyResourceArn(kmsKey({ arn: "alias/aws/kinesis" }), inventory)).toBe(
      `arn:aws:kms:us-east-1:${A}:alias/aws/kinesis`,
    );
    expect(keyResourceArn(kmsKey(), inventory)).toBe(kmsKey().arn);
  });

  it("tells another account's key from an own key", () => {
    const inventory = storageInventory();
    expect(isCrossAccount(foreignDeniedKey(), inventory)).toBe(true);
    expect(isCrossAccount(kmsKey(), inventory)).toBe(false);
    expect(isCrossAccount(kmsKey({ accountId: undefined }), inventory)).toBe(false);
  });
});
