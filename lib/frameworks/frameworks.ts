/**
 * The compliance frameworks Safekeep reports against. A framework lists only the requirements that a
 * published mapping ties to one of Safekeep's controls (`mappings.ts`); a framework for which no such
 * mapping could be confirmed lists none and says why (`noMappings`), rather than borrowing a guess.
 */
export const FRAMEWORK_IDS = [
  "cis-aws-3.0",
  "cis-aws-7.0",
  "nist-800-53-r5",
  "pci-dss-4.0",
  "iso-27001-2022",
  "soc2-2017",
  "aws-fsbp",
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export interface Framework {
  id: FrameworkId;
  name: string;
  version: string;
  /** The framework owner's page. */
  url: string;
  /** Why no requirement is listed, for a framework with no confirmed mapping. */
  noMappings?: string;
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: "cis-aws-3.0",
    name: "CIS AWS Foundations Benchmark",
    version: "v3.0.0",
    url: "https://www.cisecurity.org/benchmark/amazon_web_services",
  },
  {
    id: "cis-aws-7.0",
    name: "CIS AWS Foundations Benchmark",
    version: "v7.0.0 (current)",
    url: "https://www.cisecurity.org/benchmark/amazon_web_services",
  },
  {
    id: "nist-800-53-r5",
    name: "NIST SP 800-53",
    version: "Rev. 5",
    url: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
  },
  {
    id: "pci-dss-4.0",
    name: "PCI DSS",
    version: "v4.0",
    url: "https://www.pcisecuritystandards.org/document_library/",
    noMappings:
      "AWS publishes PCI DSS v4.0.1 mappings per Security Hub control, but none could be confirmed for a control Safekeep checks: the one confirmed (CodeBuild.1 → 8.3.2) is about CodeBuild source URLs, which Safekeep's URL check does not read, and the mappings AWS published earlier are to PCI DSS v3.2.1.",
  },
  {
    id: "iso-27001-2022",
    name: "ISO/IEC 27001",
    version: "2022 (Annex A)",
    url: "https://www.iso.org/standard/27001",
    noMappings:
      "No AWS-published mapping from these checks to ISO/IEC 27001:2022 Annex A controls could be confirmed, and Safekeep does not map them itself.",
  },
  {
    id: "soc2-2017",
    name: "SOC 2",
    version: "2017 Trust Services Criteria",
    url: "https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022",
    noMappings:
      "No AWS-published mapping from these checks to the 2017 Trust Services Criteria could be confirmed, and Safekeep does not map them itself.",
  },
  {
    id: "aws-fsbp",
    name: "AWS Foundational Security Best Practices",
    version: "Security Hub standard",
    url: "https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html",
  },
];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}

/** "PCI DSS v4.0": the name the pages and exports use. */
export function frameworkLabel(framework: Framework): string {
  return `${framework.name} ${framework.version}`;
}
