import { describe, expect, it } from "vitest";
import { elasticacheInventory, replicationGroup } from "@/lib/inventory/builders";
import { control } from "./rg-authentication";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateGroup(overrides: Parameters<typeof replicationGroup>[0]) {
  return control.evaluate(elasticacheInventory({ replicationGroups: [replicationGroup(overrides)] }), { now });
}

const noAuth = { userGroupIds: [], authTokenEnabled: false };

describe("elasticache.rg-authentication", () => {
  it.each([
    {
      name: "RBAC user group",
      group: { userGroupIds: ["orders-users"], authTokenEnabled: false },
      status: "pass",
      reason: /RBAC user group orders-users/,
    },
    {
      name: "AUTH token",
      group: { userGroupIds: [], authTokenEnabled: true },
      status: "pass",
      reason: /AUTH token, one shared password/,
    },
    {
      name: "user group and AUTH token",
      group: { userGroupIds: ["orders-users"], authTokenEnabled: true },
      status: "pass",
      reason: /RBAC/,
    },
    { name: "neither", group: noAuth, status: "fail", reason: /neither an RBAC user group nor an AUTH token/ },
    {
      name: "neither, AUTH field missing",
      group: { userGroupIds: [], authTokenEnabled: undefined },
      status: "fail",
      reason: /without authentication/,
    },
  ])("$name → $status", ({ group, status, reason }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-cache");
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).not.toContain("fix transit first");
  });

  it.each([
    { name: "without TLS", transitEncryptionEnabled: false },
    { name: "with TLS field missing", transitEncryptionEnabled: undefined },
  ])("tells a group $name to fix transit first", ({ transitEncryptionEnabled }) => {
    const [result] = evaluateGroup({ ...noAuth, transitEncryptionEnabled, transitEncryptionMode: undefined });
    expect(result?.status).toBe("fail");
    expect(result?.reason).toContain("AUTH/RBAC require in-transit encryption — fix transit first.");
  });

  it.each([
    {
      name: "Redis OSS 5 can only use AUTH",
      group: { engine: "redis", engineVersion: "5.0.6" },
      reason: /Set an AUTH token, or upgrade to Redis OSS 6\.0\+/,
    },
    {
      name: "Redis OSS 7 can use RBAC",
      group: { engine: "redis", engineVersion: "7.1.0" },
      reason: /Attach an RBAC user group/,
    },
    {
      name: "Valkey can use RBAC",
      group: { engine: "valkey", engineVersion: "8.0.1" },
      reason: /Attach an RBAC user group/,
    },
  ])("remediation: $name", ({ group, reason }) => {
    const [result] = evaluateGroup({ ...noAuth, ...group });
    expect(result?.reason).toMatch(reason);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({ ...noAuth, transitEncryptionEnabled: false });
    expect(result?.evidence).toEqual({
      userGroupIds: [],
      authTokenEnabled: false,
      transitEncryptionEnabled: false,
      engine: "redis",
      engineVersion: "7.1.0",
    });
  });

  it("skips groups being deleted and yields nothing without groups", () => {
    expect(evaluateGroup({ ...noAuth, status: "deleting" })).toEqual([]);
    expect(evaluateGroup({ ...noAuth, status: "create-failed" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
