import type { CredentialReportRow, IamInventory, IamUser, PolicyStatement } from "@/lib/inventory";
import {
  actionMatches,
  attachedPolicyArns,
  effectiveStatements,
  statementAllows,
  type EffectiveStatement,
} from "../shared/iam-policies";
import type { Control, ResourceResult } from "../types";
import { liveInstances } from "./scope";

const RESOURCE_TYPE = "IAM user";

/** Actions that read or capture contact data itself, not just instance configuration. */
const DATA_ACTIONS = [
  "connect:GetContactAttributes",
  "connect:SearchContacts",
  "connect:DescribeContact",
  "connect:StartContactRecording",
];

const allow = (actions: string[]): PolicyStatement => ({
  effect: "Allow",
  actions,
  resources: ["*"],
  hasCondition: false,
});

/**
 * What the AWS managed policies below grant on Connect, used only when the scan did
 * not collect their documents. AmazonConnectReadOnlyAccess's document grants connect:Get*,
 * Describe* and List*; ReadOnlyAccess is reduced to the same Connect read actions.
 */
const KNOWN_MANAGED_POLICIES: Record<string, PolicyStatement[]> = {
  AdministratorAccess: [allow(["*"])],
  PowerUserAccess: [
    { effect: "Allow", notActions: ["iam:*", "organizations:*", "account:*"], resources: ["*"], hasCondition: false },
  ],
  AmazonConnect_FullAccess: [allow(["connect:*"])],
  AmazonConnectReadOnlyAccess: [allow(["connect:Get*", "connect:Describe*", "connect:List*"])],
  ReadOnlyAccess: [allow(["connect:Get*", "connect:Describe*", "connect:List*"])],
};

const AWS_MANAGED_POLICY = /^arn:[\w-]+:iam::aws:policy\/(?:.*\/)?([\w+=,.@-]+)$/;

/** Statements of attached AWS managed policies whose documents were not collected. */
function knownPolicyStatements(iam: IamInventory, user: IamUser): EffectiveStatement[] {
  const collected = new Set(iam.authorization?.policies.map((policy) => policy.arn) ?? []);
  return attachedPolicyArns(iam, user).flatMap((arn) => {
    const name = AWS_MANAGED_POLICY.exec(arn)?.[1];
    const statements = name && !collected.has(arn) ? (KNOWN_MANAGED_POLICIES[name] ?? []) : [];
    return statements.map((statement) => ({ statement, source: `managed:${arn}` }));
  });
}

function splitPattern(pattern: string): { service: string; action: string } | undefined {
  const colon = pattern.indexOf(":");
  return colon < 0 ? undefined : { service: pattern.slice(0, colon), action: pattern.slice(colon + 1) };
}

/** `*`, `connect:*`, `connect:List*`, `conn*:Get*`...: any pattern that can match a Connect action. */
function patternTouchesConnect(pattern: string): boolean {
  if (pattern === "*") return true;
  const parts = splitPattern(pattern);
  return parts !== undefined && actionMatches(parts.service, "connect");
}

/** Patterns that match every Connect action, so a NotAction listing one excludes all of Connect. */
function patternCoversAllConnect(pattern: string): boolean {
  if (pattern === "*") return true;
  const parts = splitPattern(pattern);
  return parts !== undefined && actionMatches(parts.service, "connect") && /^\*+$/.test(parts.action);
}

export function grantsConnect(statement: PolicyStatement): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.actions) return statement.actions.some(patternTouchesConnect);
  if (statement.notActions) return !statement.notActions.some(patternCoversAllConnect);
  return false;
}

function credentialRow(rows: readonly CredentialReportRow[], user: IamUser): CredentialReportRow | undefined {
  return rows.find((row) => row.arn === user.arn) ?? rows.find((row) => row.user === user.name);
}

/**
 * IAM user names are often e-mail addresses (docs/controls.md#personal-data), which must not appear unmasked in
 * a reason; the ARN in the result still identifies the user.
 */
function displayName(name: string): string {
  const at = name.indexOf("@");
  if (at > 0) return `${name[0]}***${name.slice(at)}`;
  if (/\d{6,}/.test(name.replace(/[\s().+-]/g, ""))) return `${name[0]}***`;
  return name;
}

function judge(iam: IamInventory, rows: readonly CredentialReportRow[], user: IamUser): ResourceResult | undefined {
  const row = credentialRow(rows, user);
  // A user created after the credential report has no row yet: its keys are unknown.
  if (!row) return undefined;
  const activeKeys = row.accessKeys.filter((key) => key.active).length;
  const statements = [...effectiveStatements(iam, user), ...knownPolicyStatements(iam, user)].filter(({ statement }) =>
    grantsConnect(statement),
  );
  const dataActions = DATA_ACTIONS.filter((action) =>
    statements.some(({ statement }) => statementAllows(statement, action)),
  );
  const who = `IAM user ${displayName(user.name)}`;
  const base = {
    resourceArn: user.arn,
    resourceType: RESOURCE_TYPE,
    region: "global",
    evidence: {
      activeAccessKeys: activeKeys,
      grantsConnect: statements.length > 0,
      contactDataActions: dataActions,
      policySources: [...new Set(statements.map(({ source }) => source))],
    },
  };
  if (activeKeys === 0) {
    return {
      ...base,
      status: "pass",
      reason: `${who} has no active access keys, so it cannot call Connect APIs with long-lived credentials.`,
    };
  }
  if (statements.length === 0) {
    return { ...base, status: "pass", reason: `${who} has active access keys but no policy allowing Connect actions.` };
  }
  if (dataActions.length > 0) {
    return {
      ...base,
      status: "fail",
      reason: `${who} has ${activeKeys} active access key(s) and may have access to Connect contact data (${dataActions.join(", ")}); conditions and denies were not evaluated.`,
    };
  }
  return {
    ...base,
    status: "warn",
    reason: `${who} has ${activeKeys} active access key(s) and may call Connect APIs with them; conditions and denies were not evaluated.`,
  };
}

export const control: Control = {
  meta: {
    id: "connect.api-access-via-roles",
    service: "connect",
    title: "Connect APIs are reached through IAM roles, not long-lived IAM user access keys",
    severity: "medium",
    responsibility: "customer",
    recommendation: "credentials",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote:
        "To manage who can access your contact center data through Amazon Connect APIs, we recommend that you use IAM roles.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Move integrations that call Amazon Connect APIs to IAM roles (temporary credentials), then remove Connect permissions from IAM users that have access keys.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/security-iam.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html"],
    // The credential report only exists once GenerateCredentialReport succeeds, as for the IAM controls.
    requires: [
      "iam:GetAccountAuthorizationDetails",
      "iam:GetCredentialReport",
      "iam:GenerateCredentialReport",
      "connect:ListInstances",
    ],
    related: [],
    verdicts: [
      "pass: in an account with a live Connect instance, an IAM user has no active access key, or no policy allowing Connect actions.",
      "warn: a user with active access keys may call Connect APIs with them (denies and conditions not evaluated).",
      "fail: a user with active access keys may reach contact data (GetContactAttributes, SearchContacts, DescribeContact, StartContactRecording).",
      "not applicable: the account has no live Connect instance; users created after the credential report are not judged.",
      "error: the authorization details, the credential report or the instance list could not be read.",
    ],
  },
  evaluate(inventory) {
    // Only an account that runs Connect has contact data to reach.
    if (liveInstances(inventory).length === 0) return [];
    const iam = inventory.iam;
    const rows = iam?.credentialReport?.rows;
    if (!iam?.authorization || !rows) return [];
    return iam.authorization.users.flatMap((user) => judge(iam, rows, user) ?? []);
  },
};
