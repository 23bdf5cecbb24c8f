import { describe, expect, it } from "vitest";
import { elasticacheInventory, replicationGroup } from "@/lib/inventory/builders";
import { control } from "./rg-at-rest-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateGroup(overrides: Parameters<typeof replicationGroup>[0]) {
  return control.evaluate(elasticacheInventory({ replicationGroups: [replicationGroup(overrides)] }), { now });
}

describe("elasticache.rg-at-rest-encryption", () => {
  it.each([
    { name: "sse-elasticache", group: { storageEncryptionType: "sse-elasticache" as const }, status: "pass" },
    {
      name: "sse-kms",
      group: { storageEncryptionType: "sse-kms" as const, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k" },
      status: "pass",
    },
    {
      name: "storage type none",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: false },
      status: "fail",
    },
    {
      name: "storage type wins over AtRestEncryptionEnabled=false",
      group: { storageEncryptionType: "sse-elasticache" as const, atRestEncryptionEnabled: false },
      status: "pass",
    },
    {
      name: "storage type none wins over AtRestEncryptionEnabled=true",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: true },
      status: "fail",
    },
    {
      name: "storage type none wins over data tiering",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: false, dataTiering: "enabled" },
      status: "fail",
    },
    {
      name: "older response, at rest on",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: true },
      status: "pass",
    },
    {
      name: "older response, at rest off",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false },
      status: "fail",
    },
    {
      name: "older response, fields missing",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: undefined },
      status: "fail",
    },
    {
      name: "older response, at rest off with data tiering",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false, dataTiering: "enabled" },
      status: "warn",
    },
    {
      name: "older response, data tiering disabled",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false, dataTiering: "disabled" },
      status: "fail",
    },
  ])("$name → $status", ({ group, status }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-cache");
  });

  it("explains what data tiering leaves unencrypted and how to fix a group", () => {
    const [tiering] = evaluateGroup({
      storageEncryptionType: undefined,
      atRestEncryptionEnabled: false,
      dataTiering: "enabled",
    });
    expect(tiering?.reason).toMatch(/memory and backups are not/);
    const [off] = evaluateGroup({ storageEncryptionType: "none", atRestEncryptionEnabled: false });
    expect(off?.reason).toMatch(/restore a backup into a new group/);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({
      storageEncryptionType: "none",
      atRestEncryptionEnabled: true,
      dataTiering: undefined,
    });
    expect(result?.evidence).toEqual({
      storageEncryptionType: "none",
      atRestEncryptionEnabled: true,
      dataTiering: null,
    });
  });

  it("skips groups being deleted and yields nothing without groups", () => {
    expect(evaluateGroup({ status: "deleting", storageEncryptionType: "none" })).toEqual([]);
    expect(evaluateGroup({ status: "create-failed", storageEncryptionType: "none" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
