/**
 * The free-form strings and URL-valued fields of an inventory: what `xc.pii-in-names-tags` and
 * `xc.credentials-in-urls` read (docs/controls.md#personal-data and #url-credentials). Pure.
 *
 * Left out on purpose: identifiers AWS generates (ARNs, app client ids, identity pool ids, KMS key
 * ids, Connect instance and security profile ids), AWS-reserved `aws:` tag keys, and names AWS
 * writes (AWS managed policies and keys, service-linked roles).
 */
import type { Inventory, Tag } from "@/lib/inventory";
import { DEFAULT_ALLOWED_EMAIL_DOMAINS, type PiiOptions } from "@/lib/detectors/pii";
import { findUrls } from "@/lib/detectors/urls";
import { JOB_INPUT_ACTIONS, JOB_OUTPUT_ACTIONS } from "../personalize/scope";
import { KEY_DISCOVERY_ACTIONS } from "./discovery";

export interface TextField {
  resourceArn: string;
  resourceType: string;
  region: string;
  /** Where the value sits, e.g. `ReplicationGroupId`, `tag "owner"`, `CallbackURLs[0]`. */
  field: string;
  value: string;
  /** For a tag value: its key, which may itself announce personal data (`customer-id`). */
  contextKey?: string;
  /** How findings name the resource; may itself hold personal data, so callers mask it before showing. */
  resourceName: string;
}

/** Account-level data these fields come from: a failed call leaves its part undefined and the field out. */
const OWN_TEXT_FIELD_ACTIONS = [
  "elasticache:DescribeReplicationGroups",
  "elasticache:DescribeCacheClusters",
  "elasticache:DescribeServerlessCaches",
  "elasticache:DescribeUserGroups",
  "elasticache:DescribeUsers",
  "elasticache:DescribeSnapshots",
  "elasticache:DescribeServerlessCacheSnapshots",
  "cognito-idp:ListUserPools",
  "cognito-idp:DescribeUserPool",
  "cognito-idp:ListUserPoolClients",
  "cognito-idp:DescribeUserPoolClient",
  "cognito-identity:ListIdentityPools",
  "cognito-identity:DescribeIdentityPool",
  "personalize:ListDatasetGroups",
  "personalize:ListDatasets",
  "personalize:ListSolutions",
  "personalize:ListCampaigns",
  "personalize:ListEventTrackers",
  "personalize:ListFilters",
  "personalize:ListRecommenders",
  "personalize:ListTagsForResource",
  // Job names and their S3 input/output paths (personalizeFields below).
  ...JOB_OUTPUT_ACTIONS,
  ...JOB_INPUT_ACTIONS,
  "iam:GetAccountAuthorizationDetails",
  "iam:ListAccountAliases",
  "connect:ListInstances",
  "connect:DescribeInstance",
  "connect:ListSecurityProfiles",
  "connect:ListIntegrationAssociations",
  "connect:ListInstanceStorageConfigs",
  "cloudtrail:DescribeTrails",
  "kms:DescribeKey",
  "tag:GetResources",
];

/**
 * Key descriptions are read from the keys other resources refer to, so the calls that find those
 * references are needed too: when one fails, keys (and their descriptions) go unchecked.
 */
export const TEXT_FIELD_ACTIONS: readonly string[] = [
  ...new Set([...OWN_TEXT_FIELD_ACTIONS, ...KEY_DISCOVERY_ACTIONS]),
];

/** The calls that return configured URLs (the URLs found inside text fields come from TEXT_FIELD_ACTIONS). */
export const URL_FIELD_ACTIONS = [
  "cognito-idp:ListUserPoolClients",
  "cognito-idp:DescribeUserPoolClient",
  "connect:ListInstances",
  "connect:DescribeInstance",
  "connect:ListApprovedOrigins",
  "connect:ListIntegrationAssociations",
  "iam:ListOpenIDConnectProviders",
  "iam:GetOpenIDConnectProvider",
];

const GLOBAL = "global";

type Resource = Pick<TextField, "resourceArn" | "resourceType" | "region" | "resourceName">;

/** Adds one field per non-empty value; the caller's list keeps inventory order. */
function push(into: TextField[], resource: Resource, field: string, value: string | undefined): void {
  if (value === undefined || value.trim() === "") return;
  into.push({ ...resource, field, value });
}

/** A tag contributes its key and its value; the value carries the key as context. `aws:` keys are AWS's. */
function pushTags(into: TextField[], resource: Resource, tags: readonly Tag[]): void {
  for (const { key, value } of tags) {
    if (key.toLowerCase().startsWith("aws:")) continue;
    push(into, resource, `tag key "${key}"`, key);
    if (value.trim() !== "") into.push({ ...resource, field: `tag "${key}"`, value, contextKey: key });
  }
}

/**
 * Cognito app clients have no ARN in any API; this stable pseudo-ARN under the pool's ARN keeps
 * results per client apart.
 */
export function appClientArn(userPoolArn: string, clientId: string): string {
  return `${userPoolArn}/client/${clientId}`;
}

/** ARN resource types → the labels the other controls use. */
const ARN_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  "elasticache:replicationgroup": "Replication group",
  "elasticache:cluster": "Cache cluster",
  "elasticache:serverlesscache": "Serverless cache",
  "elasticache:usergroup": "User group",
  "elasticache:user": "Cache user",
  "elasticache:snapshot": "Snapshot",
  "elasticache:serverlesscachesnapshot": "Snapshot",
  "cognito-idp:userpool": "User pool",
  "cognito-identity:identitypool": "Identity pool",
  "personalize:dataset-group": "Dataset group",
  "connect:instance": "Connect instance",
  "kms:key": "KMS key",
  "cloudtrail:trail": "Trail",
};

/** Service, resource type label and name of an ARN, for tags the Tagging API returns by ARN only. */
export function describeArn(arn: string): { resourceType: string; resourceName: string } {
  const [, , service = "", , , ...rest] = arn.split(":");
  const resource = rest.join(":");
  const [type = "", ...nameParts] = resource.split(/[:/]/);
  const name = nameParts.length > 0 ? nameParts.join("/") : type;
  return { resourceType: ARN_RESOURCE_TYPES[`${service}:${type}`] ?? `${service} resource`, resourceName: name || arn };
}

function elasticacheFields(inventory: Inventory, into: TextField[]): void {
  for (const region of inventory.elasticache?.regions ?? []) {
    for (const group of region.replicationGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "Replication group",
        region: group.region,
        resourceName: group.id,
      };
      push(into, resource, "ReplicationGroupId", group.id);
      push(into, resource, "Description", group.description);
    }
    // Member clusters are named `<group id>-001`: the group's row already covers their names.
    for (const cluster of region.cacheClusters.filter((c) => c.replicationGroupId === undefined)) {
      const resource = {
        resourceArn: cluster.arn,
        resourceType: "Cache cluster",
        region: cluster.region,
        resourceName: cluster.id,
      };
      push(into, resource, "CacheClusterId", cluster.id);
    }
    for (const cache of region.serverlessCaches) {
      const resource = {
        resourceArn: cache.arn,
        resourceType: "Serverless cache",
        region: cache.region,
        resourceName: cache.name,
      };
      push(into, resource, "ServerlessCacheName", cache.name);
      push(into, resource, "Description", cache.description);
    }
    for (const group of region.userGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "User group",
        region: group.region,
        resourceName: group.id,
      };
      push(into, resource, "UserGroupId", group.id);
    }
    for (const user of region.users) {
      const resource = {
        resourceArn: user.arn,
        resourceType: "Cache user",
        region: user.region,
        resourceName: user.id,
      };
      push(into, resource, "UserId", user.id);
      if (user.userName !== user.id) push(into, resource, "UserName", user.userName);
    }
    for (const snapshot of region.snapshots) {
      const resource = {
        resourceArn: snapshot.arn,
        resourceType: "Snapshot",
        region: snapshot.region,
        resourceName: snapshot.name,
      };
      push(
        into,
        resource,
        snapshot.kind === "serverless" ? "ServerlessCacheSnapshotName" : "SnapshotName",
        snapshot.name,
      );
    }
  }
}

function cognitoFields(inventory: Inventory, into: TextField[]): void {
  for (const region of inventory.cognito?.regions ?? []) {
    for (const pool of region.userPools) {
      const resource = {
        resourceArn: pool.arn,
        resourceType: "User pool",
        region: pool.region,
        resourceName: pool.name,
      };
      push(into, resource, "Name", pool.name);
      pushTags(into, resource, pool.tags);
      push(into, resource, "Domain", pool.domain);
      push(into, resource, "CustomDomain", pool.customDomain);
      for (const client of pool.clients ?? []) {
        const clientResource = {
          resourceArn: appClientArn(pool.arn, client.clientId),
          resourceType: "App client",
          region: client.region,
          resourceName: client.name,
        };
        push(into, clientResource, "ClientName", client.name);
      }
    }
    for (const pool of region.identityPools) {
      const resource = {
        resourceArn: pool.arn,
        resourceType: "Identity pool",
        region: pool.region,
        resourceName: pool.name,
      };
      push(into, resource, "IdentityPoolName", pool.name);
      pushTags(into, resource, pool.tags);
    }
  }
}

const PERSONALIZE_KIND_LABELS: Readonly<Record<string, string>> = {
  dataset: "Personalize dataset",
  solution: "Personalize solution",
  campaign: "Personalize campaign",
  "event-tracker": "Event tracker",
  filter: "Personalize filter",
  recommender: "Recommender",
  "dataset-export": "Dataset export job",
  "batch-inference": "Batch inference job",
  "batch-segment": "Batch segment job",
  "metric-attribution": "Metric attribution",
  "dataset-import": "Dataset import job",
};

function personalizeFields(inventory: Inventory, into: TextField[]): void {
  for (const region of inventory.personalize?.regions ?? []) {
    for (const group of region.datasetGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "Dataset group",
        region: group.region,
        resourceName: group.name,
      };
      push(into, resource, "name", group.name);
      pushTags(into, resource, group.tags);
    }
    for (const named of region.names) {
      const resourceType = PERSONALIZE_KIND_LABELS[named.kind] ?? "Personalize resource";
      push(
        into,
        { resourceArn: named.arn, resourceType, region: region.region, resourceName: named.name },
        "name",
        named.name,
      );
    }
    for (const job of region.jobs) {
      const resourceType = PERSONALIZE_KIND_LABELS[job.kind] ?? "Personalize job";
      const resource = { resourceArn: job.arn, resourceType, region: job.region, resourceName: job.name };
      push(into, resource, "jobName", job.name);
      push(into, resource, "inputPath", job.inputPath);
      push(into, resource, "outputPath", job.outputPath);
    }
  }
}

function iamFields(inventory: Inventory, into: TextField[]): void {
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
}

function connectFields(inventory: Inventory, into: TextField[]): void {
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      const resource = {
        resourceArn: instance.arn,
        resourceType: "Connect instance",
        region: instance.region,
        resourceName: instance.alias ?? instance.id,
      };
      push(into, resource, "InstanceAlias", instance.alias);
      pushTags(into, resource, instance.tags);
      for (const config of instance.storageConfigs) {
        push(into, resource, `${config.resourceType} BucketName`, config.s3?.bucketName);
        push(into, resource, `${config.resourceType} BucketPrefix`, config.s3?.bucketPrefix);
        push(into, resource, `${config.resourceType} Prefix`, config.kinesisVideo?.prefix);
      }
      for (const profile of instance.securityProfiles) {
        const profileResource = {
          resourceArn: profile.arn,
          resourceType: "Security profile",
          region: instance.region,
          resourceName: profile.name,
        };
        push(into, profileResource, "SecurityProfileName", profile.name);
      }
      instance.integrations.forEach((integration, index) => {
        const integrationResource = {
          resourceArn: integration.arn ?? `${instance.arn}/integration-association/${index}`,
          resourceType: "Integration",
          region: instance.region,
          resourceName: integration.sourceApplicationName ?? integration.type ?? "integration",
        };
        push(into, integrationResource, "SourceApplicationName", integration.sourceApplicationName);
      });
    }
  }
}

function accountWideFields(inventory: Inventory, into: TextField[]): void {
  const accountWide = inventory.accountWide;
  for (const trail of accountWide?.cloudtrail?.trails ?? []) {
    const resource = {
      resourceArn: trail.arn,
      resourceType: "Trail",
      region: trail.homeRegion,
      resourceName: trail.name,
    };
    push(into, resource, "Name", trail.name);
    push(into, resource, "S3BucketName", trail.s3BucketName);
    push(into, resource, "S3KeyPrefix", trail.s3KeyPrefix);
  }
  // AWS managed keys carry descriptions AWS wrote ("Default key that protects ...").
  for (const key of (accountWide?.kmsKeys ?? []).filter((k) => k.keyManager !== "AWS")) {
    push(
      into,
      {
        resourceArn: key.arn,
        resourceType: "KMS key",
        region: key.region,
        resourceName: key.arn.split("/").pop() ?? key.arn,
      },
      "Description",
      key.description,
    );
  }
  for (const tagged of accountWide?.taggedResources ?? []) {
    pushTags(into, { resourceArn: tagged.arn, region: tagged.region, ...describeArn(tagged.arn) }, tagged.tags);
  }
}

/** Drops repeats: Cognito and Connect tags come from their describe calls and from the Tagging API. */
function unique(fields: TextField[]): TextField[] {
  const seen = new Set<string>();
  return fields.filter((field) => {
    const key = `${field.resourceArn}\u0000${field.field}\u0000${field.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every free-form name, description, path, prefix and tag the scan collected (docs/controls.md#personal-data). */
export function textFields(inventory: Inventory): TextField[] {
  const fields: TextField[] = [];
  elasticacheFields(inventory, fields);
  cognitoFields(inventory, fields);
  personalizeFields(inventory, fields);
  iamFields(inventory, fields);
  connectFields(inventory, fields);
  accountWideFields(inventory, fields);
  return unique(fields);
}

function pushUrls(into: TextField[], resource: Resource, field: string, urls: readonly string[]): void {
  urls.forEach((url, index) => push(into, resource, urls.length > 1 ? `${field}[${index}]` : field, url));
}

/**
 * Every URL-valued field (docs/controls.md#url-credentials): Cognito callback, logout and default redirect URLs,
 * Connect approved origins, integration source URLs and the instance access URL, IAM OIDC provider
 * URLs, and URLs written inside any text field.
 */
export function urlFields(inventory: Inventory): TextField[] {
  const fields: TextField[] = [];
  for (const region of inventory.cognito?.regions ?? []) {
    for (const pool of region.userPools) {
      for (const client of pool.clients ?? []) {
        const resource = {
          resourceArn: appClientArn(pool.arn, client.clientId),
          resourceType: "App client",
          region: client.region,
          resourceName: client.name,
        };
        pushUrls(fields, resource, "CallbackURLs", client.callbackUrls);
        pushUrls(fields, resource, "LogoutURLs", client.logoutUrls);
        push(fields, resource, "DefaultRedirectURI", client.defaultRedirectUri);
      }
    }
  }
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      const resource = {
        resourceArn: instance.arn,
        resourceType: "Connect instance",
        region: instance.region,
        resourceName: instance.alias ?? instance.id,
      };
      push(fields, resource, "InstanceAccessUrl", instance.accessUrl);
      pushUrls(fields, resource, "ApprovedOrigins", instance.approvedOrigins);
      instance.integrations.forEach((integration, index) => {
        const integrationResource = {
          resourceArn: integration.arn ?? `${instance.arn}/integration-association/${index}`,
          resourceType: "Integration",
          region: instance.region,
          resourceName: integration.sourceApplicationName ?? integration.type ?? "integration",
        };
        push(fields, integrationResource, "SourceApplicationUrl", integration.sourceApplicationUrl);
      });
    }
  }
  for (const provider of inventory.iam?.oidcProviders ?? []) {
    const resource = {
      resourceArn: provider.arn,
      resourceType: "OIDC provider",
      region: GLOBAL,
      resourceName: provider.url,
    };
    push(fields, resource, "Url", provider.url);
  }
  for (const text of textFields(inventory)) {
    const { field, value, contextKey: _contextKey, ...resource } = text;
    pushUrls(fields, resource, field, findUrls(value));
  }
  return unique(fields);
}

/**
 * Detector options for a scan: its own account id, and the e-mail domains that are not personal data.
 * No corporate domains are configurable yet, so DEFAULT_ALLOWED_EMAIL_DOMAINS is the whole list.
 */
export function personalDataOptions(inventory: Inventory): PiiOptions {
  return { accountId: inventory.account.id, allowedEmailDomains: DEFAULT_ALLOWED_EMAIL_DOMAINS };
}
