/**
 * The one ARN parser. ARNs are `arn:partition:service:region:account-id:resource`; the resource part
 * may itself hold colons (`replicationgroup:orders`) or slashes (`key/1234…`), so everything after
 * the account field is kept whole.
 */

export interface Arn {
  partition: string;
  service: string;
  /** Empty for global resources (S3 buckets, IAM). */
  region: string;
  /** Empty for resources without an owner field (S3 buckets). */
  accountId: string;
  /** Everything after the account field, e.g. `key/1234…` or `stream/orders`. */
  resource: string;
}

/** Splits an ARN into its fields; undefined for anything that is not one. */
export function parseArn(value: string): Arn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(":") };
}
