import type {
  AppClient,
  CognitoRegionInventory,
  IamInventory,
  IamRole,
  IdentityPool,
  Inventory,
  UserPool,
} from "@/lib/inventory";
import type { Lookup } from "../types";
import { effectiveStatements, statementAllows } from "../shared/iam-policies";

/** The Cognito regions a scan collected (none when Cognito was not scanned). */
export function cognitoRegions(inventory: Inventory): CognitoRegionInventory[] {
  return inventory.cognito?.regions ?? [];
}

export function userPools(inventory: Inventory): UserPool[] {
  return cognitoRegions(inventory).flatMap((region) => region.userPools);
}

export function identityPools(inventory: Inventory): IdentityPool[] {
  return cognitoRegions(inventory).flatMap((region) => region.identityPools);
}

export interface ClientInPool {
  pool: UserPool;
  client: AppClient;
  /** App clients have no ARN of their own; results use `<user pool ARN>/client/<client id>`. */
  arn: string;
}

export function appClientArn(pool: UserPool, clientId: string): string {
  return `${pool.arn}/client/${clientId}`;
}

/** Every app client of every pool whose clients were read (pools with unknown clients yield none). */
export function appClients(inventory: Inventory): ClientInPool[] {
  return userPools(inventory).flatMap((pool) =>
    (pool.clients ?? []).map((client) => ({ pool, client, arn: appClientArn(pool, client.clientId) })),
  );
}

/** The identity provider name app clients list for the pool's own users (managed login with a Cognito password). */
export const COGNITO_PROVIDER = "COGNITO";

/**
 * ExplicitAuthFlows values through which the SDK/API signs in a local user, i.e. one of the pool's own
 * directory, whom no external identity provider (and so no external MFA) stands in front of:
 * - ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH: a password, over
 *   SRP or in the request;
 * - ALLOW_USER_AUTH (choice-based sign-in): AWS documents that it covers password, SRP, passwordless
 *   and passkey sign-in even where no other flow permits them, so it is local sign-in on its own;
 * - the legacy names USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH, and USER_SRP_AUTH, which legacy
 *   clients (values without the ALLOW_ prefix) always allowed.
 * ALLOW_REFRESH_TOKEN_AUTH only renews a session that some other flow started: not a sign-in.
 */
const LOCAL_SIGN_IN_FLOWS: ReadonlySet<string> = new Set([
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_USER_AUTH",
  "USER_PASSWORD_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "USER_SRP_AUTH",
]);

/**
 * Custom authentication (Lambda challenges) also signs in local users: the pool's MFA setting is the
 * control over them and no external IdP's MFA applies, and Safekeep cannot see whether a challenge is
 * a second factor, so it does not credit one. It counts only when the pool has a DefineAuthChallenge
 * trigger (without it no custom flow can sign anyone in), or when that is not known.
 */
const CUSTOM_AUTH_FLOWS: ReadonlySet<string> = new Set(["ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"]);

/** What AWS documents a client allows when its ExplicitAuthFlows is empty. */
export const DEFAULT_AUTH_FLOWS = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"] as const;

/**
 * The flows a client really allows: AWS's defaults for an empty list; a legacy list (no ALLOW_
 * value, which AWS does not let mix with ALLOW_ values) also allowed SRP unless it was custom-only.
 */
export function effectiveAuthFlows(client: AppClient): string[] {
  const flows = client.explicitAuthFlows;
  if (flows.length === 0) return [...DEFAULT_AUTH_FLOWS];
  const legacy = !flows.some((flow) => flow.startsWith("ALLOW_"));
  return legacy && !flows.includes("CUSTOM_AUTH_FLOW_ONLY") ? [...flows, "USER_SRP_AUTH"] : [...flows];
}

/** The name managed login goes by in reasons and evidence. */
export const MANAGED_LOGIN = "managed login (COGNITO)";

/**
 * How local users can sign in through one client: its local sign-in flows, and managed login when
 * the client offers the COGNITO provider with OAuth enabled (managed login serves only clients whose
 * OAuth flows are on, and does not depend on ExplicitAuthFlows).
 */
export function localSignInPaths(pool: UserPool, client: AppClient): string[] {
  const paths = effectiveAuthFlows(client).filter(
    (flow) => LOCAL_SIGN_IN_FLOWS.has(flow) || (CUSTOM_AUTH_FLOWS.has(flow) && pool.customAuthTrigger !== false),
  );
  if (client.allowedOAuthFlowsUserPoolClient && client.supportedIdentityProviders.includes(COGNITO_PROVIDER)) {
    paths.push(MANAGED_LOGIN);
  }
  return paths;
}

/** Every client of the pool with a local sign-in path, as `client <id>: <path>, <path>`; [] when none or unknown. */
export function localSignIns(pool: UserPool): string[] {
  return (pool.clients ?? []).flatMap((client) => {
    const paths = localSignInPaths(pool, client);
    return paths.length > 0 ? [`client ${client.clientId}: ${paths.join(", ")}`] : [];
  });
}

/**
 * How users reach the pool, for MFA's scope. An earlier rule (federated-only when no client lists
 * COGNITO in SupportedIdentityProviders) was wrong: local users still sign in through the SDK/API
 * whenever a client allows a local flow, whatever providers it lists. "federated-only" now means no
 * client allows any local sign-in (no such flow, no managed login with COGNITO), so the external IdP
 * is the only way in and its MFA is what protects the pool. "no-clients": nobody can sign in yet;
 * "unknown": the clients were not read, so federated-only is never assumed.
 */
export type SignInScope = "local" | "federated-only" | "no-clients" | "unknown";

export function signInScope(pool: UserPool): SignInScope {
  if (pool.clients === undefined) return "unknown";
  if (pool.clients.length === 0) return "no-clients";
  return localSignIns(pool).length > 0 ? "local" : "federated-only";
}

/**
 * The lookups a verdict about one user pool is built from: the Region's pool list and the given
 * per-pool calls, which the collector records against the pool id when they fail.
 */
export function poolLookups(pool: UserPool, actions: readonly string[]): Lookup[] {
  return [
    { action: "cognito-idp:ListUserPools", region: pool.region },
    ...actions.map((action) => ({ action, region: pool.region, resource: pool.id })),
  ];
}

/** "1,234 users" for reasons (Cognito's own estimate); undefined when the pool has none or reports none. */
export function userCount(pool: UserPool): string | undefined {
  const users = pool.estimatedNumberOfUsers;
  if (users === undefined || users <= 0) return undefined;
  return `${users.toLocaleString("en-US")} user${users === 1 ? "" : "s"}`;
}

/**
 * Service-wide grants that make a guest role dangerous (cognito.identity-pool-unauthenticated): `*` itself, or every
 * action of S3, DynamoDB, IAM or STS. Matching the literal `s3:*` against each pattern finds grants
 * of the whole service (`s3:*`, `*`, `s*`) and NotAction statements that leave it allowed, while
 * narrower grants such as `s3:GetObject` or `s3:Get*` do not match.
 */
export const BROAD_GUEST_GRANTS = ["*", "s3:*", "dynamodb:*", "iam:*", "sts:*"] as const;

export interface BroadGrant {
  /** Which of BROAD_GUEST_GRANTS the statement allows. */
  grant: string;
  /** The policy it comes from ("inline:x", "managed:arn..."). */
  source: string;
}

/** Deny statements and conditions are not evaluated (shared/iam-policies.ts): "may grant". */
export function broadGrants(iam: IamInventory, role: IamRole): BroadGrant[] {
  return effectiveStatements(iam, role).flatMap(({ statement, source }) => {
    const matched = BROAD_GUEST_GRANTS.filter((grant) =>
      grant === "*"
        ? (statement.actions ?? []).some((action) => action === "*" || action === "*:*") && statement.effect === "Allow"
        : statementAllows(statement, grant),
    );
    // A `*` grant also matches every service: report it once, as `*`.
    const grants = matched.includes("*") ? ["*"] : matched;
    return grants.map((grant) => ({ grant, source }));
  });
}

/** What is known of an identity pool's guest role, for the unauthenticated-access control. */
export type GuestRoleCheck =
  | { kind: "roles-unknown" }
  | { kind: "no-role" }
  | { kind: "iam-unknown"; roleArn: string }
  | { kind: "role-not-found"; roleArn: string }
  | { kind: "checked"; roleArn: string; grants: BroadGrant[] };

export function checkGuestRole(inventory: Inventory, pool: IdentityPool): GuestRoleCheck {
  if (pool.roles === undefined) return { kind: "roles-unknown" };
  const roleArn = pool.roles.unauthenticated;
  if (roleArn === undefined) return { kind: "no-role" };
  const iam = inventory.iam;
  if (iam?.authorization === undefined) return { kind: "iam-unknown", roleArn };
  const role = iam.authorization.roles.find((candidate) => candidate.arn === roleArn);
  if (!role) return { kind: "role-not-found", roleArn };
  return { kind: "checked", roleArn, grants: broadGrants(iam, role) };
}
