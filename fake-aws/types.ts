import type { Inventory } from "@/lib/inventory";
import type { ServiceModel } from "./protocols";

/** What the fake endpoint serves: an account inventory, plus optional faults and latency. */
export interface Scenario {
  inventory: Inventory;
  /** Added to every answer, in milliseconds (the benchmarks' realistic per-call latency). */
  latencyMs?: number;
  faults?: Fault[];
  /** Seed for rate-based faults, so a run is repeatable. */
  seed?: number;
  /**
   * Per-API request rates, like AWS's documented quotas: `{ "connect:*": { rate: 2, burst: 5 } }` or
   * `{ "cognito-idp:DescribeUserPool": 15 }` (requests per second). Keys are IAM-style actions or prefix
   * wildcards, as for faults; the most specific key applies. Each action gets its own token bucket per
   * Region, and a request beyond it is answered with the service's throttling error.
   */
  rateLimits?: Record<string, number | RateLimit>;
}

/**
 * An AWS Organization served by one endpoint: a management account and its members, each with its
 * own inventory, rate-limit buckets and request counters (AWS quotas are per account). A request is
 * routed to an account by the access key that signed it: `credentials` belong to the management
 * account; keys issued by the fake's `sts:AssumeRole` belong to the member whose role was assumed.
 * `latencyMs`, `faults`, `seed` and `rateLimits` apply to every account unless the account sets its own.
 */
export interface OrganizationScenario {
  organization: Organization;
  latencyMs?: number;
  faults?: Fault[];
  seed?: number;
  rateLimits?: Record<string, number | RateLimit>;
}

export interface Organization {
  /** `o-` and 10 to 32 lowercase letters or digits (default: derived from the management account id). */
  id?: string;
  /** `r-` and 4 to 32 lowercase letters or digits (default: derived from the organization id). */
  rootId?: string;
  /** The first account is the management account; the others are members. */
  accounts: OrganizationAccount[];
  organizationalUnits?: OrganizationalUnit[];
  /** The role every member account trusts the management account to assume (default `SafekeepAudit`). */
  memberRoleName?: string;
  /** When set, AssumeRole must carry this ExternalId (the trust policy's `sts:ExternalId` condition). */
  externalId?: string;
  /** The management account's base credentials (default `test`/`test`, as `sdkEnvironmentFor` sets). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Member accounts registered as delegated administrators: they may list the organization too. */
  delegatedAdministrators?: string[];
}

export type OrganizationAccountStatus = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";

export interface OrganizationAccount {
  /** The account's resources; `inventory.account.id` is the account id. */
  inventory: Inventory;
  name?: string;
  /** Default `aws+<id>@example.com`. */
  email?: string;
  /** Default ACTIVE. A suspended account cannot be entered with AssumeRole. */
  status?: OrganizationAccountStatus;
  joinedMethod?: "INVITED" | "CREATED";
  /** ISO 8601 (default 2024-01-01T00:00:00Z). */
  joinedTimestamp?: string;
  /** The OU the account sits in (an id from `organizationalUnits`); at the root when absent. */
  parentId?: string;
  /** False when the member role was never deployed there: AssumeRole is refused as AWS refuses it. */
  roleDeployed?: boolean;
  latencyMs?: number;
  faults?: Fault[];
  rateLimits?: Record<string, number | RateLimit>;
}

export interface OrganizationalUnit {
  /** `ou-<4-32 of the root id's suffix>-<8-32 lowercase letters or digits>`. */
  id: string;
  name: string;
  /** Another OU's id; directly under the root when absent. */
  parentId?: string;
}

/** Anything `startFakeAws` serves: one account, or an organization of accounts. */
export type AnyScenario = Scenario | OrganizationScenario;

export function isOrganizationScenario(scenario: AnyScenario): scenario is OrganizationScenario {
  return "organization" in scenario && scenario.organization !== undefined;
}

/** Who signed a request, as `sts:GetCallerIdentity` tells it. */
export interface Caller {
  accountId: string;
  partition: string;
  /** `arn:aws:iam::<id>:user/safekeep-scanner`, or `arn:aws:sts::<id>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `AIDA…` for the base user, `AROA…:<session>` for an assumed role. */
  userId: string;
  accessKeyId: string;
}

/** A token bucket: `rate` requests per second sustained, `burst` at once (default: one second's worth). */
export interface RateLimit {
  rate: number;
  burst?: number;
}

export type FaultKind =
  | "throttle"
  | "access-denied"
  | "region-unavailable"
  | "server-error"
  | "drop-connection"
  | "malformed-body"
  | "latency";

export interface Fault {
  /** IAM-style action (`elasticache:DescribeUsers`), or a prefix wildcard (`elasticache:*`, `*`). */
  action: string;
  region?: string;
  kind: FaultKind;
  /** Share of matching calls that fail, 0..1 (default 1: every call). */
  rate?: number;
  /** For `latency`: extra milliseconds. */
  latencyMs?: number;
}

export interface FakeRequest {
  operation: string;
  region: string;
  /** Query parameters (flat `A.B.1` keys for the query protocols), JSON body members, path parameters. */
  params: Record<string, unknown>;
  /** The calling account's scenario (its inventory, faults and limits). */
  scenario: Scenario;
  caller: Caller;
  /** The organization the endpoint serves, when it serves one. */
  organization?: OrganizationState;
}

/** An issued set of temporary credentials (the fake's `sts:AssumeRole`). */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What the Organizations and STS responders need to know about the organization being served. */
export interface OrganizationState {
  id: string;
  rootId: string;
  managementAccountId: string;
  memberRoleName: string;
  externalId?: string;
  delegatedAdministrators: readonly string[];
  accounts: readonly OrganizationAccount[];
  organizationalUnits: readonly OrganizationalUnit[];
  /** Records temporary credentials into `accountId`, so requests signed with them reach that account. */
  issueSession(accountId: string, roleName: string, sessionName: string, durationSeconds: number): Session;
  /** The endpoint's clock, epoch milliseconds. */
  now(): number;
}

/** Returns the operation's output in the SDK's shape (what `client.send` would resolve to). */
export type Responder = (request: FakeRequest) => unknown;

export interface FakeService {
  model: ServiceModel;
  responders: Record<string, Responder>;
}

/** An error answered the way AWS answers it. */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
