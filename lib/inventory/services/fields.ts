/**
 * Helpers the descriptors share: one field per non-empty value, tags as key and value, URL lists
 * one row per URL, the bucket of an S3 path, names from ARNs. Pure.
 */
import { parseArn } from "../arn";
import type { Tag } from "../common";
import type { TextField } from "./types";

/** Region of resources that have none (IAM, the account's aliases). */
export const GLOBAL = "global";

export type FieldResource = Pick<TextField, "resourceArn" | "resourceType" | "region" | "resourceName">;

export function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/** Adds one field per non-empty value; the caller's list keeps inventory order. */
export function push(into: TextField[], resource: FieldResource, field: string, value: string | undefined): void {
  if (value === undefined || value.trim() === "") return;
  into.push({ ...resource, field, value });
}

/** A tag contributes its key and its value; the value carries the key as context. `aws:` keys are AWS's. */
export function pushTags(into: TextField[], resource: FieldResource, tags: readonly Tag[]): void {
  for (const { key, value } of tags) {
    if (key.toLowerCase().startsWith("aws:")) continue;
    push(into, resource, `tag key "${key}"`, key);
    if (value.trim() !== "") into.push({ ...resource, field: `tag "${key}"`, value, contextKey: key });
  }
}

/** One row per URL, numbered when the field holds several. */
export function pushUrls(into: TextField[], resource: FieldResource, field: string, urls: readonly string[]): void {
  urls.forEach((url, index) => push(into, resource, urls.length > 1 ? `${field}[${index}]` : field, url));
}

/**
 * Cognito app clients have no ARN in any API; this stable pseudo-ARN under the pool's ARN keeps
 * results per client apart.
 */
export function appClientArn(userPoolArn: string, clientId: string): string {
  return `${userPoolArn}/client/${clientId}`;
}

const S3_URI = /^s3:\/\/([^/]+)/i;

/** Bucket name of an `s3://bucket/prefix` path; undefined for anything else. */
export function bucketOfS3Path(path: string | undefined): string | undefined {
  return path === undefined ? undefined : S3_URI.exec(path.trim())?.[1];
}

/** `CALL_RECORDINGS` → `Call recordings`; `vpc-endpoint` → `Vpc endpoint`. */
export function sentenceCase(token: string): string {
  const words = token.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The last path segment of an ARN's resource: a stream's, bucket's or IAM entity's name. */
export function lastSegment(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.lastIndexOf("/") + 1) || resource;
}

/** Why a string field is not walked for personal data (`textFieldExemptions`), in the words the descriptors share. */
export const NOT_WALKED = {
  arn: "ARN: the resource's own name in it is walked from its own field",
  awsId: "identifier AWS generates",
  awsValue: "value from a fixed AWS list (state, type, engine, mode, version)",
  region: "Region code",
  time: "timestamp",
  key: "KMS key id, ARN or alias a resource uses; the key's description is walked with the key",
  role: "IAM role ARN; the role's name is walked with IAM",
  reference: "id or name of another resource of the service, whose own name field is walked",
} as const;
