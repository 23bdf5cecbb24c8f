/**
 * AWS STS (query protocol). GetCallerIdentity answers whoever signed the request. AssumeRole works
 * as the member role's trust policy does in an organization: only the management account may
 * assume it, only into a member account where it is deployed, only under the organization's role
 * name and with its ExternalId when one is configured. Everything else is AccessDenied, as AWS
 * answers a role that does not exist or does not trust the caller.
 */
import * as schemas from "@aws-sdk/client-sts";
import { MIN_SESSION_SECONDS, SESSION_SECONDS, sessionCaller } from "../organization";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function validation(member: string, value: unknown, constraint: string): FakeAwsError {
  return new FakeAwsError(
    "ValidationError",
    `1 validation error detected: Value '${String(value ?? "null")}' at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

function assumeRole({ params, caller, organization }: FakeRequest) {
  const { RoleArn, RoleSessionName, ExternalId, DurationSeconds } = params;
  if (typeof RoleArn !== "string" || RoleArn.length < 20) {
    throw validation("roleArn", RoleArn, "Member must have length greater than or equal to 20");
  }
  if (typeof RoleSessionName !== "string" || !SESSION_NAME.test(RoleSessionName)) {
    throw validation(
      "roleSessionName",
      RoleSessionName,
      "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  }
  const duration = DurationSeconds === undefined ? SESSION_SECONDS : Number(DurationSeconds);
  if (!(duration >= MIN_SESSION_SECONDS)) {
    throw validation(
      "durationSeconds",
      DurationSeconds,
      `Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`,
    );
  }

  const denied = new FakeAwsError(
    "AccessDenied",
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${RoleArn}`,
    403,
  );
  const [, partition, accountId, roleName] = ROLE_ARN.exec(RoleArn) ?? [];
  const target = organization?.accounts.find((a) => a.inventory.account.id === accountId);
  if (!organization || !target || !partition || !accountId || !roleName) throw denied;
  const trusted =
    partition === target.inventory.account.partition &&
    caller.accountId === organization.managementAccountId &&
    accountId !== organization.managementAccountId &&
    roleName === organization.memberRoleName &&
    target.roleDeployed !== false &&
    (target.status ?? "ACTIVE") === "ACTIVE" &&
    (organization.externalId === undefined || ExternalId === organization.externalId);
  if (!trusted) throw denied;
  // The role's MaxSessionDuration is AWS's default, one hour.
  if (duration > SESSION_SECONDS) {
    throw new FakeAwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      400,
    );
  }

  const session = organization.issueSession(accountId, roleName, RoleSessionName, duration);
  const assumed = sessionCaller(session, partition);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: { AssumedRoleId: assumed.userId, Arn: assumed.arn },
  };
}

export const sts: FakeService = {
  model: {
    signingName: "sts",
    actionPrefix: "sts",
    protocol: "query",
    schemas,
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  },
  responders: {
    GetCallerIdentity: ({ caller }) => ({ Account: caller.accountId, Arn: caller.arn, UserId: caller.userId }),
    AssumeRole: assumeRole,
  },
};
