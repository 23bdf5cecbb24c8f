/**
 * The documented request-rate quotas of the APIs Safekeep calls, in one table. AWS applies each
 * quota per account and Region; the pacer (./pacing.ts) keeps one token bucket per Region and
 * bucket named here, so calls wait for their turn instead of running into throttling.
 *
 * Services without a published read quota for the calls Safekeep makes (IAM, ElastiCache,
 * Personalize, KMS, S3, …) are left unpaced rather than guessed; the SDK's adaptive retry still
 * handles a throttle there.
 */

/** A token bucket: `rate` requests per second sustained, `burst` at once. */
export interface Quota {
  rate: number;
  burst: number;
}

/** One bucket a call must take a token from. */
export interface QuotaBucket {
  /** Unique within the service and Region, e.g. `ListInstances` or `UserPoolRead`. */
  bucket: string;
  quota: Quota;
}

/**
 * Amazon Connect: every control-plane API 2 requests per second with a burst of 5, defined for
 * each API separately, per account and Region.
 * https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html
 * https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html
 */
const CONNECT_API: Quota = { rate: 2, burst: 5 };

/**
 * Amazon Cognito user pools: quotas per category, shared by every operation of the category and all
 * pools of the account in the Region. AWS names no burst, so a bucket holds one second's worth.
 * Operations of the UserPoolResourceRead and UserPoolClientRead categories are also held to 5
 * requests per second for a single user pool.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations
 */
const USER_POOL_READ: Quota = { rate: 15, burst: 15 };
const USER_POOL_RESOURCE_READ: Quota = { rate: 20, burst: 20 };
const USER_POOL_CLIENT_READ: Quota = { rate: 15, burst: 15 };
const PER_USER_POOL: Quota = { rate: 5, burst: 5 };

const USER_POOL_CATEGORIES: Readonly<Record<string, { category: string; quota: Quota; perPool: boolean }>> = {
  ListUserPools: { category: "UserPoolRead", quota: USER_POOL_READ, perPool: false },
  DescribeUserPool: { category: "UserPoolRead", quota: USER_POOL_READ, perPool: false },
  GetUserPoolMfaConfig: { category: "UserPoolRead", quota: USER_POOL_READ, perPool: false },
  ListUserPoolClients: { category: "UserPoolClientRead", quota: USER_POOL_CLIENT_READ, perPool: true },
  DescribeUserPoolClient: { category: "UserPoolClientRead", quota: USER_POOL_CLIENT_READ, perPool: true },
  DescribeRiskConfiguration: { category: "UserPoolResourceRead", quota: USER_POOL_RESOURCE_READ, perPool: true },
  GetLogDeliveryConfiguration: { category: "UserPoolResourceRead", quota: USER_POOL_RESOURCE_READ, perPool: true },
  ListTagsForResource: { category: "UserPoolResourceRead", quota: USER_POOL_RESOURCE_READ, perPool: true },
};

/**
 * AWS CloudTrail LookupEvents: two requests per second, per account, per Region.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
const LOOKUP_EVENTS: Quota = { rate: 2, burst: 2 };

/**
 * Amazon Cognito identity pools apply each quota to a single operation, and publish one only for
 * the identity calls (GetId, GetCredentialsForIdentity, …); DescribeIdentityPool,
 * ListIdentityPools and GetIdentityPoolRoles have none, so cognito-identity is not in this table.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
 */

function userPoolIdOf(input: unknown): string | undefined {
  const id = (input as { UserPoolId?: unknown } | undefined)?.UserPoolId;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The IAM prefixes with at least one paced API (quotaBuckets gives nothing for any other). */
export const PACED_SERVICES: ReadonlySet<string> = new Set(["connect", "cognito-idp", "cloudtrail"]);

/**
 * The buckets one call must take a token from, by IAM prefix (`connect`, `cognito-idp`) and
 * operation (`ListInstances`); `input` is the command's input, for quotas per resource. Empty: the
 * call is not paced.
 */
export function quotaBuckets(service: string, operation: string, input?: unknown): QuotaBucket[] {
  switch (service) {
    case "connect":
      return [{ bucket: operation, quota: CONNECT_API }];
    case "cognito-idp": {
      const entry = USER_POOL_CATEGORIES[operation];
      if (!entry) return [];
      const buckets = [{ bucket: entry.category, quota: entry.quota }];
      const poolId = entry.perPool ? userPoolIdOf(input) : undefined;
      if (poolId) buckets.push({ bucket: `${operation}|${poolId}`, quota: PER_USER_POOL });
      return buckets;
    }
    case "cloudtrail":
      return operation === "LookupEvents" ? [{ bucket: operation, quota: LOOKUP_EVENTS }] : [];
    default:
      return [];
  }
}
