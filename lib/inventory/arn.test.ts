import { describe, expect, it } from "vitest";
import { parseArn } from "./arn";

describe("parseArn", () => {
  it.each([
    [
      "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:orders",
      {
        partition: "aws",
        service: "elasticache",
        region: "us-east-1",
        accountId: "111122223333",
        resource: "replicationgroup:orders",
      },
    ],
    [
      "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      {
        partition: "aws",
        service: "kms",
        region: "eu-west-1",
        accountId: "111122223333",
        resource: "key/1234abcd-12ab-34cd-56ef-1234567890ab",
      },
    ],
    ["arn:aws:s3:::bucket", { partition: "aws", service: "s3", region: "", accountId: "", resource: "bucket" }],
    [
      "arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/Role",
      {
        partition: "aws",
        service: "iam",
        region: "",
        accountId: "111122223333",
        resource: "role/aws-service-role/connect.amazonaws.com/Role",
      },
    ],
    [
      "arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/org",
      {
        partition: "aws-us-gov",
        service: "cloudtrail",
        region: "us-gov-west-1",
        accountId: "111122223333",
        resource: "trail/org",
      },
    ],
    [
      "arn:aws-cn:cognito-idp:cn-north-1:111122223333:userpool/cn-north-1_abc",
      {
        partition: "aws-cn",
        service: "cognito-idp",
        region: "cn-north-1",
        accountId: "111122223333",
        resource: "userpool/cn-north-1_abc",
      },
    ],
  ])("splits %s", (value, expected) => {
    expect(parseArn(value)).toEqual(expected);
  });

  it.each(["alias/aws/kinesis", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms", "aws:s3:::bucket:x:y", ""])(
    "is undefined for %j",
    (value) => {
      expect(parseArn(value)).toBeUndefined();
    },
  );
});
