import type { AttachedPolicy, IamGroup, IamRole, IamUser, PolicyStatement } from "@/lib/inventory";
import {
  isAdministratorAccessArn,
  isBroadNotActionStatement,
  isFullAdminStatement,
  isServiceLinkedRole,
} from "../shared/iam-policies";
import type { Control, ResourceResult } from "../types";
import { displayUserName, GLOBAL_REGION } from "./scope";

const RESOURCE_TYPE = "IAM policy";

type Principal =
  { kind: "user"; entity: IamUser } | { kind: "group"; entity: IamGroup } | { kind: "role"; entity: IamRole };

/** User names may be personal (e-mail addresses); group and role names describe functions. */
function principalLabel({ kind, entity }: Principal): string {
  return `${kind} ${kind === "user" ? displayUserName(entity.name) : entity.name}`;
}

/** The verdict of one policy document, with the evidence it rests on. */
function judgeStatements(statements: readonly PolicyStatement[]): {
  status: "pass" | "fail" | "warn";
  evidence: { adminStatements: number; notActionStatements: number; notActions: string[] };
} {
  const adminStatements = statements.filter(isFullAdminStatement).length;
  const notActionStatements = statements.filter(isBroadNotActionStatement);
  return {
    status: adminStatements > 0 ? "fail" : notActionStatements.length > 0 ? "warn" : "pass",
    evidence: {
      adminStatements,
      notActionStatements: notActionStatements.length,
      notActions: [...new Set(notActionStatements.flatMap((s) => s.notActions ?? []))],
    },
  };
}

function verdictReason(subject: string, status: "pass" | "fail" | "warn", notActions: readonly string[]): string {
  switch (status) {
    case "fail":
      return `${subject} allows every action on every resource (*:*) without a condition.`;
    case "warn":
      return `${subject} allows every action except ${notActions.join(", ")} on every resource (NotAction on *).`;
    case "pass":
      return `${subject} grants no wildcard administrator access.`;
  }
}

export const control: Control = {
  meta: {
    id: "iam.least-privilege-no-star",
    service: "iam",
    title: "No IAM policy in use grants every action on every resource (*:*)",
    severity: "high",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "003_19f6510e5e2315ca.txt",
      quote: "That way each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Replace wildcard policies with policies scoped to the actions and resources each task needs (IAM Access Analyzer can generate them from CloudTrail activity); keep AdministratorAccess for a few break-glass roles.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html"],
    requires: ["iam:GetAccountAuthorizationDetails"],
    related: [
      "Security Hub IAM.1",
      "Prowler iam_customer_attached_policy_no_administrative_privileges",
      "Prowler iam_inline_policy_no_administrative_privileges",
      "AWS Config iam-policy-no-statements-with-admin-access",
    ],
    verdicts: [
      'fail: an attached customer managed policy, or an inline policy of a user, group or role, allows "*" (or "*:*") on resource "*" without a condition.',
      'warn: a policy allows every action but a NotAction list on resource "*"; or the AWS managed AdministratorAccess policy is attached to a user, group or role (one row per attachment).',
      "pass: the policy grants no wildcard administrator access (unattached policies and service-linked roles are not judged).",
      "error: GetAccountAuthorizationDetails could not be read.",
    ],
  },
  evaluate(inventory) {
    const details = inventory.iam?.authorization;
    if (!details) return [];

    // Customer managed policies attached to something; unattached ones grant nothing and are not judged.
    const customerPolicies = details.policies
      .filter((policy) => !policy.awsManaged && policy.attachmentCount > 0)
      .map((policy): ResourceResult => {
        const { status, evidence } = judgeStatements(policy.statements);
        return {
          resourceArn: policy.arn,
          resourceType: "Customer managed policy",
          region: GLOBAL_REGION,
          status,
          reason: verdictReason(`Customer managed policy ${policy.name}`, status, evidence.notActions),
          evidence: { ...evidence, attachmentCount: policy.attachmentCount },
        };
      });

    // Service-linked roles are written by AWS services and cannot be changed: skipped.
    const principals: Principal[] = [
      ...details.users.map((entity) => ({ kind: "user" as const, entity })),
      ...details.groups.map((entity) => ({ kind: "group" as const, entity })),
      ...details.roles
        .filter((role) => !isServiceLinkedRole(role))
        .map((entity) => ({ kind: "role" as const, entity })),
    ];

    const inlinePolicies = principals.flatMap((principal) =>
      principal.entity.inlinePolicies.map((policy): ResourceResult => {
        const { status, evidence } = judgeStatements(policy.statements);
        return {
          resourceArn: `${principal.entity.arn}:inline-policy/${policy.name}`,
          resourceType: "Inline policy",
          region: GLOBAL_REGION,
          status,
          reason: verdictReason(
            `Inline policy ${policy.name} of ${principalLabel(principal)}`,
            status,
            evidence.notActions,
          ),
          evidence: { ...evidence, principalType: principal.kind },
        };
      }),
    );

    // AWS's own AdministratorAccess is expected on a few break-glass identities: listed, as warnings.
    const adminAttachments = principals.flatMap((principal) =>
      principal.entity.attachedPolicies
        .filter((policy: AttachedPolicy) => isAdministratorAccessArn(policy.arn))
        .map((policy): ResourceResult => ({
          resourceArn: `${principal.entity.arn}:attached-policy/${policy.name}`,
          resourceType: "AdministratorAccess attachment",
          region: GLOBAL_REGION,
          status: "warn",
          reason: `The AWS managed AdministratorAccess policy is attached to ${principalLabel(principal)}; keep it to break-glass identities.`,
          evidence: { policyArn: policy.arn, principalType: principal.kind },
        })),
    );

    return [...customerPolicies, ...inlinePolicies, ...adminAttachments];
  },
};
