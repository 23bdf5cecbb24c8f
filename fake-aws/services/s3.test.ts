import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { collectBucketEncryption } from "@/lib/aws/s3/collect";
import type { S3Bucket } from "@/lib/inventory";
import { kmsKeyArn, s3Bucket, storageInventory, TEST_REGION } from "@/lib/inventory/builders";
import type { BucketReference } from "@/lib/inventory/references";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { FAKE_SERVICES } from "./index";
import { s3 } from "./s3";

const buckets: S3Bucket[] = [
  s3Bucket(),
  s3Bucket({ name: "personalize-exports", encryption: { algorithm: "AES256" } }),
  s3Bucket({ name: "dsse-logs", encryption: { algorithm: "aws:kms:dsse", kmsKeyId: kmsKeyArn() } }),
  s3Bucket({ name: "unencrypted-uploads", encryption: null }),
  { ...s3Bucket({ name: "log-archive-central" }), access: "denied", encryption: undefined },
  { ...s3Bucket({ name: "deleted-bucket" }), access: "not-found", encryption: undefined },
];

function scenario(list: S3Bucket[], faults: Scenario["faults"] = []): Scenario {
  return { inventory: storageInventory({ buckets: list }), faults };
}

function references(list: readonly S3Bucket[]): BucketReference[] {
  return list.map((bucket) => ({ bucket: bucket.name, references: bucket.referencedBy }));
}

/** A name with dots: the SDK's endpoint rules put it in the host name even for an http IP endpoint. */
const dotted = s3Bucket({ name: "logs.example.com", encryption: { algorithm: "AES256", bucketKeyEnabled: false } });

let fake: FakeAws;
let client: S3Client;

function s3Client(options: { forcePathStyle?: boolean } = {}): S3Client {
  return new S3Client({
    region: TEST_REGION,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    // As lib/aws/s3 builds it: one client that follows S3's Region redirects.
    followRegionRedirects: true,
    ...options,
  });
}

beforeAll(async () => {
  FAKE_SERVICES[s3.model.signingName] = s3;
  fake = await startFakeAws(scenario(buckets));
  client = s3Client();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  client.destroy();
  delete FAKE_SERVICES[s3.model.signingName];
  await fake.close();
});

describe("fake S3", () => {
  it("routes path-style requests (/bucket/?encryption) and round-trips through the real collector", async () => {
    fake.setScenario(scenario(buckets));
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, references(buckets));
    expect(errors).toEqual([]);
    expect(inventory).toEqual(buckets);
    expect(fake.counts()).toEqual({ "s3:GetBucketEncryption": buckets.length });
  });

  it("answers NoSuchBucket for a bucket the scenario does not hold", async () => {
    fake.setScenario(scenario(buckets));
    const ref = { bucket: "never-created", references: buckets[0]!.referencedBy };
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, [ref]);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([{ name: "never-created", access: "not-found", referencedBy: ref.references }]);
  });

  it("serves a bucket name with dots to a client that forces path-style addressing", async () => {
    fake.setScenario(scenario([dotted]));
    const pathStyle = s3Client({ forcePathStyle: true });
    try {
      const { inventory, errors } = await collectBucketEncryption(pathStyle, TEST_REGION, references([dotted]));
      expect(errors).toEqual([]);
      expect(inventory).toEqual([dotted]);
    } finally {
      pathStyle.destroy();
    }
  });

  it("cannot be reached for a bucket name with dots by the collector's default client (SDK builds an invalid host)", async () => {
    fake.setScenario(scenario([dotted]));
    // The SDK logs the URL it failed to build.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, references([dotted])).finally(() =>
      logged.mockRestore(),
    );
    expect(inventory).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ kind: "other", message: "TypeError: Invalid URL" })]);
    expect(fake.counts()).toEqual({});
  });

  it("answers an unknown S3 operation as AWS does, without crashing", async () => {
    const response = await fetch(`${fake.url}/some-bucket/?replication=`, {
      headers: {
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x",
      },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>UnknownOperationException</Code>");
  });

  it("injects access denied: buckets marked denied, not reported (their owner is unknown)", async () => {
    fake.setScenario(scenario(buckets, [{ action: "s3:GetBucketEncryption", kind: "access-denied" }]));
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, references(buckets));
    expect(errors).toEqual([]);
    expect(inventory.map((bucket) => bucket.access)).toEqual(buckets.map(() => "denied"));
  });

  it("injects SlowDown throttling: the bucket is left out and the call reported", async () => {
    fake.setScenario(scenario(buckets, [{ action: "s3:GetBucketEncryption", kind: "throttle" }]));
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, references(buckets.slice(0, 1)));
    expect(inventory).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ action: "s3:GetEncryptionConfiguration", kind: "throttled", region: TEST_REGION }),
    ]);
  });

  it("injects a server error: the call is reported as other", async () => {
    fake.setScenario(scenario(buckets, [{ action: "s3:GetBucketEncryption", kind: "server-error" }]));
    const { inventory, errors } = await collectBucketEncryption(client, TEST_REGION, references(buckets.slice(0, 1)));
    expect(inventory).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "s3:GetEncryptionConfiguration", kind: "other" })]);
  });
});
