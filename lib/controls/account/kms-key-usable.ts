import type { Inventory, KmsKey } from "@/lib/inventory";
import type { Control, ResourceResult, Status } from "../types";
import {
  describeUsers,
  isCrossAccount,
  keyEvidence,
  keyLabel,
  keyLookups,
  keyResourceArn,
  referencedKmsKeys,
  KEY_DISCOVERY_ACTIONS,
} from "./kms-scope";

const RESOURCE_TYPE = "KMS key";
/** The call a verdict on one key reads. */
const KEY_CALLS = ["kms:DescribeKey"];
const DAY_MS = 24 * 60 * 60 * 1000;

interface Verdict {
  status: Status;
  reason: string;
}

/** "on 2026-06-08 (in 7 days)"; the countdown is what makes a scheduled deletion urgent. */
function deletionWhen(deletionDate: string | undefined, now: Date): string {
  if (!deletionDate) return "";
  const date = new Date(deletionDate);
  if (Number.isNaN(date.getTime())) return "";
  const days = Math.ceil((date.getTime() - now.getTime()) / DAY_MS);
  const countdown = days >= 0 ? ` (in ${days} day${days === 1 ? "" : "s"})` : "";
  return ` on ${deletionDate.slice(0, 10)}${countdown}`;
}

/** Verdict for a key DescribeKey answered, by its KeyState. */
function stateVerdict(key: KmsKey, now: Date): Verdict {
  const label = `KMS key ${keyLabel(key)}`;
  const users = describeUsers(key.referencedBy);
  switch (key.keyState) {
    case "Enabled":
      return { status: "pass", reason: `${label} is enabled; it protects ${users}.` };
    case "PendingDeletion":
      return {
        status: "fail",
        reason: `${label} is scheduled for deletion${deletionWhen(key.deletionDate, now)}; once it is deleted, data of ${users} can no longer be decrypted.`,
      };
    case "PendingReplicaDeletion":
      return {
        status: "fail",
        reason: `${label} is a multi-Region replica scheduled for deletion${deletionWhen(key.deletionDate, now)}; once it is deleted, data of ${users} can no longer be decrypted there.`,
      };
    case "Disabled":
      return { status: "fail", reason: `${label} is disabled, so data of ${users} cannot be decrypted.` };
    case "Unavailable":
      return {
        status: "fail",
        reason: `${label} is unavailable because its custom key store is disconnected, so data of ${users} cannot be decrypted.`,
      };
    case "PendingImport":
      return {
        status: "fail",
        reason: `${label} has no key material yet (pending import), so data of ${users} cannot be encrypted or decrypted.`,
      };
    case "Creating":
    case "Updating":
      return {
        status: "warn",
        reason: `${label} is in transitional state ${key.keyState}; check it again once the change completes, since it protects ${users}.`,
      };
    default:
      return {
        status: "warn",
        reason: `${label} reported ${key.keyState ? `unknown state ${key.keyState}` : "no key state"}, so whether data of ${users} can be decrypted is unknown.`,
      };
  }
}

function verdictFor(key: KmsKey, inventory: Inventory, now: Date): Verdict | undefined {
  const label = `KMS key ${keyLabel(key)}`;
  const users = describeUsers(key.referencedBy);
  if (key.access === "not-found") {
    return {
      status: "fail",
      reason: `${label} does not exist (the key was deleted or the alias removed), yet it is still the key of ${users}.`,
    };
  }
  if (key.access === "denied") {
    // Own key refused: the scanner lacks kms:DescribeKey, and the runner reports that error.
    if (!isCrossAccount(key, inventory)) return undefined;
    return {
      status: "warn",
      reason: `${label} belongs to account ${key.accountId}, which does not let this account describe it (cross-account key, cannot verify); it protects ${users}.`,
    };
  }
  return stateVerdict(key, now);
}

export const control: Control = {
  meta: {
    id: "xc.kms-key-usable",
    service: "account",
    title: "KMS keys that protect service data are enabled and not scheduled for deletion",
    severity: "high",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote:
        "It is the responsibility of the customer to manage any customer-provided AWS Key Management Service (AWS KMS) keys.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Cancel the key's scheduled deletion and enable it again (CancelKeyDeletion, then EnableKey), or re-enable a disabled key. Never disable or delete a key while a data store, backup, bucket or stream still uses it.",
      url: "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-cancelling-key-deletion.html",
    },
    docs: [
      "https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html",
      "https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html",
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    ],
    // The calls that find keys too: when one fails, keys may be missing, and the control says so.
    requires: [...KEY_CALLS, ...KEY_DISCOVERY_ACTIONS],
    related: ["Security Hub KMS.3", "Prowler kms_cmk_not_deleted_unintentionally"],
    verdicts: [
      "pass: a KMS key that a scanned resource refers to is Enabled.",
      "fail: the key does not exist (deleted, or its alias removed), is pending deletion or replica deletion, disabled, unavailable (custom key store disconnected) or pending import.",
      "warn: the key is Creating, Updating or in an unknown state; or it belongs to another account that does not let this one describe it (cannot verify).",
      "error: DescribeKey was refused on one of the account's own keys, or a call that finds referenced keys failed.",
    ],
  },
  evaluate(inventory, { now }) {
    return referencedKmsKeys(inventory).flatMap((key): ResourceResult[] => {
      const verdict = verdictFor(key, inventory, now);
      if (!verdict) return [];
      const evidence = { ...keyEvidence(key), keyState: key.keyState ?? null, deletionDate: key.deletionDate ?? null };
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
