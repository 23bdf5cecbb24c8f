import type {
  AppClient,
  CognitoRegionInventory,
  IamInventory,
  IamRole,
  IdentityPool,
  Inventory,
  UserPool,
} from "@/lib/inventory";
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

/** The identity provider name app clients list for the pool's own users (sign-in with a Cognito password). */
export const COGNITO_PROVIDER = "COGNITO";

/**
 * How users reach the pool, for MFA's scope. "federated-only" follows controls.md §2.3 literally:
 * no app client lists COGNITO in SupportedIdentityProviders, so the external IdP enforces MFA.
 * "no-clients" is the same rule on a pool with no client at all; "unknown" when the clients were
 * not read.
 */
export type SignInScope = "local" | "federated-only" | "no-clients" | "unknown";

export function signInScope(pool: UserPool): SignInScope {
  if (pool.clients === undefined) return "unknown";
  if (pool.clients.length === 0) return "no-clients";
  return pool.clients.some((client) => client.supportedIdentityProviders.includes(COGNITO_PROVIDER))
    ? "local"
    : "federated-only";
}

/** "1,234 users" for reasons (Cognito's own estimate); undefined when the pool has none or reports none. */
export function userCount(pool: UserPool): string | undefined {
  const users = pool.estimatedNumberOfUsers;
  if (users === undefined || users <= 0) return undefined;
  return `${users.toLocaleString("en-US")} user${users === 1 ? "" : "s"}`;
}

/**
 * Service-wide grants that make a guest role dangerous (controls.md §2.3): `*` itself, or every
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
