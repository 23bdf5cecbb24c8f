/**
 * The demo account's Amazon Personalize part: dataset groups, the newest jobs of each kind, and the
 * other named resources, in us-east-1, eu-west-1 and ap-southeast-2. Personalize is offered in every
 * scanned region (docs/controls.md#regions); the others were listed and are empty.
 */
import type {
  DatasetGroup,
  PersonalizeInventory,
  PersonalizeJob,
  PersonalizeJobKind,
  PersonalizeName,
  PersonalizeRegionInventory,
} from "@/lib/inventory";
import {
  AP_SOUTHEAST_2,
  BUCKETS,
  DEMO_ACCOUNT_ID,
  EU_WEST_1,
  KEYS,
  PERSONALIZE_REGIONS,
  ROLES,
  scannedRegionsOffering,
  US_EAST_1,
} from "./ids";

const ARN_KIND: Record<PersonalizeJobKind | PersonalizeName["kind"] | "dataset-group", string> = {
  "dataset-group": "dataset-group",
  "dataset-export": "dataset-export-job",
  "batch-inference": "batch-inference-job",
  "batch-segment": "batch-segment-job",
  "metric-attribution": "metric-attribution",
  "dataset-import": "dataset-import-job",
  dataset: "dataset",
  solution: "solution",
  campaign: "campaign",
  "event-tracker": "event-tracker",
  filter: "filter",
  recommender: "recommender",
};

export function personalizeArn(region: string, kind: keyof typeof ARN_KIND, name: string): string {
  return `arn:aws:personalize:${region}:${DEMO_ACCOUNT_ID}:${ARN_KIND[kind]}/${name}`;
}

function job(region: string, kind: PersonalizeJobKind, name: string, parts: Partial<PersonalizeJob>): PersonalizeJob {
  return { arn: personalizeArn(region, kind, name), name, region, kind, status: "ACTIVE", ...parts };
}

/** `[kind, name]`, or `[kind, name, arnName]` where the ARN differs (datasets: `<group>/<TYPE>`). */
type NameEntry = [PersonalizeName["kind"], string] | [PersonalizeName["kind"], string, string];

function names(region: string, list: NameEntry[]): PersonalizeName[] {
  return list.map(([kind, name, arnName]) => ({ kind, name, arn: personalizeArn(region, kind, arnName ?? name) }));
}

// ---------------------------------------------------------------------------------------------
// us-east-1
// ---------------------------------------------------------------------------------------------
const usEast1: PersonalizeRegionInventory = {
  region: US_EAST_1,
  datasetGroups: [
    // E-commerce domain group with a customer managed key and the service role: passes.
    {
      arn: personalizeArn(US_EAST_1, "dataset-group", "storefront-recommendations"),
      name: "storefront-recommendations",
      region: US_EAST_1,
      status: "ACTIVE",
      domain: "ECOMMERCE",
      kmsKeyArn: KEYS.personalizeUse1,
      roleArn: ROLES.personalizeDatasetGroup,
      tags: [{ key: "team", value: "recommendations" }],
    },
    // Custom group created without a key: Personalize managed keys only (warning).
    {
      arn: personalizeArn(US_EAST_1, "dataset-group", "email-campaign-segments"),
      name: "email-campaign-segments",
      region: US_EAST_1,
      status: "ACTIVE",
      tags: [{ key: "team", value: "marketing" }],
    },
  ],
  jobs: [
    // Export without a key into the SSE-S3 exports bucket: warning.
    job(US_EAST_1, "dataset-export", "interactions-export-2026-11", {
      createdAt: "2026-11-16T02:00:00Z",
      outputPath: `s3://${BUCKETS.personalizeExportsUse1}/interactions/2026-11/`,
    }),
    // Export with a customer managed key: passes.
    job(US_EAST_1, "dataset-export", "items-export-2026-11", {
      createdAt: "2026-11-16T02:05:00Z",
      outputPath: `s3://${BUCKETS.personalizeExportsUse1}/items/2026-11/`,
      outputKmsKeyArn: KEYS.personalizeUse1,
    }),
    // Weekly e-mail recommendations: keyed input and output (passes).
    job(US_EAST_1, "batch-inference", "weekly-email-recs-2026-w46", {
      createdAt: "2026-11-17T04:00:00Z",
      inputPath: `s3://${BUCKETS.personalizeInputUse1}/batch/w46/users.json`,
      inputKmsKeyArn: KEYS.personalizeUse1,
      outputPath: `s3://${BUCKETS.personalizeExportsUse1}/batch/w46/`,
      outputKmsKeyArn: KEYS.personalizeUse1,
    }),
    // No key on the job, but the destination bucket defaults to SSE-KMS: upgraded to a pass.
    job(US_EAST_1, "batch-segment", "lapsed-buyers-2026-11", {
      createdAt: "2026-11-18T05:30:00Z",
      inputPath: `s3://${BUCKETS.personalizeInputUse1}/segments/input/lapsed-items.json`,
      outputPath: `s3://${BUCKETS.personalizeInputUse1}/segments/lapsed-buyers/`,
    }),
    // Metrics go to the data platform's bucket, which this account cannot inspect: warning.
    job(US_EAST_1, "metric-attribution", "storefront-ctr-attribution", {
      createdAt: "2026-05-04T10:12:00Z",
      outputPath: `s3://${BUCKETS.analyticsShared}/personalize/metrics/`,
    }),
    job(US_EAST_1, "dataset-import", "interactions-import-2026-11-19", {
      createdAt: "2026-11-19T01:00:00Z",
      inputPath: `s3://${BUCKETS.personalizeInputUse1}/interactions/2026-11-19/`,
    }),
  ],
  names: names(US_EAST_1, [
    ["dataset", "storefront-interactions", "storefront-recommendations/INTERACTIONS"],
    ["dataset", "storefront-items", "storefront-recommendations/ITEMS"],
    ["dataset", "storefront-users", "storefront-recommendations/USERS"],
    ["dataset", "email-segments-interactions", "email-campaign-segments/INTERACTIONS"],
    ["recommender", "storefront-most-viewed"],
    ["recommender", "storefront-frequently-bought"],
    ["event-tracker", "storefront-clickstream"],
    ["filter", "exclude-purchased"],
    ["solution", "email-user-personalization"],
    ["campaign", "email-weekly-picks"],
  ]),
};

// ---------------------------------------------------------------------------------------------
// eu-west-1
// ---------------------------------------------------------------------------------------------
const euWest1: PersonalizeRegionInventory = {
  region: EU_WEST_1,
  datasetGroups: [
    {
      arn: personalizeArn(EU_WEST_1, "dataset-group", "storefront-recommendations-eu"),
      name: "storefront-recommendations-eu",
      region: EU_WEST_1,
      status: "ACTIVE",
      domain: "ECOMMERCE",
      kmsKeyArn: KEYS.personalizeEuw1,
      roleArn: ROLES.personalizeDatasetGroup,
      tags: [{ key: "team", value: "recommendations" }],
    },
    // No key (warning), and a refund-test IBAN someone put in a tag.
    {
      arn: personalizeArn(EU_WEST_1, "dataset-group", "returns-propensity-eu"),
      name: "returns-propensity-eu",
      region: EU_WEST_1,
      status: "ACTIVE",
      tags: [
        { key: "team", value: "returns-analytics" },
        // planted for the detector demo: a checksum-valid IBAN in a tag (xc.pii-in-names-tags fails).
        { key: "customer-iban", value: "GB82WEST12345698765432" },
      ],
    },
  ],
  jobs: [
    job(EU_WEST_1, "dataset-import", "returns-import-2026-11-02", {
      createdAt: "2026-11-02T03:00:00Z",
      inputPath: `s3://${BUCKETS.personalizeEu}/returns/2026-11-02/`,
    }),
    // Keyed export, but the key was disabled on 10 November, so the job failed: it wrote nothing
    // (job-output-kms: not applicable) and xc.kms-key-usable shows why.
    job(EU_WEST_1, "dataset-export", "returns-export-2026-11-15", {
      status: "CREATE FAILED",
      createdAt: "2026-11-15T03:00:00Z",
      outputPath: `s3://${BUCKETS.personalizeEu}/exports/returns/`,
      outputKmsKeyArn: KEYS.personalizeExportsEuw1,
    }),
  ],
  names: names(EU_WEST_1, [
    ["dataset", "storefront-eu-interactions", "storefront-recommendations-eu/INTERACTIONS"],
    ["dataset", "storefront-eu-items", "storefront-recommendations-eu/ITEMS"],
    ["dataset", "returns-eu-interactions", "returns-propensity-eu/INTERACTIONS"],
    ["recommender", "storefront-eu-recommended-for-you"],
    ["event-tracker", "storefront-eu-clickstream"],
    ["solution", "returns-propensity-sims"],
  ]),
};

// ---------------------------------------------------------------------------------------------
// ap-southeast-2
// ---------------------------------------------------------------------------------------------
const auPromotions: DatasetGroup = {
  // Customer managed key (passes dataset-group-cmk) that is scheduled for deletion (xc.kms-key-usable fails).
  arn: personalizeArn(AP_SOUTHEAST_2, "dataset-group", "au-promotions"),
  name: "au-promotions",
  region: AP_SOUTHEAST_2,
  status: "ACTIVE",
  domain: "ECOMMERCE",
  kmsKeyArn: KEYS.personalizeApse2,
  roleArn: ROLES.personalizeDatasetGroup,
  tags: [{ key: "team", value: "promotions" }],
};

const apSoutheast2: PersonalizeRegionInventory = {
  region: AP_SOUTHEAST_2,
  datasetGroups: [
    auPromotions,
    // A creation that failed: not applicable.
    {
      arn: personalizeArn(AP_SOUTHEAST_2, "dataset-group", "au-catalog-test"),
      name: "au-catalog-test",
      region: AP_SOUTHEAST_2,
      status: "CREATE FAILED",
      tags: [{ key: "env", value: "test" }],
    },
  ],
  jobs: [
    job(AP_SOUTHEAST_2, "dataset-import", "au-interactions-import-2026-11-18", {
      createdAt: "2026-11-18T14:00:00Z",
      inputPath: `s3://${BUCKETS.personalizeAu}/interactions/2026-11-18/`,
    }),
    // No key, SSE-S3 bucket: warning.
    job(AP_SOUTHEAST_2, "batch-inference", "au-weekly-promos-2026-w46", {
      createdAt: "2026-11-17T15:00:00Z",
      inputPath: `s3://${BUCKETS.personalizeAu}/batch/w46/input.json`,
      outputPath: `s3://${BUCKETS.personalizeAu}/batch/w46/output/`,
    }),
  ],
  names: names(AP_SOUTHEAST_2, [
    ["dataset", "au-promotions-interactions", "au-promotions/INTERACTIONS"],
    ["dataset", "au-promotions-items", "au-promotions/ITEMS"],
    ["recommender", "au-promotions-best-sellers"],
    ["filter", "in-stock-au"],
  ]),
};

const populated = new Map([usEast1, euWest1, apSoutheast2].map((r) => [r.region, r]));

export const demoPersonalize: PersonalizeInventory = {
  regions: scannedRegionsOffering(PERSONALIZE_REGIONS).map(
    (region) => populated.get(region) ?? { region, datasetGroups: [], jobs: [], names: [] },
  ),
};
