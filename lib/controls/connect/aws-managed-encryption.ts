import type { Control, ResourceResult } from "../types";
import { connectInstances, creationFailedResult, INSTANCE, isCreationFailed } from "./scope";

export const control: Control = {
  meta: {
    id: "connect.aws-managed-encryption",
    service: "connect",
    title: "Contact data is encrypted at rest and in transit by AWS",
    severity: "info",
    responsibility: "aws",
    recommendation: "aws-managed",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "AWS is responsible for protecting the global infrastructure that runs all the AWS services.",
    },
    resourceType: INSTANCE,
    remediation: {
      text: "None needed: Amazon Connect encrypts contact data classified as PII at rest with instance-specific keys and protects all data in transit with TLS (SRTP or DTLS-SRTP for audio).",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/data-handled-by-connect.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/encryption-in-transit.html"],
    requires: ["connect:ListInstances"],
    related: [],
    verdicts: [
      "pass: always, one row per live instance: AWS encrypts contact data at rest and in transit (shared responsibility, informational).",
      "not applicable: the instance failed to create.",
      "error: ListInstances failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return connectInstances(inventory).map((instance): ResourceResult =>
      isCreationFailed(instance)
        ? creationFailedResult(instance)
        : {
            resourceArn: instance.arn,
            resourceType: INSTANCE,
            region: instance.region,
            status: "pass",
            reason: `Connect instance ${instance.id}: AWS encrypts its contact data at rest and in transit and keeps it segregated by account and instance.`,
            evidence: { instanceStatus: instance.status ?? null },
          },
    );
  },
};
