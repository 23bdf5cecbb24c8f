import type { ConnectInstance } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { connectInstances, creationFailedResult, INSTANCE, isCreationFailed } from "./scope";

/** Identity sources that can enforce MFA outside Connect: a SAML 2.0 IdP or a directory with RADIUS. */
const EXTERNAL_IDENTITY: Record<string, string> = {
  SAML: "SAML 2.0 federation",
  EXISTING_DIRECTORY: "an existing AWS Directory Service directory",
};

function judge(instance: ConnectInstance): ResourceResult[] {
  if (isCreationFailed(instance)) return [creationFailedResult(instance)];
  const type = instance.identityManagementType;
  // Not reported: nothing to judge (ListInstances always returns it, so this is a malformed answer).
  if (type === undefined) return [];
  const base = {
    resourceArn: instance.arn,
    resourceType: INSTANCE,
    region: instance.region,
    evidence: { identityManagementType: type },
  };
  const external = EXTERNAL_IDENTITY[type];
  if (external) {
    return [
      {
        ...base,
        status: "pass",
        reason: `Connect instance ${instance.id} signs users in through ${external}; verify that the identity provider or RADIUS server enforces MFA (not visible through the API).`,
      },
    ];
  }
  const what = type === "CONNECT_MANAGED" ? "stores users in Connect itself" : `uses identity management type ${type}`;
  return [
    {
      ...base,
      status: "warn",
      reason: `Connect instance ${instance.id} ${what}, so no external MFA enforcement is visible; the identity type cannot be changed, so moving to SAML means a new instance.`,
    },
  ];
}

export const control: Control = {
  meta: {
    id: "connect.identity-mfa",
    service: "connect",
    title: "Agents and admins sign in through an identity source that can enforce MFA",
    severity: "medium",
    responsibility: "customer",
    recommendation: "mfa",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use multi-factor authentication (MFA) with each account.",
    },
    resourceType: INSTANCE,
    remediation: {
      text: "Use SAML 2.0 federation with an identity provider that enforces MFA, or an AWS Directory Service directory with RADIUS MFA. The identity type is fixed at creation, so this may mean a new instance.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/configure-saml.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/security-best-practices.html"],
    requires: ["connect:ListInstances"],
    related: [],
    verdicts: [
      "pass: the instance signs users in through SAML 2.0 or an existing AWS Directory Service directory, which can enforce MFA (whether they do is not visible through the API).",
      "warn: users are stored in Connect itself (or another identity type), so no external MFA enforcement is visible.",
      "not applicable: the instance failed to create.",
      "error: ListInstances failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return connectInstances(inventory).flatMap(judge);
  },
};
