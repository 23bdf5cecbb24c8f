import type { MfaFactors, UserPool } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { signInScope, userCount, userPools } from "./scope";

const RESOURCE_TYPE = "User pool";

/** Only SMS among the phishing-resistant or app-based factors (controls.md §2.3: "SMS factor only"). */
function smsOnly(factors: MfaFactors | undefined): boolean {
  return factors !== undefined && factors.sms && !factors.softwareToken && !factors.webAuthn;
}

function factorList(factors: MfaFactors): string {
  const names = [
    factors.softwareToken ? "authenticator app (TOTP)" : undefined,
    factors.webAuthn ? "passkey" : undefined,
    factors.sms ? "SMS" : undefined,
    factors.email ? "email" : undefined,
  ].filter((name) => name !== undefined);
  return names.length > 0 ? names.join(", ") : "no factor reported";
}

/**
 * The catalog rates a missing or optional MFA high when people already sign in to the pool; the
 * control's severity stays medium, so the reason says it.
 */
function usersNote(pool: UserPool): string {
  const users = userCount(pool);
  return users ? `; about ${users} sign in to it with passwords, which makes this a high-severity gap` : "";
}

export const control: Control = {
  meta: {
    id: "cognito.user-pool-mfa",
    service: "cognito",
    title: "User pools require MFA with an app-based factor or passkey",
    severity: "medium",
    responsibility: "customer",
    recommendation: "mfa",
    seed: { file: "001_38261b1fc1dc3dcd.txt", quote: "Use multi-factor authentication (MFA) with each account." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Set the user pool's MFA to required (or optional with threat protection enforcing MFA on risky sign-ins) and offer an authenticator app (TOTP) or passkeys rather than SMS alone.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html",
    },
    docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html"],
    requires: [
      "cognito-idp:ListUserPools",
      "cognito-idp:DescribeUserPool",
      "cognito-idp:GetUserPoolMfaConfig",
      "cognito-idp:ListUserPoolClients",
      "cognito-idp:DescribeUserPoolClient",
    ],
    related: [
      "Security Hub Cognito.5",
      "Prowler cognito_user_pool_mfa_enabled",
      "AWS Config cognito-user-pool-mfa-enabled",
    ],
  },
  evaluate(inventory) {
    return userPools(inventory).map((pool): ResourceResult => {
      const scope = signInScope(pool);
      const factors = pool.mfaFactors;
      const evidence = {
        mfaConfiguration: pool.mfaConfiguration ?? null,
        smsMfa: factors?.sms ?? null,
        softwareTokenMfa: factors?.softwareToken ?? null,
        emailMfa: factors?.email ?? null,
        passkeyMfa: factors?.webAuthn ?? null,
        signInScope: scope,
        estimatedNumberOfUsers: pool.estimatedNumberOfUsers ?? null,
      };
      const base = { resourceArn: pool.arn, resourceType: RESOURCE_TYPE, region: pool.region, evidence };
      if (scope === "federated-only") {
        return {
          ...base,
          status: "not-applicable",
          reason: `User pool ${pool.id} signs users in only through external identity providers (no app client offers COGNITO sign-in), so MFA is enforced there.`,
        };
      }
      if (scope === "no-clients") {
        return {
          ...base,
          status: "not-applicable",
          reason: `User pool ${pool.id} has no app client, so no one can sign in to it yet.`,
        };
      }
      // Without the client list we cannot rule out federated-only sign-in; the MFA setting is still known.
      const clientsNote = scope === "unknown" ? " (its app clients could not be read)" : "";
      const mfa = pool.mfaConfiguration ?? "OFF";
      if (mfa === "OFF") {
        return {
          ...base,
          status: "fail",
          reason: `User pool ${pool.id} has MFA turned off, so a stolen password is enough to sign in${usersNote(pool)}${clientsNote}.`,
        };
      }
      if (mfa === "OPTIONAL") {
        return {
          ...base,
          status: "warn",
          reason: `User pool ${pool.id} makes MFA optional, so users who never set it up sign in with a password alone${usersNote(pool)}${clientsNote}.`,
        };
      }
      if (factors === undefined) {
        return {
          ...base,
          status: "pass",
          reason: `User pool ${pool.id} requires MFA; its factors could not be read, so an SMS-only setup was not ruled out${clientsNote}.`,
        };
      }
      if (smsOnly(factors)) {
        return {
          ...base,
          status: "warn",
          reason: `User pool ${pool.id} requires MFA but offers only SMS codes (${factorList(factors)}), which SIM swapping and interception can defeat${clientsNote}.`,
        };
      }
      return {
        ...base,
        status: "pass",
        reason: `User pool ${pool.id} requires MFA (${factorList(factors)})${clientsNote}.`,
      };
    });
  },
};
