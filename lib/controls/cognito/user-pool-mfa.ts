import type { MfaFactors, UserPool } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { localSignIns, poolLookups, signInScope, userCount, userPools, type SignInScope } from "./scope";

const RESOURCE_TYPE = "User pool";

/** Only SMS among the phishing-resistant or app-based factors ("SMS factor only"). */
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
 * A missing or optional MFA is a high-severity gap when people already sign in to the pool; the
 * control's severity stays medium, so the reason says it.
 */
function usersNote(pool: UserPool): string {
  const users = userCount(pool);
  return users ? `; about ${users} sign in to it with passwords, which makes this a high-severity gap` : "";
}

/** The calls that tell who signs in to a pool: its client list and each client's settings. */
const CLIENT_ACTIONS = ["cognito-idp:ListUserPoolClients", "cognito-idp:DescribeUserPoolClient"] as const;

/** "client a: ALLOW_USER_SRP_AUTH; client b: ..." — at most three clients, then how many more. */
function pathList(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join("; ");
  return paths.length > 3 ? `${shown}; and ${paths.length - 3} more` : shown;
}

type Verdict = Pick<ResourceResult, "status" | "reason">;

/** The verdict on a pool whose users may sign in locally (or whose clients are unknown). */
function judgeLocal(pool: UserPool, scope: SignInScope, paths: readonly string[]): Verdict {
  const factors = pool.mfaFactors;
  // Without the client list we cannot rule out federated-only sign-in; the MFA setting is still known.
  const note = scope === "unknown" ? " (its app clients could not be read)" : ` (local sign-in: ${pathList(paths)})`;
  const mfa = pool.mfaConfiguration ?? "OFF";
  if (mfa === "OFF") {
    return {
      status: "fail",
      reason: `User pool ${pool.id} has MFA turned off, so a stolen password is enough to sign in${usersNote(pool)}${note}.`,
    };
  }
  if (mfa === "OPTIONAL") {
    return {
      status: "warn",
      reason: `User pool ${pool.id} makes MFA optional, so users who never set it up sign in with a password alone${usersNote(pool)}${note}.`,
    };
  }
  if (factors === undefined) {
    return {
      status: "pass",
      reason: `User pool ${pool.id} requires MFA; its factors could not be read, so an SMS-only setup was not ruled out${note}.`,
    };
  }
  if (smsOnly(factors)) {
    return {
      status: "warn",
      reason: `User pool ${pool.id} requires MFA but offers only SMS codes (${factorList(factors)}), which SIM swapping and interception can defeat${note}.`,
    };
  }
  return { status: "pass", reason: `User pool ${pool.id} requires MFA (${factorList(factors)})${note}.` };
}

function judge(pool: UserPool, scope: SignInScope, paths: readonly string[]): Verdict {
  if (scope === "federated-only") {
    return {
      status: "not-applicable",
      reason: `User pool ${pool.id} signs users in only through external identity providers: no app client allows a local sign-in flow (password, SRP, choice-based or custom authentication) or managed login with COGNITO, so MFA is the identity provider's to enforce.`,
    };
  }
  if (scope === "no-clients") {
    return {
      status: "not-applicable",
      reason: `User pool ${pool.id} has no app client, so no one can sign in to it yet.`,
    };
  }
  return judgeLocal(pool, scope, paths);
}

/**
 * Scope: a pool whose users all come through external identity providers is not applicable, since
 * their MFA is the IdP's. An earlier rule called a pool federated-only when no app client lists COGNITO
 * as a provider; that was wrong, because local users sign in through the SDK/API with any client
 * allowing a password, SRP, choice-based or custom flow (an empty ExplicitAuthFlows gets AWS's
 * defaults, SRP and custom among them), whatever providers it lists. Only a pool with no local
 * sign-in path at all is federated-only (see signInScope); failing those too, as some tools do,
 * would blame the pool for MFA that the IdP enforces. A pool whose clients could not be read is
 * never assumed federated-only.
 */
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
    verdicts: [
      "pass: MFA is required and the factors include an authenticator app (TOTP) or a passkey.",
      "warn: MFA is optional; or it is required, but with SMS codes and neither an authenticator app nor a passkey (SIM swapping can defeat SMS).",
      "fail: MFA is off while local users can sign in (a client allows a password, SRP, choice-based or custom flow, or managed login with COGNITO).",
      "not applicable: no app client allows a local sign-in (federated only: the identity provider enforces MFA), or the pool has no app client.",
      "error: the pool, its MFA factors (when MFA is required) or its app clients could not be read; a pool whose clients are unknown is never assumed federated-only.",
    ],
  },
  evaluate(inventory) {
    return userPools(inventory).map((pool): ResourceResult => {
      const scope = signInScope(pool);
      const paths = localSignIns(pool);
      const factors = pool.mfaFactors;
      const verdict = judge(pool, scope, paths);
      const mfa = pool.mfaConfiguration ?? "OFF";
      return {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        ...verdict,
        evidence: {
          mfaConfiguration: pool.mfaConfiguration ?? null,
          smsMfa: factors?.sms ?? null,
          softwareTokenMfa: factors?.softwareToken ?? null,
          emailMfa: factors?.email ?? null,
          passkeyMfa: factors?.webAuthn ?? null,
          signInScope: scope,
          localSignIn: paths,
          estimatedNumberOfUsers: pool.estimatedNumberOfUsers ?? null,
        },
        dependsOn: poolLookups(pool, [
          "cognito-idp:DescribeUserPool",
          // The factors are read (and matter) only when MFA is required.
          ...(mfa === "ON" ? ["cognito-idp:GetUserPoolMfaConfig"] : []),
          // Every verdict turns on the clients: even a pass would be "not applicable" on a pool that
          // turned out federated-only, and a pass earns score credit that one would not.
          ...CLIENT_ACTIONS,
        ]),
      };
    });
  },
};
