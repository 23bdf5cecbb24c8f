import type { Inventory, KmsKey } from "@/lib/inventory";
import type { Control, ResourceResult, Status } from "../types";
import {
  describeUsers,
  isCrossAccount,
  isScheduledForDeletion,
  keyEvidence,
  keyLabel,
  keyLookups,
  keyResourceArn,
  referencedKmsKeys,
  KEY_DISCOVERY_ACTIONS,
} from "./kms-scope";

const RESOURCE_TYPE = "KMS key";
/** The calls a verdict on one key reads. */
const KEY_CALLS = ["kms:DescribeKey", "kms:GetKeyRotationStatus"];

interface Verdict {
  status: Status;
  reason: string;
}

/** Why KMS cannot rotate a customer managed key automatically; undefined when it can. */
function whyNotRotatable(key: KmsKey): string | undefined {
  if (key.keySpec !== "SYMMETRIC_DEFAULT") {
    return `is a ${key.keySpec ?? "non-symmetric"} key, and KMS rotates only symmetric encryption keys automatically`;
  }
  if (key.origin === "EXTERNAL") return "uses imported key material, which KMS cannot rotate automatically";
  if (key.origin !== "AWS_KMS") {
    return `is in a custom key store (${key.origin ?? "unknown origin"}), where KMS cannot rotate keys automatically`;
  }
  return undefined;
}

function cannotVerify(key: KmsKey): Verdict {
  return {
    status: "warn",
    reason: `KMS key ${keyLabel(key)} belongs to account ${key.accountId}, and its rotation could not be read from this account (cross-account key, cannot verify).`,
  };
}

/** The key's verdict. Undefined: no row (own data missing; the runner reports the failed call). */
function verdictFor(key: KmsKey, inventory: Inventory): Verdict | undefined {
  const label = `KMS key ${keyLabel(key)}`;
  const crossAccount = isCrossAccount(key, inventory);
  if (key.access === "not-found") {
    return {
      status: "not-applicable",
      reason: `${label} could not be found, so rotation does not apply; the key-usable control reports it.`,
    };
  }
  if (key.access === "denied") return crossAccount ? cannotVerify(key) : undefined;
  if (key.keyManager === "AWS") {
    return { status: "pass", reason: `${label} is an AWS managed key, which AWS rotates every year.` };
  }
  if (key.keyManager !== "CUSTOMER") return undefined;
  if (isScheduledForDeletion(key)) {
    return {
      status: "not-applicable",
      reason: `${label} is scheduled for deletion, so rotation no longer applies; the key-usable control reports it.`,
    };
  }
  const notRotatable = whyNotRotatable(key);
  if (notRotatable) return { status: "not-applicable", reason: `${label} ${notRotatable}.` };
  if (key.rotationEnabled === true) {
    const every = key.rotationPeriodInDays ? ` every ${key.rotationPeriodInDays} days` : "";
    return { status: "pass", reason: `${label} rotates its key material automatically${every}.` };
  }
  if (key.rotationEnabled === false) {
    return {
      status: "fail",
      reason: `${label} is a customer managed key without automatic rotation; it protects ${describeUsers(key.referencedBy)}.`,
    };
  }
  return crossAccount ? cannotVerify(key) : undefined;
}

export const control: Control = {
  meta: {
    id: "xc.kms-key-rotation",
    service: "account",
    title: "Customer managed KMS keys that protect service data rotate automatically",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote:
        "It is the responsibility of the customer to manage any customer-provided AWS Key Management Service (AWS KMS) keys.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Enable automatic key rotation on the key (EnableKeyRotation), optionally with a rotation period between 90 and 2560 days. For multi-Region keys, set it on the primary key.",
      url: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    },
    docs: ["https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html"],
    // The calls that find keys too: when one fails, keys may be missing, and the control says so.
    requires: [...KEY_CALLS, ...KEY_DISCOVERY_ACTIONS],
    related: ["Security Hub KMS.4", "Prowler kms_cmk_rotation_enabled", "AWS Config cmk-backing-key-rotation-enabled"],
    verdicts: [
      "pass: the key is AWS managed (AWS rotates it yearly), or customer managed with automatic rotation on.",
      "fail: a symmetric customer managed key with KMS-generated material has automatic rotation off.",
      "warn: another account's key whose rotation cannot be read from this account (cannot verify).",
      "not applicable: the key was not found, is scheduled for deletion (xc.kms-key-usable reports both), is not a symmetric encryption key, uses imported material or lives in a custom key store.",
      "error: DescribeKey or GetKeyRotationStatus failed on one of the account's own keys, or a call that finds referenced keys failed.",
    ],
  },
  evaluate(inventory) {
    return referencedKmsKeys(inventory).flatMap((key): ResourceResult[] => {
      const verdict = verdictFor(key, inventory);
      if (!verdict) return [];
      const evidence = {
        ...keyEvidence(key),
        keyState: key.keyState ?? null,
        keySpec: key.keySpec ?? null,
        origin: key.origin ?? null,
        rotationEnabled: key.rotationEnabled ?? null,
        rotationPeriodInDays: key.rotationPeriodInDays ?? null,
      };
      return [
        {
          resourceArn: keyResourceArn(key, inventory),
          resourceType: RESOURCE_TYPE,
          region: key.region,
          evidence,
          dependsOn: keyLookups(key, KEY_CALLS),
          ...verdict,
        },
      ];
    });
  },
};
