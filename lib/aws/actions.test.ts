import { describe, expect, it } from "vitest";
import { iamActionFor } from "./actions";

describe("iamActionFor", () => {
  it.each([
    {
      command: "DescribeReplicationGroupsCommand",
      prefix: "elasticache",
      action: "elasticache:DescribeReplicationGroups",
    },
    { command: "DescribeUserPoolClientCommand", prefix: "cognito-idp", action: "cognito-idp:DescribeUserPoolClient" },
    {
      command: "GetIdentityPoolRolesCommand",
      prefix: "cognito-identity",
      action: "cognito-identity:GetIdentityPoolRoles",
    },
    { command: "ListInstanceStorageConfigsCommand", prefix: "connect", action: "connect:ListInstanceStorageConfigs" },
    { command: "GetMacieSessionCommand", prefix: "macie2", action: "macie2:GetMacieSession" },
    { command: "DescribeUsers", prefix: "elasticache", action: "elasticache:DescribeUsers" },
    // Only a trailing "Command" is removed.
    { command: "CommandListCommand", prefix: "x", action: "x:CommandList" },
  ])("$command → $action", ({ command, prefix, action }) => {
    expect(iamActionFor(command, prefix)).toBe(action);
  });

  it.each([
    { command: "GetBucketEncryptionCommand", action: "s3:GetEncryptionConfiguration" },
    { command: "GetBucketLocationCommand", action: "s3:GetBucketLocation" },
    { command: "GetResourcesCommand", action: "tag:GetResources" },
  ])("maps the exception $command → $action", ({ command, action }) => {
    expect(iamActionFor(command, "s3")).toBe(action);
  });

  it("needs no action for GetCallerIdentity", () => {
    expect(iamActionFor("GetCallerIdentityCommand", "sts")).toBeUndefined();
  });

  it("is not fooled by names of Object.prototype members", () => {
    expect(iamActionFor("toString", "x")).toBe("x:toString");
    expect(iamActionFor("constructor", "x")).toBe("x:constructor");
  });
});
