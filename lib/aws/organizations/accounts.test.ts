import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCollectScope } from "../harness";
import { listOrganizationAccounts } from "./accounts";

const organizations = mockClient(OrganizationsClient);
const scope = () => createCollectScope({ accountId: "111122223333", partition: "aws" });

/** What the SDK throws after its retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

function account(id: string, name: string, state: string, extra: Record<string, unknown> = {}): Account {
  return {
    Id: id,
    Arn: `arn:aws:organizations::111122223333:account/o-exampleorgid/${id}`,
    Email: `owner+${id}@example.com`,
    Name: name,
    State: state,
    JoinedMethod: "CREATED",
    JoinedTimestamp: new Date("2025-01-01T00:00:00Z"),
    ...extra,
  } as Account;
}

const PARENTS: Record<string, { Id: string; Type: "ORGANIZATIONAL_UNIT" | "ROOT" }> = {
  "111122223333": { Id: "r-ab12", Type: "ROOT" },
  "444455556666": { Id: "ou-ab12-11111111", Type: "ORGANIZATIONAL_UNIT" },
  "777788889999": { Id: "ou-ab12-22222222", Type: "ORGANIZATIONAL_UNIT" },
};

beforeEach(() => {
  organizations.on(DescribeOrganizationCommand).resolves({
    Organization: { Id: "o-exampleorgid", MasterAccountId: "111122223333", FeatureSet: "ALL" },
  });
  organizations.on(ListParentsCommand).callsFake(async (input: { ChildId: string }) => ({
    Parents: [PARENTS[input.ChildId]!],
  }));
});
afterEach(() => organizations.reset());

describe("listOrganizationAccounts", () => {
  it("reads every page of accounts, with each account's state and parent, and drops the emails", async () => {
    organizations
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({ Accounts: [account("111122223333", "management", "ACTIVE")], NextToken: "page-2" })
      .on(ListAccountsCommand, { NextToken: "page-2" })
      .resolves({
        Accounts: [account("444455556666", "workloads-prod", "ACTIVE"), account("777788889999", "old", "SUSPENDED")],
      });
    const listing = await listOrganizationAccounts("eu-west-1", scope());
    expect(listing).toEqual({
      listed: true,
      organizationId: "o-exampleorgid",
      managementAccountId: "111122223333",
      accounts: [
        { id: "111122223333", name: "management", state: "ACTIVE", parentId: "r-ab12" },
        { id: "444455556666", name: "workloads-prod", state: "ACTIVE", parentId: "ou-ab12-11111111" },
        { id: "777788889999", name: "old", state: "SUSPENDED", parentId: "ou-ab12-22222222" },
      ],
      errors: [],
    });
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsCommand, 2);
    expect(organizations).toHaveReceivedCommandWith(ListParentsCommand, { ChildId: "777788889999" });
    expect(JSON.stringify(listing)).not.toContain("@example.com");
  });

  it.each([
    // Until AWS retires Status, an answer may carry only the older field.
    [{ State: undefined, Status: "SUSPENDED" }, "SUSPENDED"],
    [{ State: "PENDING_CLOSURE", Status: "ACTIVE" }, "PENDING_CLOSURE"],
    [{ State: undefined, Status: undefined }, "UNKNOWN"],
  ])("reads the state from State, else Status: %j → %s", async (fields, state) => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account("444455556666", "x", "ACTIVE", fields)] });
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing.accounts.map((a) => a.state)).toEqual([state]);
  });

  it("fails the listing as a whole when ListAccounts is denied, keeping no accounts", async () => {
    organizations
      .on(ListAccountsCommand)
      .rejects(
        awsError(
          "AccessDeniedException",
          "User: arn:aws:sts::444455556666:assumed-role/dev/me is not authorized to perform: organizations:ListAccounts",
          400,
        ),
      );
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing.listed).toBe(false);
    expect(listing.accounts).toEqual([]);
    expect(listing.errors).toEqual([
      expect.objectContaining({
        service: "account",
        region: "global",
        action: "organizations:ListAccounts",
        kind: "access-denied",
      }),
    ]);
  });

  it("never keeps half a list when a later page fails", async () => {
    organizations
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({ Accounts: [account("111122223333", "management", "ACTIVE")], NextToken: "page-2" })
      .on(ListAccountsCommand, { NextToken: "page-2" })
      .rejects(awsError("TooManyRequestsException", "Rate exceeded", 400));
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing).toMatchObject({ listed: false, accounts: [] });
    expect(listing.errors.map((e) => e.kind)).toEqual(["throttled"]);
  });

  it("keeps an account whose parent cannot be read, without a parent, and names it in the error", async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [account("111122223333", "management", "ACTIVE"), account("444455556666", "prod", "ACTIVE")],
    });
    organizations
      .on(ListParentsCommand, { ChildId: "444455556666" })
      .rejects(awsError("AccessDeniedException", "not authorized to perform: organizations:ListParents", 400));
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing.listed).toBe(true);
    expect(listing.accounts).toEqual([
      { id: "111122223333", name: "management", state: "ACTIVE", parentId: "r-ab12" },
      { id: "444455556666", name: "prod", state: "ACTIVE" },
    ]);
    expect(listing.errors).toEqual([
      expect.objectContaining({ action: "organizations:ListParents", kind: "access-denied", resource: "444455556666" }),
    ]);
  });

  it("lists the accounts when only DescribeOrganization is refused", async () => {
    organizations.on(DescribeOrganizationCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account("111122223333", "management", "ACTIVE")] });
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing.listed).toBe(true);
    expect(listing.organizationId).toBeUndefined();
    expect(listing.accounts).toHaveLength(1);
    expect(listing.errors.map((e) => e.action)).toEqual(["organizations:DescribeOrganization"]);
  });

  it("says when the caller's account is in no organization", async () => {
    const notInUse = awsError(
      "AWSOrganizationsNotInUseException",
      "Your account is not a member of an organization.",
      400,
    );
    organizations.on(DescribeOrganizationCommand).rejects(notInUse);
    organizations.on(ListAccountsCommand).rejects(notInUse);
    const listing = await listOrganizationAccounts("us-east-1", scope());
    expect(listing.listed).toBe(false);
    expect(listing.errors.at(-1)?.message).toMatch(/AWSOrganizationsNotInUseException: Your account is not a member/);
  });
});
