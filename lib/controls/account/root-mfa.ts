import type { Inventory } from "@/lib/inventory";
import { CREDENTIAL_REPORT_ACTIONS, formatDate, GLOBAL_REGION, rootArn, rootRow } from "../iam/scope";
import type { Control, ResourceResult } from "../types";

const RESOURCE_TYPE = "Root user";

/** A virtual device assigned to the root user has this serial. */
const ROOT_VIRTUAL_MFA_SERIAL_SUFFIX = "root-account-mfa-device";

type DeviceKind = "virtual" | "not virtual" | "unknown";

/**
 * Whether the root user's MFA is a virtual (phone app) device. Only virtual devices are listed by
 * ListVirtualMFADevices, so "not virtual" means a hardware key or a passkey/security key.
 */
function rootDeviceKind(inventory: Inventory): DeviceKind {
  const devices = inventory.iam?.virtualMfaDevices;
  if (devices === undefined) return "unknown";
  const root = rootArn(inventory);
  const virtual = devices.some(
    (device) => device.serialNumber.endsWith(ROOT_VIRTUAL_MFA_SERIAL_SUFFIX) || device.userArn === root,
  );
  return virtual ? "virtual" : "not virtual";
}

const DEVICE_DETAIL: Record<DeviceKind, string> = {
  virtual: " (virtual, not hardware)",
  "not virtual": " (hardware or security key)",
  unknown: "",
};

export const control: Control = {
  meta: {
    id: "xc.root-mfa",
    service: "account",
    title: "The root user has multi-factor authentication",
    severity: "critical",
    responsibility: "customer",
    recommendation: "mfa",
    seed: { file: "003_19f6510e5e2315ca.txt", quote: "Use multi-factor authentication (MFA) with each account." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Sign in as the root user and assign an MFA device, preferably a FIDO security key or hardware device. For AWS Organizations member accounts, consider removing root credentials with centralized root access.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html"],
    requires: ["iam:GetAccountSummary", ...CREDENTIAL_REPORT_ACTIONS, "iam:ListVirtualMFADevices"],
    related: ["Security Hub IAM.9", "Prowler iam_root_mfa_enabled", "AWS Config root-account-mfa-enabled"],
    verdicts: [
      "pass: the account summary shows MFA on the root user (without the summary: the credential report's root row shows MFA active); the evidence says whether the device is virtual.",
      "warn: the summary shows MFA but the credential report (up to 4 hours old) shows none; or there is no MFA, but the root user has neither password nor access keys (centralized root access).",
      "fail: the root user has no MFA device.",
      "error: the account summary, the credential report or the virtual MFA device list could not be read.",
    ],
  },
  evaluate(inventory) {
    const summary = inventory.iam?.summary;
    const row = rootRow(inventory);
    if (!summary && !row) return [];

    const deviceKind = rootDeviceKind(inventory);
    const generatedTime = inventory.iam?.credentialReport?.generatedTime ?? null;
    const base = {
      resourceArn: rootArn(inventory),
      resourceType: RESOURCE_TYPE,
      region: GLOBAL_REGION,
      evidence: {
        accountMfaEnabled: summary?.accountMfaEnabled ?? null,
        accountAccessKeysPresent: summary?.accountAccessKeysPresent ?? null,
        accountPasswordPresent: summary?.accountPasswordPresent ?? null,
        reportMfaActive: row?.mfaActive ?? null,
        reportGeneratedTime: row ? generatedTime : null,
        mfaDevice: deviceKind === "unknown" ? null : deviceKind,
      },
    };
    const detail = DEVICE_DETAIL[deviceKind];

    // Without the account summary the credential report's root row still answers the question.
    if (!summary) {
      return [
        row?.mfaActive
          ? { ...base, status: "pass", reason: `The root user has MFA enabled${detail}, per the credential report.` }
          : { ...base, status: "fail", reason: "The root user has no MFA device, per the credential report." },
      ];
    }

    if (summary.accountMfaEnabled) {
      // The summary is live and the report may be up to 4 hours old, but a disagreement is worth a look.
      if (row && !row.mfaActive) {
        return [
          {
            ...base,
            status: "warn",
            reason: `The account summary shows MFA enabled for the root user${detail}, but the credential report of ${generatedTime ? formatDate(generatedTime) : "this scan"} shows none; confirm the device is still assigned.`,
          },
        ];
      }
      return [{ ...base, status: "pass", reason: `The root user has MFA enabled${detail}.` }];
    }

    // AccountPasswordPresent's semantics are undocumented (docs/controls.md#caveats): never a pass on its word.
    const noCredentials = !summary.accountAccessKeysPresent && summary.accountPasswordPresent === false;
    const result: ResourceResult = noCredentials
      ? {
          ...base,
          status: "warn",
          reason:
            "The root user has no MFA but also no password or access keys, so MFA does not apply; confirm the account uses centralized root access.",
        }
      : {
          ...base,
          status: "fail",
          reason:
            "The root user has no MFA device, so the account's most powerful credentials rely on a password alone.",
        };
    return [result];
  },
};
