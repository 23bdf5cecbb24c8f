import { describe, expect, it } from "vitest";
import type { IamInventory, IamRole, IdentityPool } from "@/lib/inventory";
import {
  cognitoGuestRole,
  cognitoIamInventory,
  cognitoIdentityPool,
  cognitoInventory,
  COGNITO_TEST_GUEST_ROLE_ARN,
  COGNITO_TEST_IDENTITY_POOL_ID,
} from "@/lib/inventory/builders";
import { control } from "./identity-pool-unauthenticated";

const now = new Date("2026-06-01T00:00:00Z");
const GUEST = { allowUnauthenticatedIdentities: true, roles: { unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN } };

const roleAllowing = (...actions: string[]): IamRole =>
  cognitoGuestRole({
    inlinePolicies: [
      { name: "guest", statements: [{ effect: "Allow", actions, resources: ["*"], hasCondition: false }] },
    ],
  });

function evaluatePool(pool: Partial<IdentityPool>, iam?: IamInventory) {
  return control.evaluate(cognitoInventory({ identityPools: [cognitoIdentityPool(pool)] }, { iam }), { now });
}

describe("cognito.identity-pool-unauthenticated", () => {
  it.each([
    { name: "guest access off", pool: {}, iam: undefined, status: "pass", reason: /only to signed-in users/ },
    {
      name: "guest access off, classic flow on (classic-flow control's job)",
      pool: { allowClassicFlow: true },
      iam: undefined,
      status: "pass",
      reason: /only to signed-in users/,
    },
    {
      name: "guest access with a narrow role",
      pool: GUEST,
      iam: cognitoIamInventory([cognitoGuestRole()]),
      status: "warn",
      reason: /confirm guest access is needed; the guest role .* grants no service-wide/,
    },
    {
      name: "guest role allows s3:*",
      pool: GUEST,
      iam: cognitoIamInventory([roleAllowing("s3:*")]),
      status: "fail",
      reason: /may grant s3:\*/,
    },
    {
      name: "guest role allows *",
      pool: GUEST,
      iam: cognitoIamInventory([roleAllowing("*")]),
      status: "fail",
      reason: /may grant \*/,
    },
    {
      name: "guest role allows iam:* and sts:*",
      pool: GUEST,
      iam: cognitoIamInventory([roleAllowing("iam:*", "sts:*")]),
      status: "fail",
      reason: /may grant iam:\*, sts:\*/,
    },
    {
      name: "guest role allows dynamodb:*",
      pool: GUEST,
      iam: cognitoIamInventory([roleAllowing("dynamodb:*")]),
      status: "fail",
      reason: /dynamodb:\*/,
    },
    {
      name: "guest role allows only some S3 actions",
      pool: GUEST,
      iam: cognitoIamInventory([roleAllowing("s3:GetObject", "s3:List*")]),
      status: "warn",
      reason: /grants no service-wide/,
    },
    {
      name: "guest access with classic flow",
      pool: { ...GUEST, allowClassicFlow: true },
      iam: cognitoIamInventory([cognitoGuestRole()]),
      status: "fail",
      reason: /basic \(classic\) flow, which skips the scope-down policy/,
    },
    {
      name: "IAM data missing: judged on the pool settings alone",
      pool: GUEST,
      iam: undefined,
      status: "warn",
      reason: /IAM data was not collected, so the guest role .* was not checked/,
    },
    {
      name: "IAM authorization details failed",
      pool: GUEST,
      iam: {},
      status: "warn",
      reason: /was not checked/,
    },
    {
      name: "IAM data missing with classic flow still fails",
      pool: { ...GUEST, allowClassicFlow: true },
      iam: undefined,
      status: "fail",
      reason: /classic\) flow.*IAM data was not collected/,
    },
    {
      name: "roles could not be read",
      pool: { allowUnauthenticatedIdentities: true, roles: undefined },
      iam: cognitoIamInventory([roleAllowing("*")]),
      status: "warn",
      reason: /its roles could not be read/,
    },
    {
      name: "no unauthenticated role set",
      pool: { allowUnauthenticatedIdentities: true, roles: { authenticated: "arn:aws:iam::111122223333:role/auth" } },
      iam: cognitoIamInventory([]),
      status: "warn",
      reason: /no unauthenticated role set/,
    },
    {
      name: "role not in the account's IAM data",
      pool: { allowUnauthenticatedIdentities: true, roles: { unauthenticated: "arn:aws:iam::444455556666:role/x" } },
      iam: cognitoIamInventory([roleAllowing("*")]),
      status: "warn",
      reason: /not among the account's IAM roles/,
    },
  ])("$name → $status", ({ pool, iam, status, reason }) => {
    const [result] = evaluatePool(pool, iam);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_IDENTITY_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("lists IAM authorization details among its requirements, so a failed IAM read shows as an error", () => {
    expect(control.meta.requires).toContain("iam:GetAccountAuthorizationDetails");
    expect(control.meta.requires).toContain("cognito-identity:GetIdentityPoolRoles");
  });

  it("records the role and the broad grants with their source as evidence", () => {
    const [result] = evaluatePool(GUEST, cognitoIamInventory([roleAllowing("s3:*")]));
    expect(result?.evidence).toEqual({
      allowUnauthenticatedIdentities: true,
      allowClassicFlow: false,
      unauthenticatedRoleArn: COGNITO_TEST_GUEST_ROLE_ARN,
      guestRoleCheck: "checked",
      broadGrants: ["s3:* (inline:guest)"],
    });
    const [off] = evaluatePool({});
    expect(off?.evidence).toMatchObject({ guestRoleCheck: null, broadGrants: [], unauthenticatedRoleArn: null });
  });

  it("yields nothing without identity pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
