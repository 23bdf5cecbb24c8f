import type { Control, ResourceResult } from "../types";
import { macieRegions, macieSessionArn } from "./macie-scope";

const RESOURCE_TYPE = "Macie session";

export const control: Control = {
  meta: {
    id: "xc.macie-enabled",
    service: "account",
    title: "Amazon Macie is enabled in the Regions that hold service data",
    severity: "medium",
    responsibility: "customer",
    recommendation: "macie",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "Use advanced managed security services such as Amazon Macie, which assists in discovering and securing personal data that is stored in Amazon S3.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Enable Macie in the Region (or through the Organizations delegated administrator) and run sensitive data discovery on the buckets that receive Connect recordings and transcripts and Personalize data.",
      url: "https://docs.aws.amazon.com/macie/latest/APIReference/macie.html",
    },
    docs: ["https://docs.aws.amazon.com/config/latest/developerguide/macie-status-check.html"],
    requires: ["macie2:GetMacieSession"],
    related: ["Security Hub Macie.1", "Prowler macie_is_enabled", "AWS Config macie-status-check"],
    verdicts: [
      "pass: one row per scanned Region where Macie is offered: Macie is enabled there.",
      "warn: Macie is paused (settings kept, no discovery or jobs run).",
      'fail: GetMacieSession answered "Macie is not enabled".',
      "error: GetMacieSession failed for any other reason (e.g. access denied).",
    ],
  },
  evaluate(inventory) {
    // Regions where Macie is not offered return no MacieRegion (the scan lists them as skipped).
    return macieRegions(inventory).map((macie): ResourceResult => {
      const base = {
        resourceArn: macieSessionArn(inventory, macie.region),
        resourceType: RESOURCE_TYPE,
        region: macie.region,
        evidence: { macieStatus: macie.status },
      };
      switch (macie.status) {
        case "ENABLED":
          return { ...base, status: "pass", reason: `Amazon Macie is enabled in ${macie.region}.` };
        case "PAUSED":
          return {
            ...base,
            status: "warn",
            reason: `Amazon Macie is paused in ${macie.region}: it keeps its settings but runs no discovery or jobs.`,
          };
        case "NOT_ENABLED":
          return {
            ...base,
            status: "fail",
            reason: `Amazon Macie is not enabled in ${macie.region}, so personal data in its S3 buckets is not discovered.`,
          };
      }
    });
  },
};
