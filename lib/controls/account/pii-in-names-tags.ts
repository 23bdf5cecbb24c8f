import type { Inventory } from "@/lib/inventory";
import {
  detectPersonalData,
  maskPersonalData,
  type PiiDetectorId,
  type PiiFinding,
  type PiiOptions,
} from "@/lib/detectors/pii";
import { GLOBAL_REGION } from "../lookups";
import { SEED_PAGES } from "../seeds";
import type { Control, ResourceResult, Status } from "../types";
import { personalDataOptions, TEXT_FIELD_ACTIONS, textFields, type TextField } from "./text-fields";

const RESOURCE_TYPE = "Name, description or tag field";

const DETECTOR_LABELS: Record<PiiDetectorId, string> = {
  iban: "an IBAN",
  card: "a payment card number",
  "ssn-us": "a US Social Security number",
  "nino-uk": "a UK National Insurance number",
  "sin-ca": "a Canadian Social Insurance Number",
  "aadhaar-in": "an Aadhaar number",
  "pan-in": "an Indian PAN",
  "dni-es": "a Spanish DNI number",
  "nie-es": "a Spanish NIE number",
  email: "an e-mail address",
  phone: "a phone number",
  "account-number": "a number that looks like an account number",
  "aws-account-foreign": "another AWS account's id",
  "context-key": "a value under a tag key that announces personal data",
};

const CONFIDENCE_ORDER = { high: 0, medium: 1, low: 2, info: 3 } as const;

function describeFindings(findings: readonly PiiFinding[]): string {
  const parts = findings.map((f) => `${DETECTOR_LABELS[f.detector]} (${f.masked})`);
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Resources tagged as test environments, where published test card numbers are expected. */
function testResourceArns(fields: readonly TextField[]): Set<string> {
  return new Set(
    fields
      .filter((f) => /^(env|environment)$/i.test(f.contextKey ?? "") && f.value.trim().toLowerCase() === "test")
      .map((f) => f.resourceArn),
  );
}

/** IAM user names are often e-mail addresses by design (docs/controls.md#personal-data). */
function isEmployeeIdentity(field: TextField, findings: readonly PiiFinding[]): boolean {
  return (
    field.resourceType === "IAM user" && field.field === "UserName" && findings.some((f) => f.detector === "email")
  );
}

interface Verdict {
  status: Status;
  reason: string;
}

function verdict(field: TextField, findings: PiiFinding[], isTestResource: boolean, options: PiiOptions): Verdict {
  const resource = `${field.resourceType} ${maskPersonalData(field.resourceName, options)}`;
  const where = maskPersonalData(field.field, options);
  const found = describeFindings(findings);
  const high = findings.filter((f) => f.confidence === "high");
  const actionable = findings.filter((f) => f.confidence !== "info");

  if (actionable.length === 0) {
    return {
      status: "pass",
      reason: `${resource} refers to ${found} in ${where}; account ids are not personal data.`,
    };
  }
  if (high.length > 0 && !(isTestResource && high.every((f) => f.knownTestValue))) {
    return {
      status: "fail",
      reason: `${resource} has ${found} in ${where}; names, descriptions and tags are copied into logs, so move it to an encrypted data store.`,
    };
  }
  if (high.length > 0) {
    return {
      status: "warn",
      reason: `${resource} has ${found} in ${where}: a published test number in a resource tagged env=test, but still keep identifiers out of names.`,
    };
  }
  if (isEmployeeIdentity(field, actionable)) {
    return {
      status: "warn",
      reason: `${resource} has ${found} in ${where}: employee identity in Name field; use an opaque user name and keep the address in your identity provider.`,
    };
  }
  return {
    status: "warn",
    reason: `${resource} has ${found} in ${where}; names, descriptions and tags are copied into logs, so use opaque identifiers.`,
  };
}

/** Per region: how many fields of each resource were checked. */
type RegionTally = Map<string, number>;

/**
 * One row per region for the resources whose fields held nothing: a row per clean resource would drown
 * the findings. Regions in the order their fields came, the global row (IAM) after them.
 */
function cleanRegionResults(
  inventory: Inventory,
  tallies: Map<string, RegionTally>,
  withFindings: Set<string>,
): ResourceResult[] {
  const { id, partition } = inventory.account;
  const regions = [...tallies].sort(([a], [b]) => Number(a === GLOBAL_REGION) - Number(b === GLOBAL_REGION));
  return regions.flatMap(([region, tally]): ResourceResult[] => {
    const clean = [...tally].filter(([arn]) => !withFindings.has(arn));
    if (clean.length === 0) return [];
    const fieldsChecked = clean.reduce((sum, [, count]) => sum + count, 0);
    const others = clean.length < tally.size ? " other" : "";
    return [
      {
        resourceArn: `arn:${partition}:account:${region}:${id}:*`,
        resourceType: "Region",
        region,
        status: "pass",
        reason: `${clean.length}${others} resource(s) in ${region} (${fieldsChecked} field(s) checked) hold no personal data in names, descriptions or tags.`,
        evidence: { resourcesChecked: clean.length, fieldsChecked },
      },
    ];
  });
}

export const control: Control = {
  meta: {
    id: "xc.pii-in-names-tags",
    service: "account",
    title: "Names, descriptions and tags hold no customer identifiers or other personal data",
    severity: "medium",
    responsibility: "customer",
    recommendation: "names",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "We strongly recommend that you never put sensitive identifying information, such as your customers' account numbers, into free-form fields such as a Name field.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Rename or re-tag the resource using opaque identifiers (a new resource where the name cannot change), and keep customer identifiers in encrypted data stores, not in resource metadata.",
      url: "https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/overview.html",
    },
    // Every service's page repeats the recommendation.
    docs: SEED_PAGES.map((page) => page.url),
    requires: [...TEXT_FIELD_ACTIONS],
    related: [],
    verdicts: [
      "fail: a name, description, path or tag holds a high-confidence identifier (IBAN, payment card, US SSN, UK National Insurance number, Spanish DNI/NIE, Aadhaar under an Aadhaar word), unless it is a published test card number on a resource tagged env=test (then warn).",
      'warn: a medium- or low-confidence finding: an e-mail address outside the allowed domains, a phone number, a Canadian SIN, an Indian PAN or Aadhaar, a number under a word such as "account number" or "customer id"; an IAM user name that is an e-mail address is reported as employee identity.',
      "pass: one row per Region for the resources whose fields hold nothing; a field that only names another AWS account's id passes (not personal data).",
      "error: a call that lists names, descriptions or tags failed, so those fields went unchecked.",
    ],
  },
  evaluate(inventory, context) {
    // The key reaches the detector only: findings carry its HMACs, never the key or the values.
    const options = { ...personalDataOptions(inventory), hashKey: context.hashKey };
    const fields = textFields(inventory);
    const testResources = testResourceArns(fields);
    const results: ResourceResult[] = [];
    const withFindings = new Set<string>();
    const tallies = new Map<string, RegionTally>();

    for (const field of fields) {
      const tally = tallies.get(field.region) ?? new Map<string, number>();
      tallies.set(field.region, tally);
      tally.set(field.resourceArn, (tally.get(field.resourceArn) ?? 0) + 1);
      const findings = detectPersonalData(field.value, { ...options, contextKey: field.contextKey }).sort(
        (a, b) => CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence],
      );
      if (findings.length === 0) continue;
      withFindings.add(field.resourceArn);
      const { status, reason } = verdict(field, findings, testResources.has(field.resourceArn), options);
      results.push({
        resourceArn: field.resourceArn,
        resourceType: field.resourceType,
        region: field.region,
        // One row per field of a resource: the field is part of the finding's stable id.
        field: maskPersonalData(field.field, options),
        status,
        reason,
        evidence: {
          field: maskPersonalData(field.field, options),
          detector: findings.map((f) => f.detector),
          masked: findings.map((f) => f.masked),
          // Keyed hashes to match a value across this installation's scans; none without the key.
          ...(context.hashKey ? { hash: findings.map((f) => f.hash ?? "") } : {}),
        },
      });
    }
    return [...results, ...cleanRegionResults(inventory, tallies, withFindings)];
  },
};
