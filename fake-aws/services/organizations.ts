/**
 * AWS Organizations (JSON 1.1, target prefix AWSOrganizationsV20161128): ListAccounts, ListParents,
 * DescribeOrganizationalUnit and DescribeOrganization, answered from the organization the endpoint
 * serves. As in AWS: outside an organization every call is AWSOrganizationsNotInUseException;
 * DescribeOrganization answers any account of the organization; the listing and describing calls
 * answer only the management account and delegated administrators (AccessDeniedException otherwise).
 */
import * as schemas from "@aws-sdk/client-organizations";
import { accountEmail, accountJoined } from "../organization";
import { FakeAwsError, type FakeRequest, type FakeService, type OrganizationState } from "../types";

/** ListAccounts' documented page size range (and its default). */
const MAX_ACCOUNTS_PAGE = 20;

function organizationOf(request: FakeRequest): OrganizationState {
  if (!request.organization) {
    throw new FakeAwsError(
      "AWSOrganizationsNotInUseException",
      "Your account is not a member of an organization.",
      404,
    );
  }
  return request.organization;
}

/** Listing the organization is for its management account and delegated administrators only. */
function administratorOrganization(request: FakeRequest): OrganizationState {
  const organization = organizationOf(request);
  const { accountId } = request.caller;
  if (accountId !== organization.managementAccountId && !organization.delegatedAdministrators.includes(accountId)) {
    throw new FakeAwsError("AccessDeniedException", "You don't have permissions to access this resource.", 403);
  }
  return organization;
}

function invalidInput(reason: string, message: string): FakeAwsError {
  return new FakeAwsError("InvalidInputException", `${message} (${reason})`, 400);
}

/** Opaque page tokens; a token this endpoint did not hand out is refused as AWS refuses it. */
function pageStart(token: unknown): number {
  if (token === undefined || token === null || token === "") return 0;
  const decoded = typeof token === "string" ? /^page:(\d+)$/.exec(Buffer.from(token, "base64url").toString()) : null;
  if (!decoded?.[1]) {
    throw invalidInput(
      "INVALID_PAGINATION_TOKEN",
      "Get the value for the NextToken parameter from the response to a previous call of the operation.",
    );
  }
  return Number(decoded[1]);
}

function pageToken(offset: number): string {
  return Buffer.from(`page:${offset}`).toString("base64url");
}

function pageSize(maxResults: unknown): number {
  if (maxResults === undefined || maxResults === null) return MAX_ACCOUNTS_PAGE;
  const size = Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > MAX_ACCOUNTS_PAGE) {
    throw invalidInput("INVALID_INPUT", `MaxResults must be between 1 and ${MAX_ACCOUNTS_PAGE}.`);
  }
  return size;
}

function organizationArn(organization: OrganizationState, partition: string): string {
  return `arn:${partition}:organizations::${organization.managementAccountId}:organization/${organization.id}`;
}

function accountArn(organization: OrganizationState, partition: string, accountId: string): string {
  return `arn:${partition}:organizations::${organization.managementAccountId}:account/${organization.id}/${accountId}`;
}

function listAccounts(request: FakeRequest) {
  const organization = administratorOrganization(request);
  const size = pageSize(request.params.MaxResults);
  const start = pageStart(request.params.NextToken);
  const slice = organization.accounts.slice(start, start + size);
  const next = start + slice.length;
  return {
    Accounts: slice.map((account) => {
      const { id, partition } = account.inventory.account;
      const status = account.status ?? "ACTIVE";
      return {
        Id: id,
        Arn: accountArn(organization, partition, id),
        Email: accountEmail(account),
        Name: account.name ?? id,
        // Status is being retired in favour of State; AWS sends both until then.
        Status: status,
        State: status,
        JoinedMethod: account.joinedMethod ?? "CREATED",
        JoinedTimestamp: accountJoined(account),
      };
    }),
    NextToken: next < organization.accounts.length ? pageToken(next) : undefined,
  };
}

function listParents(request: FakeRequest) {
  const organization = administratorOrganization(request);
  const { ChildId } = request.params;
  pageSize(request.params.MaxResults);
  pageStart(request.params.NextToken);
  const account = organization.accounts.find((a) => a.inventory.account.id === ChildId);
  const unit = organization.organizationalUnits.find((ou) => ou.id === ChildId);
  if (!account && !unit) {
    throw new FakeAwsError(
      "ChildNotFoundException",
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      404,
    );
  }
  const parentId = (account ?? unit)?.parentId;
  return {
    Parents: [parentId ? { Id: parentId, Type: "ORGANIZATIONAL_UNIT" } : { Id: organization.rootId, Type: "ROOT" }],
  };
}

function describeOrganizationalUnit(request: FakeRequest) {
  const organization = administratorOrganization(request);
  const unit = organization.organizationalUnits.find((ou) => ou.id === request.params.OrganizationalUnitId);
  if (!unit) {
    throw new FakeAwsError(
      "OrganizationalUnitNotFoundException",
      "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.",
      404,
    );
  }
  const { partition } = request.caller;
  return {
    OrganizationalUnit: {
      Id: unit.id,
      Arn: `arn:${partition}:organizations::${organization.managementAccountId}:ou/${organization.id}/${unit.id}`,
      Name: unit.name,
    },
  };
}

function describeOrganization(request: FakeRequest) {
  const organization = organizationOf(request);
  const { partition } = request.caller;
  const management = organization.accounts.find((a) => a.inventory.account.id === organization.managementAccountId);
  return {
    Organization: {
      Id: organization.id,
      Arn: organizationArn(organization, partition),
      FeatureSet: "ALL",
      MasterAccountArn: accountArn(organization, partition, organization.managementAccountId),
      MasterAccountId: organization.managementAccountId,
      MasterAccountEmail: management ? accountEmail(management) : undefined,
    },
  };
}

export const organizations: FakeService = {
  model: {
    signingName: "organizations",
    actionPrefix: "organizations",
    protocol: "json",
    jsonVersion: "1.1",
    schemas,
  },
  responders: {
    ListAccounts: listAccounts,
    ListParents: listParents,
    DescribeOrganizationalUnit: describeOrganizationalUnit,
    DescribeOrganization: describeOrganization,
  },
};
