import { describe, expect, it } from "vitest";
import { personalizeBucket, personalizeInventory } from "@/lib/inventory/builders";
import { bucketOfS3Path, findBucket, isKmsBucketEncryption, personalizeBuckets } from "./scope";

describe("bucketOfS3Path", () => {
  it.each([
    ["s3://bucket/prefix/file.csv", "bucket"],
    ["s3://bucket", "bucket"],
    ["s3://bucket/", "bucket"],
    ["S3://Bucket/x", "Bucket"],
    ["https://bucket.s3.amazonaws.com/x", undefined],
    ["s3:///nobucket", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s → %s", (path, bucket) => {
    expect(bucketOfS3Path(path)).toBe(bucket);
  });
});

describe("isKmsBucketEncryption", () => {
  it.each([
    [{ algorithm: "aws:kms" }, true],
    [{ algorithm: "aws:kms:dsse" }, true],
    [{ algorithm: "AES256" }, false],
    [null, false],
    [undefined, false],
  ])("%j → %s", (encryption, expected) => {
    expect(isKmsBucketEncryption(encryption)).toBe(expected);
  });
});

describe("bucket lookups", () => {
  const inventory = personalizeInventory({}, [
    personalizeBucket({ name: "mine" }),
    personalizeBucket({ name: "other", referencedBy: [{ service: "cloudtrail", resourceArn: "arn:trail" }] }),
  ]);

  it("finds Personalize buckets by reference and any bucket by exact name", () => {
    expect(personalizeBuckets(inventory).map((b) => b.name)).toEqual(["mine"]);
    expect(findBucket(inventory, "other")?.name).toBe("other");
    expect(findBucket(inventory, "min")).toBeUndefined();
    expect(findBucket(inventory, undefined)).toBeUndefined();
    expect(personalizeBuckets(personalizeInventory({}))).toEqual([]);
  });
});
