import type { Control, ResourceResult } from "../types";
import { macieRegions, macieSessionArn } from "./macie-scope";

const RESOURCE_TYPE = "Macie configuration";

export const control: Control = {
  meta: {
    id: "xc.macie-automated-discovery",
    service: "account",
    title: "Macie automated sensitive data discovery is on",
    severity: "low",
    responsibility: "customer",
    recommendation: "macie",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "Use advanced managed security services such as Amazon Macie, which assists in discovering and securing personal data that is stored in Amazon S3.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Turn on automated sensitive data discovery in Macie (from the administrator account in an organization), or run targeted classification jobs on the Connect and Personalize buckets.",
      url: "https://docs.aws.amazon.com/macie/latest/APIReference/automated-discovery-configuration.html",
    },
    docs: ["https://docs.aws.amazon.com/config/latest/developerguide/macie-auto-sensitive-data-discovery-check.html"],
    requires: ["macie2:GetMacieSession", "macie2:GetAutomatedDiscoveryConfiguration"],
    related: ["Security Hub Macie.2", "Prowler macie_automated_sensitive_data_discovery_enabled"],
    verdicts: [
      "pass: in a Region where Macie is enabled, automated sensitive data discovery is on.",
      "warn: automated sensitive data discovery is off.",
      "not applicable: the account is a Macie member account (the administrator account sets discovery); Regions where Macie is not enabled are xc.macie-enabled's findings.",
      "error: GetAutomatedDiscoveryConfiguration could not be read.",
    ],
  },
  evaluate(inventory) {
    // Only where Macie is enabled: elsewhere xc.macie-enabled already reports the gap.
    return macieRegions(inventory)
      .filter((macie) => macie.status === "ENABLED")
      .flatMap((macie): ResourceResult[] => {
        const base = {
          resourceArn: macieSessionArn(inventory, macie.region),
          resourceType: RESOURCE_TYPE,
          region: macie.region,
          evidence: {
            automatedDiscovery: macie.automatedDiscovery ?? null,
            memberAccount: macie.memberAccount === true,
          },
        };
        if (macie.memberAccount) {
          return [
            {
              ...base,
              status: "not-applicable",
              reason: `Macie in ${macie.region} is a member account: automated discovery is set by the Macie administrator account.`,
            },
          ];
        }
        if (macie.automatedDiscovery === "ENABLED") {
          return [
            { ...base, status: "pass", reason: `Macie automated sensitive data discovery is on in ${macie.region}.` },
          ];
        }
        if (macie.automatedDiscovery === "DISABLED") {
          return [
            {
              ...base,
              status: "warn",
              reason: `Macie automated sensitive data discovery is off in ${macie.region}, so buckets are only checked by jobs you run.`,
            },
          ];
        }
        // Not read (the call failed): the runner reports the error.
        return [];
      });
  },
};
