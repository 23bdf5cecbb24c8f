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
import { control } from "./kms-key-rotation";

const now = new Date("2026-06-01T00:00:00Z");

/** A call that failed in `region`, as a collector records it. */
function failedCall(action: string, region = "us-east-1"): CollectionError {
  return { service: "account", region, action, kind: "access-denied", message: `not authorized to perform ${action}` };
}

function evaluate(...keys: KmsKey[]) {
  return control.evaluate(storageInventory({ kmsKeys: keys }), { now });
}

describe("xc.kms-key-rotation", () => {
  it.each([
    {
      name: "customer symmetric key, rotation on",
      key: { rotationEnabled: true, rotationPeriodInDays: 180 },
      status: "pass",
      reason: /rotates its key material automatically every 180 days/,
    },
    {
      name: "rotation on, period not reported",
      key: { rotationEnabled: true, rotationPeriodInDays: undefined },
      status: "pass",
      reason: /automatically\.$/,
    },
    {
      name: "customer symmetric key, rotation off",
      key: { rotationEnabled: false, rotationPeriodInDays: undefined },
      status: "fail",
      reason: /without automatic rotation; it protects 1 ElastiCache replication group/,
    },
    {
      name: "AWS managed key",
      key: { keyManager: "AWS" as const, rotationEnabled: undefined },
      status: "pass",
      reason: /AWS managed key, which AWS rotates every year/,
    },
    {
      name: "asymmetric key",
      key: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", rotationEnabled: undefined },
      status: "not-applicable",
      reason: /RSA_2048 key, and KMS rotates only symmetric/,
    },
    {
      name: "HMAC key",
      key: { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", rotationEnabled: undefined },
      status: "not-applicable",
      reason: /HMAC_256/,
    },
    {
      name: "imported key material",
      key: { origin: "EXTERNAL", rotationEnabled: undefined },
      status: "not-applicable",
      reason: /imported key material/,
    },
    {
      name: "CloudHSM key store",
      key: { origin: "AWS_CLOUDHSM", rotationEnabled: undefined },
      status: "not-applicable",
      reason: /custom key store \(AWS_CLOUDHSM\)/,
    },
    {
      name: "external key store",
      key: { origin: "EXTERNAL_KEY_STORE", rotationEnabled: undefined },
      status: "not-applicable",
      reason: /custom key store \(EXTERNAL_KEY_STORE\)/,
    },
    {
      name: "scheduled for deletion (rotation reads false)",
      key: { keyState: "PendingDeletion", rotationEnabled: false },
      status: "not-applicable",
      reason: /scheduled for deletion/,
    },
    {
      name: "key no longer exists",
      key: { access: "not-found" as const, keyManager: undefined, rotationEnabled: undefined },
      status: "not-applicable",
      reason: /could not be found/,
    },
    {
      name: "another account's key, refused",
      key: foreignDeniedKey(),
      status: "warn",
      reason: new RegExp(`belongs to account ${FOREIGN_ACCOUNT}.*cannot verify`),
    },
    {
      name: "another account's key, described but rotation refused",
      key: { accountId: FOREIGN_ACCOUNT, rotationEnabled: undefined },
      status: "warn",
      reason: /cannot verify/,
    },
    {
      name: "another account's key, rotation off",
      key: { accountId: FOREIGN_ACCOUNT, rotationEnabled: false },
      status: "fail",
      reason: /without automatic rotation/,
    },
  ])("$name → $status", ({ key, status, reason }) => {
    const [result] = evaluate(kmsKey(key));
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toMatch(/^KMS key [\w-]+ /);
  });

  it("names the key by its id", () => {
    const [result] = evaluate(kmsKey({ rotationEnabled: false }));
    expect(result?.reason).toMatch(new RegExp(`^KMS key ${TEST_KEY_ID} `));
  });

  it.each([
    {
      name: "own key DescribeKey refused",
      key: { access: "denied" as const, keyManager: undefined, rotationEnabled: undefined },
    },
    { name: "own key rotation read failed", key: { rotationEnabled: undefined } },
    { name: "key manager not reported", key: { keyManager: undefined } },
  ])("gives no row when own data is missing ($name): the runner reports the failed call", ({ key }) => {
    expect(evaluate(kmsKey({ accountId: TEST_ACCOUNT, ...key }))).toEqual([]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluate(kmsKey({ rotationEnabled: false, rotationPeriodInDays: undefined }));
    expect(result?.evidence).toMatchObject({
      keyManager: "CUSTOMER",
      keySpec: "SYMMETRIC_DEFAULT",
      origin: "AWS_KMS",
      rotationEnabled: false,
      rotationPeriodInDays: null,
    });
  });

  it("evaluates every key and yields nothing when KMS was not collected", () => {
    const results = evaluate(
      kmsKey(),
      kmsKey({ arn: "arn:aws:kms:us-east-1:111122223333:key/other", rotationEnabled: false }),
      kmsKey({ arn: "arn:aws:kms:us-east-1:111122223333:key/aws", keyManager: "AWS" }),
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "fail", "pass"]);
    expect(control.evaluate(storageInventory(), { now })).toEqual([]);
    expect(control.evaluate(buildInventory(), { now })).toEqual([]);
  });
});

describe("xc.kms-key-rotation when a call failed", () => {
  const keys = [kmsKey(), kmsKey({ arn: kmsKeyArn("bbbbbbbb-1111-2222-3333-444444444444"), rotationEnabled: false })];
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
