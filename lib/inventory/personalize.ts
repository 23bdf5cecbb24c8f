/** Amazon Personalize inventory, per region where Personalize is offered. */
import type { Tag } from "./common";

export interface DatasetGroup {
  arn: string;
  name: string;
  region: string;
  status?: string;
  domain?: string;
  kmsKeyArn?: string;
  roleArn?: string;
  tags: Tag[];
  /**
   * Added for the Personalize collector: true when DescribeDatasetGroup failed (the error is in
   * `Inventory.errors`), so `kmsKeyArn` and `roleArn` are unknown rather than absent and controls must
   * not judge them. The group is still listed: its name, tags and region are known from the list call.
   */
  describeFailed?: boolean;
}

export type PersonalizeJobKind =
  "dataset-export" | "batch-inference" | "batch-segment" | "metric-attribution" | "dataset-import";

export interface PersonalizeJob {
  arn: string;
  name: string;
  region: string;
  kind: PersonalizeJobKind;
  status?: string;
  createdAt?: string;
  /** s3://bucket/prefix the job writes to (exports, batch outputs, metric attribution). */
  outputPath?: string;
  outputKmsKeyArn?: string;
  /** s3://bucket/prefix the job reads (imports, batch inputs). */
  inputPath?: string;
  inputKmsKeyArn?: string;
}

/** Other named resources, kept only for the personal-data detector. */
export interface PersonalizeName {
  kind: "dataset" | "solution" | "campaign" | "event-tracker" | "filter" | "recommender";
  name: string;
  arn: string;
}

export interface PersonalizeRegionInventory {
  region: string;
  datasetGroups: DatasetGroup[];
  /** The newest ≤ 20 jobs of each kind, described. */
  jobs: PersonalizeJob[];
  names: PersonalizeName[];
}

export interface PersonalizeInventory {
  regions: PersonalizeRegionInventory[];
}
