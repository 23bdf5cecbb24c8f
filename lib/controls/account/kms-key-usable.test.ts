import { describe, expect, it } from "vitest";
import type { CollectionError, KmsKey } from "@/lib/inventory";
import {
  buildInventory,
  foreignDeniedKey,
  FOREIGN_ACCOUNT,
  kmsKey,
  kmsKeyArn,
  storageInventory,
  TEST_ACCOUNT,
  TEST_KEY_ID,
} from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { control } from "./kms-key-usable";

const now = new Date("2026-06-01T00:00:00Z");

/** A call that failed in `region`, as a collector records it. */
function failedCall(action: string, region = "us-east-1"): CollectionError {
  return { service: "account", region, action, kind: "access-denied", message: `not authorized to perform ${action}` };
}

function evaluate(...keys: KmsKey[]) {
  return control.evaluate(storageInventory({ kmsKeys: keys }), { now });
}

describe("xc.kms-key-usable", () => {
  it.each([
    { name: "enabled", key: { keyState: "Enabled" }, status: "pass", reason: /is enabled/ },
    {
      name: "AWS managed, enabled",
      key: { keyState: "Enabled", keyManager: "AWS" as const },
      status: "pass",
      reason: /is enabled/,
    },
    {
      name: "pending deletion, with its date",
      key: { keyState: "PendingDeletion", deletionDate: "2026-06-08T00:00:00.000Z" },
      status: "fail",
      reason: /scheduled for deletion on 2026-06-08 \(in 7 days\)/,
    },
    {
      name: "pending deletion, date not reported",
      key: { keyState: "PendingDeletion", deletionDate: undefined },
      status: "fail",
      reason: /scheduled for deletion; once it is deleted/,
    },
    {
      name: "replica pending deletion",
      key: { keyState: "PendingReplicaDeletion", deletionDate: "2026-06-02T00:00:00.000Z" },
      status: "fail",
      reason: /multi-Region replica scheduled for deletion on 2026-06-02 \(in 1 day\)/,
    },
    { name: "disabled", key: { keyState: "Disabled" }, status: "fail", reason: /is disabled/ },
    {
      name: "unavailable (custom key store disconnected)",
      key: { keyState: "Unavailable", origin: "AWS_CLOUDHSM" },
      status: "fail",
      reason: /custom key store is disconnected/,
    },
    { name: "pending import", key: { keyState: "PendingImport" }, status: "fail", reason: /pending import/ },
    { name: "creating", key: { keyState: "Creating" }, status: "warn", reason: /transitional state Creating/ },
    { name: "updating", key: { keyState: "Updating" }, status: "warn", reason: /transitional state Updating/ },
    { name: "unknown state", key: { keyState: "Sleeping" }, status: "warn", reason: /unknown state Sleeping/ },
    { name: "no state", key: { keyState: undefined }, status: "warn", reason: /no key state/ },
    {
      name: "no longer exists",
      key: { access: "not-found" as const, keyState: undefined },
      status: "fail",
      reason: /does not exist/,
    },
    {
      name: "another account's key, refused",
      key: foreignDeniedKey(),
      status: "warn",
      reason: new RegExp(`belongs to account ${FOREIGN_ACCOUNT}.*cannot verify`),
    },
    {
      name: "another account's key, described and disabled",
      key: { accountId: FOREIGN_ACCOUNT, keyState: "Disabled" },
      status: "fail",
      reason: /is disabled/,
    },
  ])("$name → $status", ({ key, status, reason }) => {
    const [result] = evaluate(kmsKey(key));
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.resourceType).toBe("KMS key");
  });

  it("names the key by its id and who uses it, by kind and count", () => {
    const key = kmsKey({
      keyState: "Disabled",
      referencedBy: [
        { service: "elasticache", resourceArn: `arn:aws:elasticache:us-east-1:${TEST_ACCOUNT}:replicationgroup:a` },
        { service: "elasticache", resourceArn: `arn:aws:elasticache:us-east-1:${TEST_ACCOUNT}:replicationgroup:b` },
        { service: "cloudtrail", resourceArn: `arn:aws:cloudtrail:us-east-1:${TEST_ACCOUNT}:trail/org` },
      ],
    });
    const [result] = evaluate(key);
    expect(result?.reason).toBe(
      `KMS key ${TEST_KEY_ID} is disabled, so data of 2 ElastiCache replication groups and 1 CloudTrail trail cannot be decrypted.`,
    );
    expect(result?.evidence.referencedBy).toEqual(key.referencedBy.map((r) => r.resourceArn));
  });

  it("gives no row for an own key DescribeKey refused: the runner reports the missing permission", () => {
    expect(evaluate(kmsKey({ access: "denied", keyState: undefined, accountId: TEST_ACCOUNT }))).toEqual([]);
    expect(evaluate(kmsKey({ access: "denied", keyState: undefined, accountId: undefined }))).toEqual([]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluate(kmsKey({ keyState: "PendingDeletion", deletionDate: "2026-06-08T00:00:00.000Z" }));
    expect(result?.evidence).toMatchObject({
      access: "ok",
      accountId: TEST_ACCOUNT,
      keyState: "PendingDeletion",
      deletionDate: "2026-06-08T00:00:00.000Z",
      keyManager: "CUSTOMER",
    });
  });

  it("gives an alias that could not be described an alias ARN in its Region", () => {
    const [result] = evaluate(kmsKey({ arn: "alias/orders", region: "eu-west-1", access: "not-found" }));
    expect(result?.resourceArn).toBe(`arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:alias/orders`);
    expect(result?.region).toBe("eu-west-1");
    expect(result?.reason).toContain("alias/orders");
  });

  it("evaluates every key and yields nothing when KMS was not collected or no key is referenced", () => {
    const results = evaluate(
      kmsKey(),
      kmsKey({ arn: "arn:aws:kms:us-east-1:111122223333:key/other", keyState: "Disabled" }),
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "fail"]);
    expect(control.evaluate(storageInventory(), { now })).toEqual([]);
    expect(control.evaluate(storageInventory({ kmsKeys: [] }), { now })).toEqual([]);
    expect(control.evaluate(buildInventory(), { now })).toEqual([]);
  });
});

describe("xc.kms-key-usable when a call failed", () => {
  const keys = [kmsKey(), kmsKey({ arn: kmsKeyArn("bbbbbbbb-1111-2222-3333-444444444444"), keyState: "Disabled" })];
  const outcome = (...errors: CollectionError[]) =>
    evaluateInventory({ ...storageInventory({ kmsKeys: keys }), errors }, [control], { now })[0]!;

  it.each([
    "connect:ListInstances",
    "cognito-idp:ListUserPools",
    "personalize:ListDatasetGroups",
    "personalize:DescribeDatasetImportJob",
    "elasticache:DescribeSnapshots",
    "s3:GetEncryptionConfiguration",
  ])("%s (it finds keys): keeps every verdict on the keys found, adds an error row, marks it incomplete", (action) => {
    const judged = outcome(failedCall(action));
    expect(judged.results.map((r) => r.status)).toEqual(["pass", "fail", "error"]);
    expect(judged.results[2]?.evidence.action).toBe(action);
    expect(judged.status).toBe("fail");
    expect(judged.incomplete).toEqual({ resources: 1, regions: ["us-east-1"] });
  });

  it("kms:DescribeKey: cannot judge the keys, whichever failed", () => {
    const judged = outcome(failedCall("kms:DescribeKey"));
    expect(judged.results.slice(0, 2).map((r) => r.status)).toEqual(["error", "error"]);
  });

  it("a call it does not read changes nothing", () => {
    const judged = outcome(failedCall("elasticache:DescribeUsers"));
    expect(judged.results.map((r) => r.status)).toEqual(["pass", "fail"]);
    expect(judged.incomplete).toBeUndefined();
  });
});
