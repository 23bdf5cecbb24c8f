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

/** Jobs of one kind that the list call returned but the collector did not describe (they are older). */
export interface JobsNotExamined {
  kind: PersonalizeJobKind;
  /** Jobs of this kind the list returned in the Region. */
  listed: number;
  /** Of those, how many were not described, so no control judged them. */
  notExamined: number;
}

export interface PersonalizeRegionInventory {
  region: string;
  datasetGroups: DatasetGroup[];
  /** The newest ≤ 20 jobs of each kind, described. */
  jobs: PersonalizeJob[];
  names: PersonalizeName[];
  /**
   * Per kind, the older jobs left undescribed because only the newest of each kind are read; absent
   * when every listed job was examined. Scan coverage: older jobs were not judged by any control.
   */
  jobsNotExamined?: JobsNotExamined[];
}

export interface PersonalizeInventory {
  regions: PersonalizeRegionInventory[];
}
