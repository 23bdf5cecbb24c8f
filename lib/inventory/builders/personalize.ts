import type {
  AccountInventory,
  DatasetGroup,
  Inventory,
  PersonalizeJob,
  PersonalizeName,
  PersonalizeRegionInventory,
  S3Bucket,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

function personalizeArn(kind: string, name: string, region = TEST_REGION): string {
  return `arn:aws:personalize:${region}:${TEST_ACCOUNT}:${kind}/${name}`;
}

export const PERSONALIZE_TEST_KEY = `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export function buildPersonalizeRegion(
  overrides: Partial<PersonalizeRegionInventory> = {},
): PersonalizeRegionInventory {
  return { region: TEST_REGION, datasetGroups: [], jobs: [], names: [], ...overrides };
}

/**
 * An inventory holding one Personalize region with the given resources and, when given, the S3
 * buckets the account-wide collection read (named distinctively: other services build accountWide too).
 */
export function personalizeInventory(
  region: Partial<PersonalizeRegionInventory>,
  buckets?: S3Bucket[],
  overrides: Partial<Inventory> = {},
): Inventory {
  return buildInventory({
    services: ["personalize"],
    personalize: { regions: [buildPersonalizeRegion(region)] },
    accountWide: buckets ? personalizeAccountWide(buckets) : undefined,
    ...overrides,
  });
}

/** The account-wide part with only S3 buckets, as the Personalize controls read it. */
export function personalizeAccountWide(buckets: S3Bucket[]): AccountInventory {
  return { buckets, scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION } };
}

export function personalizeDatasetGroup(overrides: Partial<DatasetGroup> = {}): DatasetGroup {
  const name = overrides.name ?? "retail-recs";
  return {
    arn: personalizeArn("dataset-group", name, overrides.region),
    name,
    region: TEST_REGION,
    status: "ACTIVE",
    domain: "ECOMMERCE",
    kmsKeyArn: PERSONALIZE_TEST_KEY,
    roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/PersonalizeKmsAccess`,
    tags: [],
    ...overrides,
  };
}

const JOB_ARN_KIND: Record<PersonalizeJob["kind"], string> = {
  "dataset-export": "dataset-export-job",
  "batch-inference": "batch-inference-job",
  "batch-segment": "batch-segment-job",
  "metric-attribution": "metric-attribution",
  "dataset-import": "dataset-import-job",
};

/** A batch inference job writing to `s3://personalize-output/` with a customer managed key by default. */
export function personalizeJob(overrides: Partial<PersonalizeJob> = {}): PersonalizeJob {
  const name = overrides.name ?? "nightly-recs";
  const kind = overrides.kind ?? "batch-inference";
  return {
    arn: personalizeArn(JOB_ARN_KIND[kind], name, overrides.region),
    name,
    region: TEST_REGION,
    kind,
    status: "ACTIVE",
    createdAt: "2026-01-01T00:00:00.000Z",
    outputPath: "s3://personalize-output/nightly/",
    outputKmsKeyArn: PERSONALIZE_TEST_KEY,
    inputPath: "s3://personalize-input/users.json",
    ...overrides,
  };
}

export function personalizeName(overrides: Partial<PersonalizeName> = {}): PersonalizeName {
  const name = overrides.name ?? "home-page";
  const kind = overrides.kind ?? "campaign";
  return { kind, name, arn: personalizeArn(kind, name), ...overrides };
}

/** An S3 bucket referenced by a Personalize job, default-encrypted with SSE-KMS unless overridden. */
export function personalizeBucket(overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name: "personalize-output",
    access: "ok",
    encryption: { algorithm: "aws:kms", kmsKeyId: PERSONALIZE_TEST_KEY, bucketKeyEnabled: true },
    referencedBy: [{ service: "personalize", resourceArn: personalizeArn("batch-inference-job", "nightly-recs") }],
    ...overrides,
  };
}
