import type { Control } from "../types";
import { evaluateS3Storage } from "./s3-storage";
import { STORAGE_CONFIG } from "./scope";

export const control: Control = {
  meta: {
    id: "connect.other-s3-storage-kms",
    service: "connect",
    title: "Scheduled reports, contact evaluations and attachments are encrypted with a KMS key",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: STORAGE_CONFIG,
    remediation: {
      text: "Set a KMS key on the storage configurations for scheduled reports, contact evaluations and attachments, or set SSE-KMS default encryption on their S3 bucket.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/update-instance-settings.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/encryption-at-rest.html"],
    requires: ["connect:ListInstances", "connect:ListInstanceStorageConfigs", "s3:GetEncryptionConfiguration"],
    related: ["CloudSploit instanceReportsEncrypted", "CloudSploit instanceAttachmentsEncrypted"],
    verdicts: [
      "pass: the S3 storage configuration for scheduled reports, contact evaluations or attachments names a KMS key, or its bucket defaults to SSE-KMS.",
      "warn: no key on the configuration and the bucket does not default to SSE-KMS.",
      "not applicable: the instance failed to create, does not support or has no storage for that type, or stores it outside S3.",
      "error: ListInstances, ListInstanceStorageConfigs for that type, or the bucket's encryption could not be read.",
    ],
  },
  evaluate(inventory) {
    return evaluateS3Storage(inventory, {
      resourceTypes: ["SCHEDULED_REPORTS", "CONTACT_EVALUATIONS", "ATTACHMENTS"],
      // The remediation accepts SSE-KMS bucket default encryption as the fix here.
      withoutKey: (bucketUsesKms) => (bucketUsesKms ? "pass" : "warn"),
    });
  },
};
