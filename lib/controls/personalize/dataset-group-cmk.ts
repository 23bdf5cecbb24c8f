import type { DatasetGroup } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { personalizeRegions } from "./scope";

const RESOURCE_TYPE = "Dataset group";

/**
 * A group that failed to create or is being deleted holds no data to protect.
 * "DELETE IN_PROGRESS" follows "DELETE PENDING" in the documented status cycle, so it is skipped too.
 */
const NOT_JUDGED_STATUSES = new Set(["CREATE FAILED", "DELETE PENDING", "DELETE IN_PROGRESS"]);

function judge(group: DatasetGroup): Pick<ResourceResult, "status" | "reason"> {
  if (group.status !== undefined && NOT_JUDGED_STATUSES.has(group.status)) {
    return {
      status: "not-applicable",
      reason: `Dataset group ${group.name} is in status ${group.status}, so it holds no data to protect.`,
    };
  }
  if (!group.kmsKeyArn) {
    return {
      status: "warn",
      reason: `Dataset group ${group.name} has no customer managed key: its data is encrypted with Amazon Personalize managed keys, and the key can only be chosen when a dataset group is created.`,
    };
  }
  // Personalize reaches a customer managed key through this role; without one the key cannot be used.
  if (!group.roleArn) {
    return {
      status: "warn",
      reason: `Dataset group ${group.name} names a customer managed key without a role: Amazon Personalize needs a service role allowed to use the key.`,
    };
  }
  return {
    status: "pass",
    reason: `Dataset group ${group.name} is encrypted with a customer managed KMS key, used through its service role.`,
  };
}

export const control: Control = {
  meta: {
    id: "personalize.dataset-group-cmk",
    service: "personalize",
    title: "Dataset groups are encrypted with a customer managed KMS key",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote: "You can also use one of your own AWS Key Management Service (AWS KMS) keys.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "The key is fixed when a dataset group is created: create a new dataset group with kmsKeyArn and a service role allowed kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey, kms:CreateGrant and kms:ListGrants on the key, then move the data into it.",
      url: "https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html",
    },
    docs: ["https://docs.aws.amazon.com/personalize/latest/dg/data-encryption.html"],
    requires: ["personalize:ListDatasetGroups", "personalize:DescribeDatasetGroup"],
    related: [],
    verdicts: [
      "pass: the dataset group is encrypted with a customer managed KMS key, used through its service role.",
      "warn: the group has no customer managed key (Personalize managed keys; the key can only be chosen at creation), or names a key without a role.",
      "not applicable: the group failed to create or is being deleted.",
      "error: ListDatasetGroups or the group's DescribeDatasetGroup failed.",
    ],
  },
  evaluate(inventory) {
    return personalizeRegions(inventory).flatMap((region) =>
      region.datasetGroups
        // Unknown, not absent: the failed describe is reported by the runner as an error.
        .filter((group) => group.describeFailed !== true)
        .map((group): ResourceResult => ({
          resourceArn: group.arn,
          resourceType: RESOURCE_TYPE,
          region: group.region,
          ...judge(group),
          evidence: {
            kmsKeyArn: group.kmsKeyArn ?? null,
            roleArn: group.roleArn ?? null,
            status: group.status ?? null,
          },
        })),
    );
  },
};
