/**
 * An AWS Organization for the fake endpoint: the state its STS and Organizations responders read
 * (ids, the member role, issued sessions) and who signed a request (routing by access key).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Protocol } from "./protocols";
import type {
  Caller,
  Organization,
  OrganizationAccount,
  OrganizationScenario,
  OrganizationState,
  Scenario,
  Session,
} from "./types";

export const DEFAULT_MEMBER_ROLE_NAME = "SafekeepAudit";

/** The management account's credentials unless the scenario names others: what `sdkEnvironmentFor` sets. */
export const DEFAULT_BASE_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;

/** The IAM user the base credentials belong to, in every account the fake serves. */
export const BASE_USER_NAME = "safekeep-scanner";
const BASE_USER_ID = "AIDAFAKESCANNER000001";

/** AWS's default (and, unless a role raises it, maximum) session of an assumed role. */
export const SESSION_SECONDS = 3600;
export const MIN_SESSION_SECONDS = 900;

export const DEFAULT_JOINED = "2024-01-01T00:00:00.000Z";

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Lowercase letters and digits derived from `text`, for ids AWS writes in that alphabet. */
export function slug(text: string, length: number): string {
  return BigInt(`0x${digest(text)}`)
    .toString(36)
    .slice(0, length)
    .padStart(length, "0");
}

/** The identity of a request signed with an account's base credentials. */
export function baseCaller(accountId: string, partition: string, accessKeyId: string): Caller {
  return {
    accountId,
    partition,
    arn: `arn:${partition}:iam::${accountId}:user/${BASE_USER_NAME}`,
    userId: BASE_USER_ID,
    accessKeyId,
  };
}

/** A role's unique id (`AROA` and 17 characters), stable for an account and role name as in AWS. */
export function roleId(accountId: string, roleName: string): string {
  return `AROA${slug(`${accountId}/${roleName}`, 17).toUpperCase()}`;
}

export function sessionCaller(session: Session, partition: string): Caller {
  return {
    accountId: session.accountId,
    partition,
    arn: `arn:${partition}:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    userId: `${roleId(session.accountId, session.roleName)}:${session.sessionName}`,
    accessKeyId: session.accessKeyId,
  };
}

/** Temporary credentials AWS-shaped: `ASIA` key ids, 40-character secrets, an opaque token. */
export function newSession(accountId: string, roleName: string, sessionName: string, expiresAt: number): Session {
  return {
    accessKeyId: `ASIA${randomBytes(12).toString("hex").toUpperCase().slice(0, 16)}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString("base64")}`,
    accountId,
    roleName,
    sessionName,
    expiresAt,
  };
}

/** The organization's id, root id and the defaults the scenario left out. */
export function organizationState(
  scenario: OrganizationScenario,
  sessions: Map<string, Session>,
  now: () => number,
): OrganizationState {
  const org = scenario.organization;
  const management = org.accounts[0];
  if (!management) throw new Error("an organization needs at least its management account");
  const managementAccountId = management.inventory.account.id;
  const id = org.id ?? `o-${slug(`org/${managementAccountId}`, 10)}`;
  return {
    id,
    rootId: org.rootId ?? `r-${slug(`root/${id}`, 4)}`,
    managementAccountId,
    memberRoleName: org.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    externalId: org.externalId,
    delegatedAdministrators: org.delegatedAdministrators ?? [],
    accounts: org.accounts,
    organizationalUnits: org.organizationalUnits ?? [],
    issueSession(accountId, roleName, sessionName, durationSeconds) {
      const session = newSession(accountId, roleName, sessionName, now() + durationSeconds * 1000);
      sessions.set(session.accessKeyId, session);
      return session;
    },
    now,
  };
}

/** One account of the organization as the fake serves it: the shared settings unless it has its own. */
export function accountScenario(scenario: OrganizationScenario, account: OrganizationAccount): Scenario {
  return {
    inventory: account.inventory,
    latencyMs: account.latencyMs ?? scenario.latencyMs,
    faults: account.faults ?? scenario.faults,
    seed: scenario.seed,
    rateLimits: account.rateLimits ?? scenario.rateLimits,
  };
}

export function accountEmail(account: OrganizationAccount): string {
  return account.email ?? `aws+${account.inventory.account.id}@example.com`;
}

export function accountJoined(account: OrganizationAccount): Date {
  return new Date(account.joinedTimestamp ?? DEFAULT_JOINED);
}

/**
 * Whether every account id is unique and 12 digits, and each OU's parent exists: a scenario that
 * breaks these would make routing or ListParents answer something AWS never would.
 */
export function validateOrganization(org: Organization): void {
  const ids = org.accounts.map((a) => a.inventory.account.id);
  if (ids.length === 0) throw new Error("an organization needs at least its management account");
  for (const id of ids) if (!/^\d{12}$/.test(id)) throw new Error(`account id ${id} is not 12 digits`);
  if (new Set(ids).size !== ids.length) throw new Error("account ids in an organization must be unique");
  const ous = new Set((org.organizationalUnits ?? []).map((ou) => ou.id));
  for (const ou of org.organizationalUnits ?? []) {
    if (!/^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/.test(ou.id)) throw new Error(`OU id ${ou.id} is not an AWS OU id`);
    if (ou.parentId && !ous.has(ou.parentId)) throw new Error(`OU ${ou.id}: unknown parent ${ou.parentId}`);
  }
  for (const account of org.accounts) {
    if (account.parentId && !ous.has(account.parentId)) {
      throw new Error(`account ${account.inventory.account.id}: unknown OU ${account.parentId}`);
    }
  }
}

const INVALID_TOKEN = "The security token included in the request is invalid.";

/** How each protocol's services refuse a request whose access key or session token they do not know. */
export function credentialsError(
  problem: "invalid" | "expired",
  protocol: Protocol,
  signingName: string,
): { code: string; message: string; status: number } {
  if (signingName === "s3") {
    return problem === "expired"
      ? { code: "ExpiredToken", message: "The provided token has expired.", status: 400 }
      : {
          code: "InvalidAccessKeyId",
          message: "The AWS Access Key Id you provided does not exist in our records.",
          status: 403,
        };
  }
  if (protocol === "ec2") {
    return problem === "expired"
      ? { code: "RequestExpired", message: "Request has expired.", status: 400 }
      : { code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", status: 401 };
  }
  if (protocol === "query") {
    return problem === "expired"
      ? { code: "ExpiredToken", message: "The security token included in the request is expired", status: 400 }
      : { code: "InvalidClientTokenId", message: INVALID_TOKEN, status: 403 };
  }
  const status = protocol === "rest-json" ? 403 : 400;
  return problem === "expired"
    ? { code: "ExpiredTokenException", message: "The security token included in the request is expired", status }
    : { code: "UnrecognizedClientException", message: INVALID_TOKEN, status };
}

/**
 * Who signed a request in an organization: the base access key is the management account's user,
 * an issued key is its assumed role (with the session token it was issued with, until it expires).
 */
export function authenticate(
  state: OrganizationState,
  baseAccessKeyId: string,
  sessions: ReadonlyMap<string, Session>,
  accessKeyId: string | undefined,
  sessionToken: string | undefined,
): Caller | "invalid" | "expired" {
  const partitionOf = (id: string) =>
    state.accounts.find((a) => a.inventory.account.id === id)?.inventory.account.partition;
  if (accessKeyId === baseAccessKeyId) {
    return baseCaller(state.managementAccountId, partitionOf(state.managementAccountId) ?? "aws", accessKeyId);
  }
  const session = accessKeyId ? sessions.get(accessKeyId) : undefined;
  const partition = session && partitionOf(session.accountId);
  if (!session || !partition || session.sessionToken !== sessionToken) return "invalid";
  if (state.now() >= session.expiresAt) return "expired";
  return sessionCaller(session, partition);
}
