import { describe, expect, it } from "vitest";
import { cacheUser, userGroup } from "@/lib/inventory/builders";
import { isAttached, isEncryptedAtRest, isOpenFullAccessUser, parseAccessString } from "./scope";

describe("isEncryptedAtRest", () => {
  it.each([
    {
      storageEncryptionType: "sse-elasticache" as const,
      atRestEncryptionEnabled: false,
      dataTiering: undefined,
      expected: true,
    },
    {
      storageEncryptionType: "sse-kms" as const,
      atRestEncryptionEnabled: undefined,
      dataTiering: undefined,
      expected: true,
    },
    { storageEncryptionType: "none" as const, atRestEncryptionEnabled: true, dataTiering: "enabled", expected: false },
    { storageEncryptionType: undefined, atRestEncryptionEnabled: true, dataTiering: undefined, expected: true },
    {
      storageEncryptionType: undefined,
      atRestEncryptionEnabled: false,
      dataTiering: "enabled",
      expected: "tiering-only",
    },
    { storageEncryptionType: undefined, atRestEncryptionEnabled: undefined, dataTiering: "disabled", expected: false },
  ])("$storageEncryptionType / $atRestEncryptionEnabled / $dataTiering → $expected", ({ expected, ...group }) => {
    expect(isEncryptedAtRest(group)).toBe(expected);
  });
});

describe("parseAccessString", () => {
  it.each([
    { access: "on ~* +@all", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: "on allkeys allcommands", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: "off ~* +@all", expected: { enabled: false, allKeys: true, allCommands: true } },
    { access: "on ~app:* +@read", expected: { enabled: true, allKeys: false, allCommands: false } },
    { access: "on ~* +@all reset", expected: { enabled: false, allKeys: false, allCommands: false } },
    { access: "on ~* resetkeys ~app:* +@all", expected: { enabled: true, allKeys: false, allCommands: true } },
    { access: "  on   ~*  +@all  ", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: undefined, expected: { enabled: false, allKeys: false, allCommands: false } },
  ])("$access", ({ access, expected }) => {
    expect(parseAccessString(access)).toEqual(expected);
  });
});

describe("isOpenFullAccessUser", () => {
  it.each([
    {
      name: "AWS default user",
      user: { authenticationType: "no-password" as const, accessString: "on ~* +@all" },
      expected: true,
    },
    {
      name: "with a password",
      user: { authenticationType: "password" as const, accessString: "on ~* +@all" },
      expected: false,
    },
    { name: "IAM", user: { authenticationType: "iam" as const, accessString: "on ~* +@all" }, expected: false },
    {
      name: "off",
      user: { authenticationType: "no-password" as const, accessString: "off ~* +@all" },
      expected: false,
    },
    {
      name: "restricted keys",
      user: { authenticationType: "no-password" as const, accessString: "on ~a:* +@all" },
      expected: false,
    },
  ])("$name → $expected", ({ user, expected }) => {
    expect(isOpenFullAccessUser(cacheUser(user))).toBe(expected);
  });
});

describe("isAttached", () => {
  it.each([
    { replicationGroups: ["a"], serverlessCaches: [], expected: true },
    { replicationGroups: [], serverlessCaches: ["b"], expected: true },
    { replicationGroups: [], serverlessCaches: [], expected: false },
  ])("$replicationGroups / $serverlessCaches → $expected", ({ expected, ...group }) => {
    expect(isAttached(userGroup(group))).toBe(expected);
  });
});
