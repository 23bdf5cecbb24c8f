import type { Control } from "../types";
import { accountResourceArn, GLOBAL_REGION } from "./scope";

const RESOURCE_TYPE = "AWS account";

export const control: Control = {
  meta: {
    id: "iam.aws-managed-encryption",
    service: "iam",
    title: "IAM and STS encrypt data at rest and in transit (AWS managed)",
    severity: "info",
    responsibility: "aws",
    recommendation: "aws-managed",
    seed: { file: "003_19f6510e5e2315ca.txt", quote: "Data that is collected and stored by IAM is encrypted at rest." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "None needed: AWS encrypts IAM data at rest and requires TLS for IAM and STS requests; customers cannot manage these keys.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/data-protection.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html"],
    requires: [],
    related: [],
    verdicts: [
      "pass: always, one row for the account: AWS encrypts IAM data at rest and accepts IAM and STS requests only over TLS; customers cannot manage these keys (shared responsibility, informational).",
      "error: never: it reads no AWS data.",
    ],
  },
  evaluate(inventory) {
    // Shared responsibility: AWS's side. Nothing to read; shown so the page covers every seed sentence.
    return [
      {
        resourceArn: accountResourceArn(inventory, "root"),
        resourceType: RESOURCE_TYPE,
        region: GLOBAL_REGION,
        status: "pass",
        reason: `AWS encrypts the IAM data of account ${inventory.account.id} at rest and accepts IAM and STS requests only over TLS.`,
        evidence: {
          encryptedAtRest: true,
          tlsRequired: true,
          customerManagedKeys: false,
          seed: "You can't manage encryption keys using IAM or AWS STS.",
        },
      },
    ];
  },
};
