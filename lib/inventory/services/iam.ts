/** AWS IAM and STS, described once for the cross-cutting code (see ./types.ts). */
import { parseArn } from "../arn";
import { SERVICE_NAMES } from "../common";
import { ROOT_ACCOUNT_USER, type IamGroup, type IamRole, type IamUser } from "../iam";
import type { Inventory } from "../index";
import { GLOBAL, push, pushTags, NOT_WALKED } from "./fields";
import type { NameRegistry, ServiceDescriptor, TextField } from "./types";

/** The partition's Region for global IAM calls, where CloudTrail records IAM and STS events too. */
export function iamRegionFor(partition: string): string {
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-north-1";
  return "us-east-1";
}

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  const iam = inventory.iam;
  const authorization = iam?.authorization;
  if (authorization) {
    for (const user of authorization.users) {
      const resource = { resourceArn: user.arn, resourceType: "IAM user", region: GLOBAL, resourceName: user.name };
      push(into, resource, "UserName", user.name);
      if (user.path !== "/") push(into, resource, "Path", user.path);
      pushTags(into, resource, user.tags);
      for (const policy of user.inlinePolicies) push(into, resource, "inline PolicyName", policy.name);
    }
    for (const group of authorization.groups) {
      const resource = { resourceArn: group.arn, resourceType: "IAM group", region: GLOBAL, resourceName: group.name };
      push(into, resource, "GroupName", group.name);
      if (group.path !== "/") push(into, resource, "Path", group.path);
      for (const policy of group.inlinePolicies) push(into, resource, "inline PolicyName", policy.name);
    }
    // Service-linked roles are named by AWS.
    for (const role of authorization.roles.filter((r) => !r.path?.startsWith("/aws-service-role/"))) {
      const resource = { resourceArn: role.arn, resourceType: "IAM role", region: GLOBAL, resourceName: role.name };
      push(into, resource, "RoleName", role.name);
      if (role.path !== "/") push(into, resource, "Path", role.path);
      pushTags(into, resource, role.tags);
      for (const policy of role.inlinePolicies) push(into, resource, "inline PolicyName", policy.name);
    }
    for (const policy of authorization.policies.filter((p) => !p.awsManaged)) {
      const resource = {
        resourceArn: policy.arn,
        resourceType: "IAM policy",
        region: GLOBAL,
        resourceName: policy.name,
      };
      push(into, resource, "PolicyName", policy.name);
      if (policy.path !== "/") push(into, resource, "Path", policy.path);
      push(into, resource, "Description", policy.description);
    }
  }
  const { id, partition } = inventory.account;
  for (const alias of iam?.accountAliases ?? []) {
    const resource = {
      resourceArn: `arn:${partition}:iam::${id}:root`,
      resourceType: "Account",
      region: GLOBAL,
      resourceName: id,
    };
    push(into, resource, "AccountAlias", alias);
  }
  return into;
}

/** OIDC provider URLs. */
function urlFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const provider of inventory.iam?.oidcProviders ?? []) {
    const resource = {
      resourceArn: provider.arn,
      resourceType: "OIDC provider",
      region: GLOBAL,
      resourceName: provider.url,
    };
    push(into, resource, "Url", provider.url);
  }
  return into;
}

const PRINCIPAL_KINDS: Readonly<Record<string, string>> = { user: "user", group: "group", role: "role" };

/** Inline and attached policies have no ARN of their own; controls name them under their principal. */
function principalNames(principal: IamUser | IamGroup | IamRole, into: NameRegistry): void {
  const kind = PRINCIPAL_KINDS[(parseArn(principal.arn)?.resource ?? "").split("/")[0] ?? ""] ?? "principal";
  for (const policy of principal.inlinePolicies) {
    into.add(
      `${principal.arn}:inline-policy/${policy.name}`,
      `${policy.name} (inline policy of ${kind} ${principal.name})`,
    );
  }
  for (const policy of principal.attachedPolicies) {
    into.add(`${principal.arn}:attached-policy/${policy.name}`, `${policy.name} attached to ${kind} ${principal.name}`);
  }
}

function names(inventory: Inventory, into: NameRegistry): void {
  const iam = inventory.iam;
  if (!iam) return;
  const details = iam.authorization;
  for (const user of details?.users ?? []) into.add(user.arn, user.name, user.tags);
  for (const group of details?.groups ?? []) into.add(group.arn, group.name);
  for (const role of details?.roles ?? []) into.add(role.arn, role.name, role.tags);
  for (const policy of details?.policies ?? []) into.add(policy.arn, policy.name);
  for (const principal of [...(details?.users ?? []), ...(details?.groups ?? []), ...(details?.roles ?? [])]) {
    principalNames(principal, into);
  }
  for (const row of iam.credentialReport?.rows ?? []) {
    const owner = row.user === ROOT_ACCOUNT_USER ? "the root user" : row.user;
    if (row.user !== ROOT_ACCOUNT_USER) into.add(row.arn, row.user);
    // Access keys have no ARN; controls name them `<user ARN>:access-key-<slot>`, as the report numbers them.
    for (const slot of [1, 2]) into.add(`${row.arn}:access-key-${slot}`, `Access key ${slot} of ${owner}`);
  }
  for (const provider of iam.oidcProviders ?? []) into.add(provider.arn, provider.url.replace(/^https?:\/\//, ""));
}

export const iam: ServiceDescriptor = {
  id: "iam",
  name: SERVICE_NAMES.iam,
  part: "iam",
  iamPrefixes: ["iam", "sts"],
  textFields,
  urlFields,
  textFieldActions: ["iam:GetAccountAuthorizationDetails", "iam:ListAccountAliases"],
  urlFieldActions: ["iam:ListOpenIDConnectProviders", "iam:GetOpenIDConnectProvider"],
  textFieldExemptions: {
    "authorization.users[].arn": NOT_WALKED.arn,
    "authorization.users[].groups[]": "names of the user's groups, walked with each group",
    "authorization.users[].inlinePolicies[].statements": "policy grammar: effects, actions and resource ARNs",
    "authorization.users[].attachedPolicies":
      "managed policies attached, walked with each policy (AWS managed ones are named by AWS)",
    "authorization.groups[].arn": NOT_WALKED.arn,
    "authorization.groups[].inlinePolicies[].statements": "policy grammar: effects, actions and resource ARNs",
    "authorization.groups[].attachedPolicies":
      "managed policies attached, walked with each policy (AWS managed ones are named by AWS)",
    "authorization.roles[].arn": NOT_WALKED.arn,
    "authorization.roles[].inlinePolicies[].statements": "policy grammar: effects, actions and resource ARNs",
    "authorization.roles[].attachedPolicies":
      "managed policies attached, walked with each policy (AWS managed ones are named by AWS)",
    "authorization.policies[].arn": NOT_WALKED.arn,
    "authorization.policies[].statements": "policy grammar: effects, actions and resource ARNs",
    credentialReport: "user names (walked with each user), their ARNs and dates",
    virtualMfaDevices: "MFA device ARNs, named after their user by convention (the user's name is walked)",
    "oidcProviders[].arn": "ARN ending in the provider URL, which is walked as a URL",
    stsVpcEndpoints: "VPC endpoint ids, AWS service names, states and Region codes",
  },
  tls: {
    sources: [
      { eventSource: "iam.amazonaws.com", sampleEventName: "ListUsers" },
      { eventSource: "sts.amazonaws.com", sampleEventName: "GetCallerIdentity" },
    ],
    // IAM is global: its events, and STS's global endpoint's, are recorded in the partition's IAM Region.
    regionsWithResources: (inventory) => [iamRegionFor(inventory.account.partition)],
    reads: ["account"],
  },
  fips: [
    {
      id: "iam",
      name: "AWS IAM",
      eventSource: "iam.amazonaws.com",
      scannedAs: "iam",
      global: true,
      fipsEndpoints: {
        aws: {
          global: "iam-fips.amazonaws.com",
        },
        "aws-us-gov": {
          global: "iam.us-gov.amazonaws.com",
        },
      },
    },
    {
      id: "sts",
      name: "AWS STS",
      eventSource: "sts.amazonaws.com",
      scannedAs: "iam",
      global: false,
      fipsEndpoints: {
        aws: {
          "us-east-1": "sts-fips.us-east-1.amazonaws.com",
          "us-east-2": "sts-fips.us-east-2.amazonaws.com",
          "us-west-1": "sts-fips.us-west-1.amazonaws.com",
          "us-west-2": "sts-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-east-1": "sts.us-gov-east-1.amazonaws.com",
          "us-gov-west-1": "sts.us-gov-west-1.amazonaws.com",
        },
      },
    },
  ],
  arnLabels: {},
  // IAM resources use no KMS key, bucket or stream.
  references: { keyUses: () => [], reads: [] },
  names,
  inventorySources: {},
};
