import type { Control } from "../types";
import { evaluateS3Storage } from "./s3-storage";
import { STORAGE_CONFIG } from "./scope";

export const control: Control = {
  meta: {
    id: "connect.recordings-transcripts-kms",
    service: "connect",
    title: "Recordings, transcripts and email messages are encrypted with a KMS key",
    severity: "high",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: STORAGE_CONFIG,
    remediation: {
      text: "In the Amazon Connect console (Data storage) or with UpdateInstanceStorageConfig, turn on encryption with a KMS key for call recordings, chat transcripts, screen recordings and email messages; prefer a customer managed key.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/update-instance-settings.html",
    },
    docs: [
      "https://docs.aws.amazon.com/connect/latest/adminguide/encryption-at-rest.html",
      "https://docs.aws.amazon.com/connect/latest/adminguide/update-instance-settings.html",
    ],
    requires: ["connect:ListInstances", "connect:ListInstanceStorageConfigs", "s3:GetEncryptionConfiguration"],
    related: ["CloudSploit instanceCallRecordingEncrypted", "CloudSploit instanceTranscriptsEncrypted"],
    verdicts: [
      "pass: an S3 storage configuration for call recordings, chat transcripts, screen recordings or email messages names a KMS key.",
      "warn: no key on the configuration, but the bucket defaults to SSE-KMS.",
      "fail: no key on the configuration and the bucket does not default to SSE-KMS.",
      "not applicable: the instance failed to create, does not support or has no storage for that type, or stores it outside S3.",
      "error: ListInstances, ListInstanceStorageConfigs for that type, or the bucket's encryption could not be read.",
    ],
  },
  evaluate(inventory) {
    return evaluateS3Storage(inventory, {
      resourceTypes: ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCREEN_RECORDINGS", "EMAIL_MESSAGES"],
      // SSE-KMS bucket default still KMS-encrypts new objects, so the miss is a warning, not a failure.
      withoutKey: (bucketUsesKms) => (bucketUsesKms ? "warn" : "fail"),
    });
  },
};
