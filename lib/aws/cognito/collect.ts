/**
 * Collects one Region's Amazon Cognito user pools (with their app clients) and identity pools
 * (docs/controls.md#service-cognito) into Safekeep's inventory types.
 *
 * It never throws: each failed call becomes one CollectionError and the rest goes on. A resource is
 * kept only when its describe call succeeded, so no control judges half a pool; follow-up calls that
 * fail leave just their own field undefined. A `*NotFound*` answer means the resource was deleted
 * while we looked, so it is dropped without an error.
 */
import {
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  paginateListUserPoolClients,
  paginateListUserPools,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  paginateListIdentityPools,
  type CognitoIdentityClient,
} from "@aws-sdk/client-cognito-identity";
import {
  isRegionWide,
  type CognitoRegionInventory,
  type CollectionError,
  type IdentityPool,
  type LogConfiguration,
  type UserPool,
} from "@/lib/inventory";
import { isNotFoundError } from "../errors";
import { createRegionCalls, distinctErrors, pagingOf, readAllPages, type RegionCalls } from "../harness";
import {
  arnParts,
  identityPoolArn,
  toAppClient,
  toIdentityPool,
  toIdentityPoolRoles,
  toLogConfigurations,
  toMfaFactors,
  toRiskConfiguration,
  toUserPool,
  userPoolArn,
} from "./reshape";

export {
  arnParts,
  identityPoolArn,
  toAppClient,
  toIdentityPool,
  toIdentityPoolRoles,
  toLogConfiguration,
  toLogConfigurations,
  toMfaFactors,
  toRiskConfiguration,
  toTags,
  toUserPool,
  userPoolArn,
} from "./reshape";

export interface CognitoClients {
  userPools: CognitoIdentityProviderClient;
  identityPools: CognitoIdentityClient;
}

/**
 * The scanned account. Identity pools have no ARN in any response, so theirs is built from these;
 * the account id in a user pool ARN wins when there is one (it is AWS's own word).
 */
export interface CognitoContext {
  accountId: string;
  partition: string;
}

export interface CognitoRegionResult {
  inventory: CognitoRegionInventory;
  /** Failed calls, identical ones reported once. A `region-unavailable` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/** MaxResults is required by all three list calls; 60 is the maximum (docs/controls.md#call-budget). */
const PAGE_SIZE = 60;

const USER_POOLS_PREFIX = "cognito-idp";
const IDENTITY_POOLS_PREFIX = "cognito-identity";

/**
 * A `ResourceNotFoundException` whose message names the user pool means the pool itself is gone.
 * Any other NotFound from GetLogDeliveryConfiguration is read as "no log delivery configured".
 */
const USER_POOL_GONE = /user ?pool\b.*\b(?:does not exist|not found)/i;

/**
 * Every call reshapes its answer inside `send`, so a malformed answer becomes an error like any
 * other instead of escaping the collector.
 */
type Outcome<T> =
  | { status: "ok"; value: T }
  /** The error is kept so a caller for whom NotFound is not a deletion can still report it. */
  | { status: "not-found"; error: CollectionError }
  | { status: "failed"; error: CollectionError };

/**
 * `resource` names the pool a per-pool call is about (its id, as results' lookups name it), so a
 * failure there makes only that pool's verdicts unknown; list calls of the Region leave it out.
 */
type Call = <T>(commandName: string, prefix: string, send: () => Promise<T>, resource?: string) => Promise<Outcome<T>>;

interface RegionScan {
  region: string;
  context: CognitoContext;
  clients: CognitoClients;
  call: Call;
  errors: CollectionError[];
}

function emptyRegion(region: string): CognitoRegionInventory {
  return { region, userPools: [], identityPools: [] };
}

/**
 * Runs every call in the Region's queue (both Cognito APIs together) and tells a deletion
 * (`*NotFound*`) apart from other failures.
 */
function createCaller(calls: RegionCalls): Call {
  return async <T>(commandName: string, prefix: string, send: () => Promise<T>, resource?: string) => {
    const outcome = await calls.run(commandName, send, { prefix, resource });
    if (outcome.ok) return { status: "ok", value: outcome.value };
    return { status: isNotFoundError(outcome.raw) ? "not-found" : "failed", error: outcome.error };
  };
}

/** Identifiers of listed resources; entries without one cannot be described, so they are left out. */
function idsOf<Item>(items: readonly Item[], key: keyof Item): string[] {
  return items.flatMap((item) => {
    const id = item[key];
    return typeof id === "string" && id !== "" ? [id] : [];
  });
}

/** MFA factors; undefined when MFA is off (not asked: docs/controls.md#call-budget) or the call failed. */
async function readMfaFactors(scan: RegionScan, pool: UserPool) {
  if (pool.mfaConfiguration === "OFF") return { gone: false, factors: undefined };
  const outcome = await scan.call(
    "GetUserPoolMfaConfigCommand",
    USER_POOLS_PREFIX,
    async () =>
      toMfaFactors(await scan.clients.userPools.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool.id }))),
    pool.id,
  );
  if (outcome.status === "ok") return { gone: false, factors: outcome.value };
  if (outcome.status === "failed") scan.errors.push(outcome.error);
  return { gone: outcome.status === "not-found", factors: undefined };
}

/**
 * Log delivery; undefined when the call failed. Decision (docs/controls.md#caveats): an
 * answer without configurations and a ResourceNotFoundException that does not say the pool is gone
 * both mean "nothing configured", i.e. []; the control then warns, the verdict cognito.user-activity-logging gives
 * either case, so a wrong guess cannot turn a configured pool into a finding.
 */
async function readLogConfigurations(scan: RegionScan, poolId: string) {
  const outcome = await scan.call(
    "GetLogDeliveryConfigurationCommand",
    USER_POOLS_PREFIX,
    async () =>
      toLogConfigurations(
        await scan.clients.userPools.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId })),
      ),
    poolId,
  );
  if (outcome.status === "ok") return { gone: false, configurations: outcome.value };
  if (outcome.status === "not-found") {
    const gone = USER_POOL_GONE.test(outcome.error.message);
    return { gone, configurations: gone ? undefined : ([] as LogConfiguration[]) };
  }
  scan.errors.push(outcome.error);
  return { gone: false, configurations: undefined };
}

/**
 * Pool-level risk configuration; asked only when threat protection is ENFORCED (call budget: in
 * audit mode or off it acts on nothing, and the API answers UserPoolAddOnNotEnabledException when
 * it is off). A NotFound that names the pool means it is gone; any other NotFound is reported, not
 * read as "nothing configured": Amazon Cognito does not document what a pool without a risk
 * configuration answers, and reading it as "no action" could invent a finding.
 */
async function readRiskConfiguration(scan: RegionScan, pool: UserPool) {
  if (pool.advancedSecurityMode !== "ENFORCED") return { gone: false, configuration: undefined };
  const outcome = await scan.call(
    "DescribeRiskConfigurationCommand",
    USER_POOLS_PREFIX,
    async () => {
      const { RiskConfiguration } = await scan.clients.userPools.send(
        new DescribeRiskConfigurationCommand({ UserPoolId: pool.id }),
      );
      return toRiskConfiguration(RiskConfiguration);
    },
    pool.id,
  );
  if (outcome.status === "ok") return { gone: false, configuration: outcome.value };
  if (outcome.status === "not-found" && USER_POOL_GONE.test(outcome.error.message)) {
    return { gone: true, configuration: undefined };
  }
  scan.errors.push(outcome.error);
  return { gone: false, configuration: undefined };
}

/**
 * App clients of one pool; undefined when the list or any client's describe failed, because a pool
 * judged on some of its clients could look federated-only (or clean) when it is not.
 */
async function readAppClients(scan: RegionScan, poolId: string) {
  const listed = await scan.call(
    "ListUserPoolClientsCommand",
    USER_POOLS_PREFIX,
    () =>
      readAllPages(
        paginateListUserPoolClients(pagingOf(scan.clients.userPools), { UserPoolId: poolId, MaxResults: PAGE_SIZE }),
        (page) => page.UserPoolClients,
      ),
    poolId,
  );
  if (listed.status === "not-found") return { gone: true, clients: undefined };
  if (listed.status === "failed") {
    scan.errors.push(listed.error);
    return { gone: false, clients: undefined };
  }

  const described = await Promise.all(
    idsOf(listed.value, "ClientId").map((clientId) =>
      scan.call(
        "DescribeUserPoolClientCommand",
        USER_POOLS_PREFIX,
        async () => {
          // The response carries ClientSecret: it is reshaped right here, so only `hasSecret` survives.
          const { UserPoolClient } = await scan.clients.userPools.send(
            new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
          );
          return UserPoolClient
            ? toAppClient(UserPoolClient, { clientId, userPoolId: poolId }, scan.region)
            : undefined;
        },
        // The pool, not the client: a pool judged without one of its clients is what becomes unknown.
        poolId,
      ),
    ),
  );
  const failed = described.flatMap((outcome) => (outcome.status === "failed" ? [outcome.error] : []));
  scan.errors.push(...failed);
  if (failed.length > 0) return { gone: false, clients: undefined };
  const clients = described.flatMap((outcome) => (outcome.status === "ok" && outcome.value ? [outcome.value] : []));
  return { gone: false, clients };
}

async function collectUserPool(scan: RegionScan, poolId: string): Promise<UserPool | undefined> {
  const { partition, accountId } = scan.context;
  const fallback = { id: poolId, arn: userPoolArn(partition, scan.region, accountId, poolId) };
  const described = await scan.call(
    "DescribeUserPoolCommand",
    USER_POOLS_PREFIX,
    async () => {
      const { UserPool } = await scan.clients.userPools.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      return UserPool ? toUserPool(UserPool, fallback, scan.region) : undefined;
    },
    poolId,
  );
  if (described.status === "failed") scan.errors.push(described.error);
  if (described.status !== "ok" || !described.value) return undefined;

  const pool = described.value;
  const [mfa, logs, clients, risk] = await Promise.all([
    readMfaFactors(scan, pool),
    readLogConfigurations(scan, poolId),
    readAppClients(scan, poolId),
    readRiskConfiguration(scan, pool),
  ]);
  if (mfa.gone || logs.gone || clients.gone || risk.gone) return undefined;
  return {
    ...pool,
    mfaFactors: mfa.factors,
    logConfigurations: logs.configurations,
    clients: clients.clients,
    // Set only when asked, so pools without enforced threat protection keep no such field.
    ...(risk.configuration === undefined ? {} : { riskConfiguration: risk.configuration }),
  };
}

type DescribedIdentityPool = Omit<IdentityPool, "arn">;

async function collectIdentityPool(scan: RegionScan, poolId: string): Promise<DescribedIdentityPool | undefined> {
  const described = await scan.call(
    "DescribeIdentityPoolCommand",
    IDENTITY_POOLS_PREFIX,
    async () =>
      toIdentityPool(
        await scan.clients.identityPools.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId })),
        { id: poolId, arn: "" },
        scan.region,
      ),
    poolId,
  );
  if (described.status === "failed") scan.errors.push(described.error);
  if (described.status !== "ok") return undefined;
  // The ARN is set once the account is known (see accountOf).
  const { arn: _arn, ...pool } = described.value;
  // Budget (docs/controls.md#call-budget): the roles matter only for guest access, so they are asked for only then.
  if (!pool.allowUnauthenticatedIdentities) return pool;

  const roles = await scan.call(
    "GetIdentityPoolRolesCommand",
    IDENTITY_POOLS_PREFIX,
    async () => {
      const { Roles } = await scan.clients.identityPools.send(
        new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }),
      );
      return toIdentityPoolRoles(Roles);
    },
    poolId,
  );
  if (roles.status === "not-found") return undefined;
  if (roles.status === "failed") {
    scan.errors.push(roles.error);
    return pool;
  }
  return { ...pool, roles: roles.value };
}

/** Account and partition for identity pool ARNs: from a user pool ARN when there is one, else the context. */
function accountOf(context: CognitoContext, userPools: readonly UserPool[]): CognitoContext {
  const fromArn = userPools.map((pool) => arnParts(pool.arn)).find((parts) => parts !== undefined);
  return {
    accountId: fromArn?.accountId ?? context.accountId,
    partition: fromArn?.partition ?? context.partition,
  };
}

/** Nothing from a Region that does not answer is kept: the caller reports it as skipped. */
function regionUnavailable(region: string, errors: readonly CollectionError[]): CognitoRegionResult | undefined {
  const error = errors.find((candidate) => isRegionWide(candidate.kind));
  return error ? { inventory: emptyRegion(region), errors: [error] } : undefined;
}

/**
 * Collects one Region with the given clients (tests pass mocked ones). `calls` is the Region's
 * queue, shared by both APIs; by default one of the shared concurrency limit.
 */
export async function collectCognitoWithClients(
  clients: CognitoClients,
  region: string,
  context: CognitoContext,
  calls: RegionCalls = createRegionCalls({ service: "cognito", region, prefix: USER_POOLS_PREFIX }),
): Promise<CognitoRegionResult> {
  const scan: RegionScan = { region, context, clients, call: createCaller(calls), errors: [] };

  const [userPoolList, identityPoolList] = await Promise.all([
    scan.call("ListUserPoolsCommand", USER_POOLS_PREFIX, () =>
      readAllPages(
        paginateListUserPools(pagingOf(clients.userPools), { MaxResults: PAGE_SIZE }),
        (page) => page.UserPools,
      ),
    ),
    scan.call("ListIdentityPoolsCommand", IDENTITY_POOLS_PREFIX, () =>
      readAllPages(
        paginateListIdentityPools(pagingOf(clients.identityPools), { MaxResults: PAGE_SIZE }),
        (page) => page.IdentityPools,
      ),
    ),
  ]);
  // A list call has no parent that could have vanished: NotFound there is a plain failure.
  for (const list of [userPoolList, identityPoolList]) if (list.status !== "ok") scan.errors.push(list.error);
  const unavailable = regionUnavailable(region, scan.errors);
  if (unavailable) return unavailable;

  // Budget (docs/controls.md#call-budget): an empty list costs nothing more.
  const userPoolIds = userPoolList.status === "ok" ? idsOf(userPoolList.value, "Id") : [];
  const identityPoolIds = identityPoolList.status === "ok" ? idsOf(identityPoolList.value, "IdentityPoolId") : [];
  const [userPools, identityPools] = await Promise.all([
    Promise.all(userPoolIds.map((id) => collectUserPool(scan, id))),
    Promise.all(identityPoolIds.map((id) => collectIdentityPool(scan, id))),
  ]);

  // The same failure is reported once per pool it concerns (several clients of one pool refused
  // alike are one error): each pool whose call failed is named, so only its own verdicts become unknown.
  const errors = distinctErrors(scan.errors);
  const unavailableLater = regionUnavailable(region, errors);
  if (unavailableLater) return unavailableLater;

  const keptUserPools = userPools.filter((pool): pool is UserPool => pool !== undefined);
  const { accountId, partition } = accountOf(context, keptUserPools);
  return {
    inventory: {
      region,
      userPools: keptUserPools,
      identityPools: identityPools
        .filter((pool): pool is DescribedIdentityPool => pool !== undefined)
        .map((pool) => ({ ...pool, arn: identityPoolArn(partition, region, accountId, pool.id) })),
    },
    errors,
  };
}
