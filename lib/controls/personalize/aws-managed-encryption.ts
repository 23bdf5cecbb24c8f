import type { PersonalizeRegionInventory } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { personalizeRegions } from "./scope";

const RESOURCE_TYPE = "Region";

function hasResources(region: PersonalizeRegionInventory): boolean {
  return region.datasetGroups.length + region.jobs.length + region.names.length > 0;
}

export const control: Control = {
  meta: {
    id: "personalize.aws-managed-encryption",
    service: "personalize",
    title: "Personalize encrypts data at rest and uses TLS 1.2 in transit",
    severity: "info",
    responsibility: "aws",
    recommendation: "aws-managed",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote: "By default, Amazon Personalize uses TLS 1.2 with AWS certificates to encrypt data in transit.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "None needed: Amazon Personalize always encrypts the data it stores with Personalize managed AWS KMS keys and uses TLS 1.2 in transit.",
      url: "https://docs.aws.amazon.com/personalize/latest/dg/data-encryption.html",
    },
    docs: ["https://docs.aws.amazon.com/personalize/latest/dg/data-protection.html"],
    requires: ["personalize:ListDatasetGroups"],
    related: [],
    verdicts: [
      "pass: always, one row per Region with Personalize resources: Personalize encrypts stored data with its managed KMS keys and uses TLS 1.2 in transit (shared responsibility, informational).",
      "error: ListDatasetGroups failed in that Region.",
    ],
  },
  evaluate(inventory) {
    const { partition, id: account } = inventory.account;
    return personalizeRegions(inventory)
      .filter(hasResources)
      .map((region): ResourceResult => ({
        resourceArn: `arn:${partition}:personalize:${region.region}:${account}:*`,
        resourceType: RESOURCE_TYPE,
        region: region.region,
        status: "pass",
        reason: `Amazon Personalize in ${region.region} encrypts stored data with Personalize managed AWS KMS keys and uses TLS 1.2 with AWS certificates in transit.`,
        evidence: { datasetGroups: region.datasetGroups.length, jobs: region.jobs.length },
      }));
  },
};
