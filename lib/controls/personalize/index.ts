import type { Control } from "../types";
import { control as awsManagedEncryption } from "./aws-managed-encryption";
import { control as datasetGroupCmk } from "./dataset-group-cmk";
import { control as jobOutputKms } from "./job-output-kms";
import { control as s3BucketEncryption } from "./s3-bucket-encryption";

export const personalizeControls: readonly Control[] = [
  awsManagedEncryption,
  datasetGroupCmk,
  jobOutputKms,
  s3BucketEncryption,
];
