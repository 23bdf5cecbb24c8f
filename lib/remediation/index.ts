import { parseArn } from "@/lib/inventory/arn";
import { idsFromArn } from "./arn";
import { REMEDIATIONS } from "./catalog";
import { hclStringBody, shellQuote, yamlQuote } from "./shell";
import {
  SUGGESTION_NOTICE,
  type FilledRemediation,
  type FilledSnippet,
  type Remediation,
  type RemediationRow,
  type Template,
} from "./types";

export { REMEDIATIONS } from "./catalog";
export { SUGGESTION_NOTICE } from "./types";
export type { FilledRemediation, FilledSnippet, Remediation, RemediationRow, Template } from "./types";

/** `{name}` placeholders: lower camel case in braces. JSON braces in a snippet never match (they hold quotes). */
const PLACEHOLDER = /\{([a-z][A-Za-z0-9]*)\}/g;
/**
 * The values only the reader can choose, as the catalog writes them. Listed rather than guessed
 * from capitals, because AWS's own values are capitals too (ENABLED, CUSTOMER_MANAGED_CMK).
 */
export const READER_VALUES = [
  "ACCESS_KEY_ID",
  "ACCESS_STRING",
  "BUCKET_NAME",
  "BUCKET_PREFIX",
  "DESCRIPTION",
  "ENGINE",
  "ENGINE_VERSION",
  "HOME_REGION",
  "KMS_KEY_ARN",
  "LOG_GROUP_ARN",
  "NEW_CACHE_NAME",
  "NEW_CLUSTER_ID",
  "NEW_DATASET_GROUP_NAME",
  "NEW_DEFAULT_USER_ID",
  "NEW_GROUP_ID",
  "NEW_SNAPSHOT_NAME",
  "NODE_TYPE",
  "OLD_ACCESS_KEY_ID",
  "ORIGIN_URL",
  "PREFIX",
  "ROLE_ARN",
  "SECURITY_GROUP_ID",
  "SNAPSHOT_ARN",
  "SNAPSHOT_NAME",
  "SUBNET_ID",
  "TRAIL_NAME",
  "USER_GROUP_ID",
  "VPC_ID",
] as const;
const READER_VALUE = new RegExp(
  `(?<![A-Za-z0-9_])(?:${[...READER_VALUES].sort((a, b) => b.length - a.length).join("|")})(?![A-Za-z0-9_])`,
  "g",
);

type Language = "shell" | "hcl" | "yaml";

/** The entry for a control id, or undefined when the catalog has none (the catalog test prevents that). */
export function remediationOf(controlId: string): Remediation | undefined {
  return REMEDIATIONS[controlId];
}

/** The placeholder as the reader sees it when a row has no value for it: {storageResourceType} → STORAGE_RESOURCE_TYPE. */
export function readerToken(placeholder: string): string {
  return placeholder.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/**
 * The values a row gives the placeholders: its Region and account, the ids its ARN holds, its name,
 * the tag key a tag row is about, and the plain string values of its evidence (engine, output
 * bucket, storage resource type...). Values are raw here; they are quoted where they are put.
 */
export function placeholderValues(row: RemediationRow): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.evidence ?? {})) {
    if (typeof value === "string" && value !== "") values[key] = value;
  }
  const arn = parseArn(row.resourceArn);
  Object.assign(values, idsFromArn(row.resourceArn), {
    resourceArn: row.resourceArn,
    region: row.region,
    ...(arn?.accountId ? { accountId: arn.accountId } : {}),
    ...(row.name ? { name: row.name } : {}),
  });
  const tag = /^tag "(.+)"$/.exec(row.field ?? "");
  if (tag) values.tagKey = tag[1]!;
  return values;
}

function quote(value: string, language: Language): string {
  if (language === "shell") return shellQuote(value);
  if (language === "hcl") return hclStringBody(value);
  // In YAML a value is a whole scalar, always double quoted so that no value reads as a number,
  // a boolean or YAML syntax.
  return yamlQuote(value);
}

/**
 * One template filled for one row. Every value from the row is quoted for the snippet's language
 * (see shell.ts), so a name holding spaces, quotes or `$(…)` stays literal text. A placeholder the
 * row has no value for becomes a capitals token for the reader to replace. Rows of global resources
 * (Region "global") drop `--region {region}`: IAM and S3 bucket calls need none.
 */
export function fillTemplate(template: Template, row: RemediationRow | undefined, language: Language): FilledSnippet {
  const values = row ? placeholderValues(row) : {};
  let code = template.code;
  if (row && language === "shell" && row.region === "global") code = code.replace(/ --region \{region\}/g, "");
  code = code.replace(PLACEHOLDER, (_match, key: string) =>
    values[key] !== undefined ? quote(values[key], language) : readerToken(key),
  );
  const unresolved = [...template.code.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((key) => values[key] === undefined)
    .map(readerToken);
  const toReplace = [...new Set([...unresolved, ...(template.code.match(READER_VALUE) ?? [])])];
  return { label: template.label, code, ...(template.note ? { note: template.note } : {}), toReplace };
}

function fillAll(
  templates: Template[] | undefined,
  row: RemediationRow | undefined,
  language: Language,
): FilledSnippet[] {
  return (templates ?? []).filter((t) => !row || !t.when || t.when(row)).map((t) => fillTemplate(t, row, language));
}

/**
 * The fix for one control, filled for one result row, or (without a row) the control-level
 * snippets with their placeholders shown as capitals tokens. Undefined when the catalog has no
 * entry. Each snippet is a suggestion to review (`notice`).
 */
export function remediationFor(control: { id: string }, row?: RemediationRow): FilledRemediation | undefined {
  const entry = REMEDIATIONS[control.id];
  if (!entry) return undefined;
  return {
    controlId: control.id,
    inPlace: entry.inPlace,
    ...(entry.steps ? { steps: entry.steps } : {}),
    cli: fillAll(entry.cli, row, "shell"),
    terraform: fillAll(entry.terraform, row, "hcl"),
    cloudformation: fillAll(entry.cloudformation, row, "yaml"),
    docs: entry.docs,
    notice: SUGGESTION_NOTICE,
  };
}
