import { GetBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { BucketReference } from "@/lib/inventory/references";
import { createCollectScope } from "../harness";
import { collectBucketEncryption, toBucketEncryption } from "./collect";
import { collectBuckets } from "./index";

const REGION = "us-east-1";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const INSTANCE = "arn:aws:connect:us-east-1:111122223333:instance/abcd";

const ref = (bucket: string): BucketReference => ({
  bucket,
  references: [{ service: "connect", resourceArn: INSTANCE }],
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const s3 = mockClient(S3Client);
const client = new S3Client({ region: REGION });

beforeEach(() => {
  s3.reset();
});

function encryptedWith(algorithm: "AES256" | "aws:kms" | "aws:kms:dsse", keyId?: string, bucketKey?: boolean) {
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, KMSMasterKeyID: keyId },
          BucketKeyEnabled: bucketKey,
        },
      ],
    },
  };
}

describe("toBucketEncryption", () => {
  it("maps SSE-KMS with its key and bucket key setting", () => {
    expect(toBucketEncryption(encryptedWith("aws:kms", KEY, true).ServerSideEncryptionConfiguration)).toEqual({
      algorithm: "aws:kms",
      kmsKeyId: KEY,
      bucketKeyEnabled: true,
    });
  });

  it("maps SSE-S3 without a key", () => {
    expect(toBucketEncryption(encryptedWith("AES256").ServerSideEncryptionConfiguration)).toEqual({
      algorithm: "AES256",
      kmsKeyId: undefined,
      bucketKeyEnabled: undefined,
    });
  });

  it("is null without a rule that sets a default algorithm", () => {
    expect(toBucketEncryption(undefined)).toBeNull();
    expect(toBucketEncryption({ Rules: [] })).toBeNull();
    expect(toBucketEncryption({ Rules: [{ BucketKeyEnabled: true }] })).toBeNull();
  });
});

describe("collectBucketEncryption", () => {
  it("reads each bucket's default encryption, keeping who refers to it", async () => {
    s3.on(GetBucketEncryptionCommand, { Bucket: "kms-bucket" }).resolves(encryptedWith("aws:kms:dsse", KEY));
    s3.on(GetBucketEncryptionCommand, { Bucket: "s3-bucket" }).resolves(encryptedWith("AES256"));

    const { inventory, errors } = await collectBucketEncryption(client, REGION, [ref("kms-bucket"), ref("s3-bucket")]);

    expect(errors).toEqual([]);
    expect(inventory).toEqual([
      {
        name: "kms-bucket",
        access: "ok",
        encryption: { algorithm: "aws:kms:dsse", kmsKeyId: KEY, bucketKeyEnabled: undefined },
        referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
      },
      {
        name: "s3-bucket",
        access: "ok",
        encryption: { algorithm: "AES256", kmsKeyId: undefined, bucketKeyEnabled: undefined },
        referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
      },
    ]);
  });

  it("records a bucket without default encryption as encryption null", async () => {
    s3.on(GetBucketEncryptionCommand).rejects(
      awsError(
        "ServerSideEncryptionConfigurationNotFoundError",
        "The server side encryption configuration was not found",
        404,
      ),
    );
    const { inventory, errors } = await collectBucketEncryption(client, REGION, [ref("plain")]);
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ name: "plain", access: "ok", encryption: null }]);
  });

  it("marks a refused bucket denied, without an error: it may belong to another account", async () => {
    s3.on(GetBucketEncryptionCommand).rejects(awsError("AccessDenied", "Access Denied", 403));
    const { inventory, errors } = await collectBucketEncryption(client, REGION, [ref("org-logs")]);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([
      { name: "org-logs", access: "denied", referencedBy: [{ service: "connect", resourceArn: INSTANCE }] },
    ]);
  });

  it("marks a bucket that does not exist not-found", async () => {
    s3.on(GetBucketEncryptionCommand).rejects(awsError("NoSuchBucket", "The specified bucket does not exist", 404));
    const { inventory, errors } = await collectBucketEncryption(client, REGION, [ref("gone")]);
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ name: "gone", access: "not-found" }]);
    expect(inventory[0]?.encryption).toBeUndefined();
  });

  it.each([
    { name: "throttled", error: awsError("TooManyRequestsException", "slow down", 429), kind: "throttled" },
    { name: "generic", error: awsError("InternalError", "We encountered an internal error", 500), kind: "other" },
  ])("a $name failure leaves that bucket out with an error; the rest is collected", async ({ error, kind }) => {
    s3.on(GetBucketEncryptionCommand).resolves(encryptedWith("AES256"));
    s3.on(GetBucketEncryptionCommand, { Bucket: "bad" }).rejects(error);
    const { inventory, errors } = await collectBucketEncryption(client, REGION, [ref("bad"), ref("good")]);
    expect(inventory.map((b) => b.name)).toEqual(["good"]);
    expect(errors).toEqual([
      expect.objectContaining({ service: "account", region: REGION, action: "s3:GetEncryptionConfiguration", kind }),
    ]);
  });

  it("keeps nothing but the one error when the Region does not answer", async () => {
    s3.on(GetBucketEncryptionCommand).rejects(
      Object.assign(new Error("getaddrinfo ENOTFOUND s3.ap-east-1.amazonaws.com"), { code: "ENOTFOUND" }),
    );
    const { inventory, errors } = await collectBucketEncryption(client, "ap-east-1", [ref("a"), ref("b")]);
    expect(inventory).toEqual([]);
    expect(errors).toMatchObject([{ region: "ap-east-1", kind: "region-unavailable" }]);
  });

  it("keeps at most three calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    s3.on(GetBucketEncryptionCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return encryptedWith("AES256");
    });
    const { inventory } = await collectBucketEncryption(client, REGION, ["a", "b", "c", "d", "e"].map(ref));
    expect(inventory).toHaveLength(5);
    expect(peak).toBe(3);
  });
});

describe("collectBuckets", () => {
  const scope = () => createCollectScope({ accountId: "111122223333", partition: "aws" });

  it("uses a client that follows Region redirects from the home Region", async () => {
    s3.on(GetBucketEncryptionCommand).resolves(encryptedWith("AES256"));
    const { inventory } = await collectBuckets("eu-west-1", scope(), [ref("a")]);
    expect(inventory).toHaveLength(1);
    const sender = s3.commandCalls(GetBucketEncryptionCommand)[0]?.thisValue as S3Client;
    expect(sender.config.followRegionRedirects).toBe(true);
    expect(await sender.config.region()).toBe("eu-west-1");
  });

  it("makes no call when nothing refers to a bucket", async () => {
    expect(await collectBuckets(REGION, scope(), [])).toEqual({ inventory: [], errors: [] });
    expect(s3.calls()).toHaveLength(0);
  });
});
