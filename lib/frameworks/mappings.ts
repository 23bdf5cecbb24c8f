/**
 * Which framework requirements each Safekeep control supports, and who says so. Every row cites a
 * published source: AWS's "Related requirements" for the Security Hub control Safekeep's check
 * corresponds to, or the benchmark's own recommendation text. A control with no published mapping is
 * left unmapped (Personalize, Connect, most of Cognito, Macie): no row is ever inferred from a title.
 *
 * `coverage` says how close Safekeep's check is to the cited check: "equivalent" when it tests the
 * same condition on the same resources, "partial" when it tests part of it or a differently scoped
 * set of resources (the requirement then needs other evidence too).
 */
import type { FrameworkId } from "./frameworks";

export type Coverage = "equivalent" | "partial";

export interface MappingSource {
  /** The published page (with its anchor) the mapping is read from. */
  url: string;
  /** What the page maps, e.g. "Security Hub control ElastiCache.4". */
  maps: string;
  /** When the page was read in this form, for mappings read from a dated copy. */
  asOf?: string;
}

export interface Mapping {
  framework: FrameworkId;
  /** The requirement id as the framework writes it ("SC-28(1)", "1.4", "ElastiCache.4"). */
  requirement: string;
  controlId: string;
  coverage: Coverage;
  source: MappingSource;
  /** Why the coverage is partial. */
  note?: string;
}

const SECURITY_HUB = "https://docs.aws.amazon.com/securityhub/latest/userguide";
/**
 * The NIST SP 800-53 Rev. 5 ids come from the "Related requirements" of each control in the Security
 * Hub user guide as AWS published it in its public documentation repository (June 2023). Controls
 * added after that (Cognito.*, Macie.*) are not listed there; the current Cognito page lists no
 * related requirements for Cognito.1 at all, so those stay unmapped.
 */
const NIST_AS_OF = "2023-06";

interface SecurityHubLink {
  controlId: string;
  /** Security Hub control id, e.g. "ElastiCache.4". */
  hub: string;
  /** The Security Hub user guide page, e.g. "elasticache-controls". */
  page: string;
  coverage: Coverage;
  note?: string;
  nist: string[];
  /** In the AWS Foundational Security Best Practices standard (its standard page lists it). */
  fsbp: boolean;
}

/** Safekeep controls whose check corresponds to a Security Hub control, with AWS's related NIST ids. */
const SECURITY_HUB_LINKS: readonly SecurityHubLink[] = [
  {
    controlId: "elasticache.rg-at-rest-encryption",
    hub: "ElastiCache.4",
    page: "elasticache-controls",
    coverage: "equivalent",
    nist: ["CA-9(1)", "CM-3(6)", "SC-13", "SC-28", "SC-28(1)", "SC-7(10)", "SI-7(6)"],
    fsbp: true,
  },
  {
    controlId: "elasticache.rg-transit-encryption",
    hub: "ElastiCache.5",
    page: "elasticache-controls",
    coverage: "equivalent",
    nist: [
      "AC-17(2)",
      "AC-4",
      "IA-5(1)",
      "SC-12(3)",
      "SC-13",
      "SC-23",
      "SC-23(3)",
      "SC-7(4)",
      "SC-8",
      "SC-8(1)",
      "SC-8(2)",
      "SI-7(6)",
    ],
    fsbp: true,
  },
  {
    controlId: "elasticache.rg-authentication",
    hub: "ElastiCache.6",
    page: "elasticache-controls",
    coverage: "partial",
    note: "ElastiCache.6 checks Redis AUTH on engines before 6.0; Safekeep requires AUTH or RBAC on every version.",
    nist: ["AC-2(1)", "AC-3", "AC-3(15)", "AC-3(7)", "AC-6"],
    fsbp: true,
  },
  {
    controlId: "iam.least-privilege-no-star",
    hub: "IAM.1",
    page: "iam-controls",
    coverage: "partial",
    note: "IAM.1 checks customer managed policies; Safekeep checks the policies in use (attached or inline).",
    nist: ["AC-2", "AC-2(1)", "AC-3", "AC-3(15)", "AC-3(7)", "AC-5", "AC-6", "AC-6(10)", "AC-6(2)", "AC-6(3)"],
    fsbp: true,
  },
  {
    controlId: "iam.access-key-rotation",
    hub: "IAM.3",
    page: "iam-controls",
    coverage: "equivalent",
    nist: ["AC-2(1)", "AC-2(3)", "AC-3(15)"],
    fsbp: true,
  },
  {
    controlId: "xc.root-access-keys",
    hub: "IAM.4",
    page: "iam-controls",
    coverage: "equivalent",
    nist: ["AC-2(1)", "AC-3(15)", "AC-3(7)", "AC-6", "AC-6(10)", "AC-6(2)"],
    fsbp: true,
  },
  {
    controlId: "xc.iam-user-console-mfa",
    hub: "IAM.5",
    page: "iam-controls",
    coverage: "equivalent",
    nist: ["AC-2(1)", "AC-3(15)", "IA-2(1)", "IA-2(2)", "IA-2(6)", "IA-2(8)"],
    fsbp: true,
  },
  {
    controlId: "iam.password-policy",
    hub: "IAM.7",
    page: "iam-controls",
    coverage: "partial",
    note: "Safekeep's thresholds for a strong policy are its own; IAM.7's parameters may differ.",
    nist: ["AC-2(1)", "AC-2(3)", "AC-3(15)", "IA-5(1)"],
    fsbp: true,
  },
  {
    controlId: "iam.unused-credentials",
    hub: "IAM.8",
    page: "iam-controls",
    coverage: "equivalent",
    nist: ["AC-2", "AC-2(1)", "AC-2(3)", "AC-3", "AC-3(15)", "AC-3(7)", "AC-6"],
    fsbp: true,
  },
  {
    controlId: "xc.root-mfa",
    hub: "IAM.9",
    page: "iam-controls",
    coverage: "partial",
    note: "The cited IAM.9 asks for virtual MFA on the root user; Safekeep accepts any MFA device.",
    nist: ["AC-2(1)", "AC-3(15)", "IA-2(1)", "IA-2(2)", "IA-2(6)", "IA-2(8)"],
    fsbp: false,
  },
  {
    controlId: "xc.cloudtrail-multiregion-logging",
    hub: "CloudTrail.1",
    page: "cloudtrail-controls",
    coverage: "equivalent",
    nist: [
      "AC-2(4)",
      "AC-4(26)",
      "AC-6(9)",
      "AU-10",
      "AU-12",
      "AU-2",
      "AU-3",
      "AU-6(3)",
      "AU-6(4)",
      "AU-14(1)",
      "CA-7",
      "SC-7(9)",
      "SI-3(8)",
      "SI-4(20)",
      "SI-7(8)",
      "SA-8(22)",
    ],
    fsbp: true,
  },
  {
    controlId: "xc.cloudtrail-kms",
    hub: "CloudTrail.2",
    page: "cloudtrail-controls",
    coverage: "equivalent",
    nist: ["AU-9", "CA-9(1)", "CM-3(6)", "SC-13", "SC-28", "SC-28(1)", "SC-7(10)", "SI-7(6)"],
    fsbp: true,
  },
  {
    controlId: "xc.cloudtrail-log-file-validation",
    hub: "CloudTrail.4",
    page: "cloudtrail-controls",
    coverage: "equivalent",
    nist: ["AU-9", "SI-4", "SI-7(1)", "SI-7(3)", "SI-7(7)"],
    fsbp: true,
  },
  {
    controlId: "xc.kms-key-usable",
    hub: "KMS.3",
    page: "kms-controls",
    coverage: "partial",
    note: "Safekeep checks only the keys that protect the scanned services' data (and also flags disabled keys).",
    nist: ["SC-12", "SC-12(2)"],
    fsbp: true,
  },
  {
    controlId: "xc.kms-key-rotation",
    hub: "KMS.4",
    page: "kms-controls",
    coverage: "partial",
    note: "Safekeep checks rotation only on the keys that protect the scanned services' data.",
    nist: ["SC-12", "SC-12(2)", "SC-28(3)"],
    fsbp: false,
  },
];

function hubSource(link: SecurityHubLink, asOf?: string): MappingSource {
  const anchor = link.hub.toLowerCase().replace(".", "-");
  return {
    url: `${SECURITY_HUB}/${link.page}.html#${anchor}`,
    maps: `Security Hub control ${link.hub}`,
    ...(asOf ? { asOf } : {}),
  };
}

function fromSecurityHub(): Mapping[] {
  const rows: Mapping[] = [];
  for (const link of SECURITY_HUB_LINKS) {
    const common = { controlId: link.controlId, coverage: link.coverage, ...(link.note ? { note: link.note } : {}) };
    for (const id of link.nist) {
      rows.push({ framework: "nist-800-53-r5", requirement: id, ...common, source: hubSource(link, NIST_AS_OF) });
    }
    if (link.fsbp) {
      rows.push({
        framework: "aws-fsbp",
        requirement: link.hub,
        ...common,
        // Membership read from the standard's page as published with the NIST ids (June 2023).
        source: {
          url: `${SECURITY_HUB}/fsbp-standard.html`,
          maps: `FSBP standard, control ${link.hub}`,
          asOf: NIST_AS_OF,
        },
      });
    }
  }
  return rows;
}

/**
 * CIS recommendations by their number in the benchmark version named, from the benchmark's text: its
 * recommendation titles as Tenable's audit of that version and Steampipe's CIS v3.0.0 benchmark
 * reproduce them (number and title, with the CIS text). Only recommendations whose number and title
 * were read are listed; Safekeep's checks whose recommendation number in a version could not be
 * confirmed stay unmapped there. A check whose threshold is weaker than the recommendation's (unused
 * credentials: Safekeep flags 90 days, CIS 45) is not mapped at all, so a pass never overstates.
 */
interface CisRow {
  framework: "cis-aws-3.0" | "cis-aws-7.0";
  requirement: string;
  title: string;
  controlId: string;
  coverage: Coverage;
  note?: string;
  /** The page the number and title were read from. */
  url: string;
}

const STEAMPIPE_CIS_V300 = "https://hub.steampipe.io/mods/turbot/aws_compliance/controls/control.cis_v300_";
const TENABLE_CIS = "https://www.tenable.com/audits/items/CIS_Amazon_Web_Services_Foundations_";
const PASSWORD_NOTE =
  "Safekeep's password-policy check also requires all four character classes: a warning can come from those alone.";
const ROTATION_NOTE = "Safekeep checks rotation only on the keys that protect the scanned services' data.";

const CIS: readonly CisRow[] = [
  {
    framework: "cis-aws-3.0",
    requirement: "1.4",
    title: "Ensure no 'root' user account access key exists",
    controlId: "xc.root-access-keys",
    coverage: "equivalent",
    url: `${TENABLE_CIS}v3.0.0_L1.audit:a3fc1b35e2f31a8e734df69e01deea9c`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.5",
    title: "Ensure MFA is enabled for the 'root' user account",
    controlId: "xc.root-mfa",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}1_5`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.7",
    title: "Eliminate use of the 'root' user for administrative and daily tasks",
    controlId: "iam.root-recent-use",
    coverage: "partial",
    note: "Safekeep warns on root use in the last 30 days; the recommendation also covers how root is used.",
    url: `${STEAMPIPE_CIS_V300}1_7`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.8",
    title: "Ensure IAM password policy requires minimum length of 14 or greater",
    controlId: "iam.password-policy",
    coverage: "partial",
    note: PASSWORD_NOTE,
    url: `${TENABLE_CIS}v3.0.0_L1.audit:5abf3d913b0777c10b23661bce9c27ea`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.9",
    title: "Ensure IAM password policy prevents password reuse",
    controlId: "iam.password-policy",
    coverage: "partial",
    note: PASSWORD_NOTE,
    url: `${STEAMPIPE_CIS_V300}1_9`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.10",
    title: "Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password",
    controlId: "xc.iam-user-console-mfa",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}1_10`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.14",
    title: "Ensure access keys are rotated every 90 days or less",
    controlId: "iam.access-key-rotation",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}1_14`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "1.16",
    title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
    controlId: "iam.least-privilege-no-star",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}1_16`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "3.1",
    title: "Ensure CloudTrail is enabled in all regions",
    controlId: "xc.cloudtrail-multiregion-logging",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}3_1`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "3.2",
    title: "Ensure CloudTrail log file validation is enabled",
    controlId: "xc.cloudtrail-log-file-validation",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}3_2`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "3.5",
    title: "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
    controlId: "xc.cloudtrail-kms",
    coverage: "equivalent",
    url: `${STEAMPIPE_CIS_V300}3_5`,
  },
  {
    framework: "cis-aws-3.0",
    requirement: "3.6",
    title: "Ensure rotation for customer-created symmetric CMKs is enabled",
    controlId: "xc.kms-key-rotation",
    coverage: "partial",
    note: ROTATION_NOTE,
    url: `${STEAMPIPE_CIS_V300}3_6`,
  },
  {
    framework: "cis-aws-7.0",
    requirement: "2.4",
    title: "Ensure no 'root' user account access key exists",
    controlId: "xc.root-access-keys",
    coverage: "equivalent",
    url: `${TENABLE_CIS}v7.0.0_L1.audit:befdf1920000678a2a620ce196e09af4`,
  },
  {
    framework: "cis-aws-7.0",
    requirement: "2.12",
    title: "Ensure access keys are rotated every 90 days or less",
    controlId: "iam.access-key-rotation",
    coverage: "equivalent",
    url: `${TENABLE_CIS}v7.0.0_L1.audit:eac7dffb1e4bf37ac60384a3ae553903`,
  },
  {
    framework: "cis-aws-7.0",
    requirement: "2.14",
    title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached',
    controlId: "iam.least-privilege-no-star",
    coverage: "equivalent",
    url: `${TENABLE_CIS}v7.0.0_L1.audit:a8d78a1e8a21c2107e801642dfc56921`,
  },
];

const VERSION = { "cis-aws-3.0": "v3.0.0", "cis-aws-7.0": "v7.0.0" } as const;

const CIS_ROWS: readonly Mapping[] = CIS.map((row) => ({
  framework: row.framework,
  requirement: row.requirement,
  controlId: row.controlId,
  coverage: row.coverage,
  ...(row.note ? { note: row.note } : {}),
  source: {
    url: row.url,
    maps: `CIS AWS Foundations Benchmark ${VERSION[row.framework]} recommendation ${row.requirement} "${row.title}"`,
  },
}));

export const MAPPINGS: readonly Mapping[] = [...fromSecurityHub(), ...CIS_ROWS];

/** The Safekeep controls no published mapping covers, for the docs. */
export function mappedControlIds(): Set<string> {
  return new Set(MAPPINGS.map((m) => m.controlId));
}
