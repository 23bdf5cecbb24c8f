import type { CollectionError } from "@/lib/inventory";
import type { Control, Lookup, ResourceResult } from "@/lib/controls/types";

/**
 * Which failed calls a verdict depended on. This is what makes "missing data never relaxes a
 * verdict" a property of the runner rather than of each control: a control says (or the default
 * says for it) which lookups a result was built from, and any result whose lookups failed is
 * turned into `error` before it is rolled up, scored or stored.
 */

/** Results that are about the account as a whole, not one Region. */
export const GLOBAL_REGION = "global";

/**
 * IAM prefixes whose calls list a Region's own resources: a failure there says nothing about other
 * Regions. Every other call (IAM, S3, KMS, streams, trail details, the account) is about things a
 * result in any Region may have read, so its failure matches wherever it happened.
 */
const REGIONAL_PREFIXES: ReadonlySet<string> = new Set([
  "elasticache",
  "cognito-idp",
  "cognito-identity",
  "personalize",
  "connect",
  "ec2",
  "macie2",
  "tag",
]);
const REGIONAL_ACTIONS: ReadonlySet<string> = new Set(["cloudtrail:LookupEvents"]);

function prefix(action: string): string {
  return action.slice(0, action.indexOf(":"));
}

function isRegional(action: string): boolean {
  return REGIONAL_PREFIXES.has(prefix(action)) || REGIONAL_ACTIONS.has(action);
}

/** The default: every action the control requires, in the result's Region (anywhere for global results). */
export function lookupsOf(control: Control, result: ResourceResult): Lookup[] {
  if (result.dependsOn) return result.dependsOn;
  const region = result.region === GLOBAL_REGION ? undefined : result.region;
  return control.meta.requires.map((action) => ({ action, region }));
}

/**
 * A Region that rejected the credentials answered nothing: AWS accepts or rejects credentials per
 * Region (opt-in state, regional STS tokens), not per service, so every regional call there counts
 * as failed, whichever collector happened to record the rejection.
 */
function sameCall(error: CollectionError, action: string): boolean {
  if (error.action === action) return true;
  return error.kind === "credentials-rejected" && (isRegional(action) || prefix(error.action) === prefix(action));
}

function sameRegion(error: CollectionError, lookup: Lookup): boolean {
  if (lookup.region === undefined || error.region === GLOBAL_REGION) return true;
  if (!isRegional(lookup.action)) return true;
  return error.region === lookup.region;
}

function sameResource(error: CollectionError, lookup: Lookup): boolean {
  return error.resource === undefined || lookup.resource === undefined || error.resource === lookup.resource;
}

export function lookupFailed(error: CollectionError, lookup: Lookup): boolean {
  return sameCall(error, lookup.action) && sameRegion(error, lookup) && sameResource(error, lookup);
}

/** The collection errors a result's verdict depended on (empty: it was built on complete data). */
export function failedLookups(
  control: Control,
  result: ResourceResult,
  errors: readonly CollectionError[],
): CollectionError[] {
  const lookups = lookupsOf(control, result);
  return errors.filter((error) => lookups.some((lookup) => lookupFailed(error, lookup)));
}

/** Whether a failed call concerns a control at all: it failed on one of the actions the control reads. */
export function concernsControl(control: Control, error: CollectionError): boolean {
  return control.meta.requires.some((action) => sameCall(error, action));
}
