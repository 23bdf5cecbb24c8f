import type { Inventory, S3Bucket } from "@/lib/inventory";
import type { Control, Evidence, ResourceResult, Status } from "../types";
import { arnRegion, arnResourceName, findKmsKey, isKmsAlgorithm, keyDescription, liveInstances } from "./scope";

const RESOURCE_TYPE = "S3 bucket";

interface BucketUse {
  name: string;
  /** Region of the first instance writing to it: Connect buckets share their instance's Region. */
  region: string;
  instanceIds: string[];
}

/**
 * The buckets Connect writes to: those named by live instances' S3 storage configurations, plus
 * any the account-wide scan recorded as referenced by Connect (in case a storage list failed).
 */
function bucketUses(inventory: Inventory): BucketUse[] {
  const uses = new Map<string, BucketUse>();
  for (const instance of liveInstances(inventory)) {
    for (const config of instance.storageConfigs) {
      const name = config.s3?.bucketName;
      if (!name) continue;
      const use = uses.get(name) ?? { name, region: instance.region, instanceIds: [] };
      if (!use.instanceIds.includes(instance.id)) use.instanceIds.push(instance.id);
      uses.set(name, use);
    }
  }
  for (const bucket of inventory.accountWide?.buckets ?? []) {
    const reference = bucket.referencedBy.find((candidate) => candidate.service === "connect");
    if (uses.has(bucket.name) || !reference) continue;
    uses.set(bucket.name, {
      name: bucket.name,
      region: arnRegion(reference.resourceArn) ?? "global",
      instanceIds: [arnResourceName(reference.resourceArn)],
    });
  }
  return [...uses.values()];
}

interface Verdict {
  status: Status;
  finding: string;
}

function judge(inventory: Inventory, bucket: S3Bucket, region: string): Verdict | undefined {
  if (bucket.access === "denied") {
    return {
      status: "warn",
      finding:
        "could not be read (access refused, or the bucket is in another account): cannot verify its default encryption",
    };
  }
  if (bucket.access === "not-found") {
    return { status: "warn", finding: "does not exist, so Connect cannot store data in it" };
  }
  // Undefined: the encryption setting was not collected; the runner reports the failed call.
  if (bucket.encryption === undefined) return undefined;
  if (bucket.encryption === null) return { status: "warn", finding: "has no default encryption configured" };
  const { algorithm, kmsKeyId } = bucket.encryption;
  if (isKmsAlgorithm(algorithm)) {
    const key = kmsKeyId ? findKmsKey(inventory, kmsKeyId, region) : undefined;
    const dsse = algorithm === "aws:kms:dsse" ? "dual-layer " : "";
    return { status: "pass", finding: `defaults to ${dsse}SSE-KMS with ${keyDescription(key)}` };
  }
  if (algorithm === "AES256") {
    return { status: "warn", finding: "defaults to SSE-S3 (Amazon S3 managed keys), not SSE-KMS" };
  }
  return { status: "warn", finding: `defaults to ${algorithm}, not SSE-KMS` };
}

export const control: Control = {
  meta: {
    id: "connect.storage-bucket-encryption",
    service: "connect",
    title: "S3 buckets that hold Connect data default to SSE-KMS encryption",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Set the default encryption of each Connect storage bucket to SSE-KMS, preferably with a customer managed key, and turn on S3 Bucket Keys to cut KMS cost.",
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/data-handled-by-connect.html"],
    requires: ["connect:ListInstances", "connect:ListInstanceStorageConfigs", "s3:GetEncryptionConfiguration"],
    related: [],
    verdicts: [
      "pass: an S3 bucket that holds Connect data defaults to SSE-KMS or dual-layer SSE-KMS.",
      "warn: it defaults to SSE-S3 or another algorithm, has no default encryption, is unreadable or another account's, or no longer exists.",
      "error: the bucket's GetEncryptionConfiguration, or the instance's storage configurations, could not be read.",
    ],
  },
  evaluate(inventory) {
    return bucketUses(inventory).flatMap((use): ResourceResult[] => {
      const bucket = inventory.accountWide?.buckets?.find((candidate) => candidate.name === use.name);
      if (!bucket) return [];
      const verdict = judge(inventory, bucket, use.region);
      if (!verdict) return [];
      const evidence: Evidence = {
        bucketName: bucket.name,
        access: bucket.access,
        defaultEncryption: bucket.encryption?.algorithm ?? null,
        kmsKeyId: bucket.encryption?.kmsKeyId ?? null,
        bucketKeyEnabled: bucket.encryption?.bucketKeyEnabled ?? null,
        connectInstanceIds: use.instanceIds,
      };
      return [
        {
          resourceArn: `arn:${inventory.account.partition}:s3:::${bucket.name}`,
          resourceType: RESOURCE_TYPE,
          region: use.region,
          status: verdict.status,
          reason: `S3 bucket ${bucket.name}, used by Amazon Connect, ${verdict.finding}.`,
          evidence,
        },
      ];
    });
  },
};
