import type { Remediation, RemediationRow, Template } from "./types";

/**
 * How each control's failing resources are fixed: per control id, AWS CLI commands, Terraform and
 * (where no Terraform resource exists) CloudFormation, with placeholders a result row fills. Every
 * CLI command is checked against the SDK model of its service and every Terraform argument against
 * the vetted list (terraform-resources.ts) by catalog.test.ts, so nothing invented ships.
 *
 * Conventions: commands name the Region explicitly (`--region {region}`; dropped for rows of global
 * resources); values only the reader can choose are capitals (KMS_KEY_ARN, NODE_TYPE); a setting that
 * cannot change in place says so (`inPlace: false`) and gives the path that works instead.
 */

// ---------------------------------------------------------------------------------------------
// Shared pieces

const evidence = (row: RemediationRow, key: string) => row.evidence?.[key];
const arnService = (row: RemediationRow) => row.resourceArn.split(":")[2];
const arnType = (row: RemediationRow) => row.resourceArn.split(":")[5]?.split(/[/:]/)[0];

/** Major engine version of a replication group row, when its evidence has one. */
function engineMajor(row: RemediationRow): number | undefined {
  const version = evidence(row, "engineVersion");
  const match = typeof version === "string" ? /^(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}
// TLS can be switched on in place for Valkey and Redis OSS 7+ (as elasticache.rg-transit-encryption
// judges); older engines need a new group. An unknown version gets both paths.
const tlsInPlace = (row: RemediationRow) => evidence(row, "engine") === "valkey" || (engineMajor(row) ?? 7) >= 7;
const tlsByRestore = (row: RemediationRow) => evidence(row, "engine") !== "valkey" && (engineMajor(row) ?? 0) < 7;

/** S3 default encryption with a KMS key and S3 Bucket Keys (connect and personalize bucket controls). */
const S3_BUCKET_SSE_KMS: Pick<Remediation, "cli" | "terraform"> = {
  cli: [
    {
      label: "Set SSE-KMS default encryption with S3 Bucket Keys",
      code: `aws s3api put-bucket-encryption --region {region} --bucket {bucket} \\
  --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KMS_KEY_ARN"},"BucketKeyEnabled":true}]}'`,
      note: "Applies to objects written from now on; existing objects keep their encryption until copied over. The key policy must let the writers (Amazon Connect, the Personalize service role) use the key.",
    },
  ],
  terraform: [
    {
      label: "Default encryption of the bucket",
      code: `resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = "{bucket}"
  rule {
    bucket_key_enabled = true
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "KMS_KEY_ARN"
    }
  }
}`,
    },
  ],
};

/** Connect instance storage configs: describe, edit the EncryptionConfig, update (same for every type). */
function connectStorageKms(storageBlock: "s3_config" | "kinesis_video_stream_config"): Remediation {
  const s3 = storageBlock === "s3_config";
  return {
    inPlace: true,
    cli: [
      {
        label: "Save the current storage configuration",
        code: `aws connect describe-instance-storage-config --region {region} --instance-id {instanceId} \\
  --association-id {associationId} --resource-type {storageResourceType} --query StorageConfig > storage-config.json`,
        note: `Edit storage-config.json: set ${s3 ? "S3Config" : "KinesisVideoStreamConfig"}.EncryptionConfig to {"EncryptionType": "KMS", "KeyId": "KMS_KEY_ARN"} (the full key ARN of a symmetric customer managed key).`,
        when: (row) => typeof evidence(row, "storageResourceType") === "string",
      },
      {
        label: "Apply the edited configuration",
        code: `aws connect update-instance-storage-config --region {region} --instance-id {instanceId} \\
  --association-id {associationId} --resource-type {storageResourceType} --storage-config file://storage-config.json`,
        when: (row) => typeof evidence(row, "storageResourceType") === "string",
      },
    ],
    terraform: [
      {
        label: "Storage config with a KMS key",
        code: s3
          ? `resource "aws_connect_instance_storage_config" "this" {
  instance_id   = "{instanceId}"
  resource_type = "{storageResourceType}"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = "BUCKET_NAME"
      bucket_prefix = "BUCKET_PREFIX"
      encryption_config {
        encryption_type = "KMS"
        key_id          = "KMS_KEY_ARN"
      }
    }
  }
}`
          : `resource "aws_connect_instance_storage_config" "this" {
  instance_id   = "{instanceId}"
  resource_type = "MEDIA_STREAMS"
  storage_config {
    storage_type = "KINESIS_VIDEO_STREAM"
    kinesis_video_stream_config {
      prefix                 = "PREFIX"
      retention_period_hours = 24
      encryption_config {
        encryption_type = "KMS"
        key_id          = "KMS_KEY_ARN"
      }
    }
  }
}`,
        note: "Keep your current bucket/prefix (or stream prefix and retention) values; only the encryption_config changes.",
      },
    ],
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/update-instance-settings.html",
  };
}

/** Restore a snapshot into a new replication group encrypted at rest and in transit. */
const RESTORE_ENCRYPTED_GROUP: Template = {
  label: "Restore it into a new encrypted replication group",
  code: `aws elasticache create-replication-group --region {region} --replication-group-id NEW_GROUP_ID \\
  --replication-group-description 'Encrypted replacement' --snapshot-name SNAPSHOT_NAME \\
  --cache-node-type NODE_TYPE --at-rest-encryption-enabled --kms-key-id KMS_KEY_ARN \\
  --transit-encryption-enabled --transit-encryption-mode required`,
  note: "Give the new group the subnet group, security groups, parameter group and engine version of the old one. Move clients to its endpoint (with TLS), then delete the old cache.",
};

const ENCRYPTED_GROUP_TF: Template = {
  label: "The new replication group",
  code: `resource "aws_elasticache_replication_group" "encrypted" {
  replication_group_id       = "NEW_GROUP_ID"
  description                = "Encrypted replacement for {resourceId}"
  snapshot_name              = "SNAPSHOT_NAME"
  node_type                  = "NODE_TYPE"
  at_rest_encryption_enabled = true
  kms_key_id                 = "KMS_KEY_ARN"
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
}`,
};

/** Snapshot an existing replication group (or standalone cluster) before replacing it. */
const SNAPSHOT_GROUP: Template = {
  label: "Take a snapshot of the replication group",
  code: `aws elasticache create-snapshot --region {region} --replication-group-id {resourceId} --snapshot-name SNAPSHOT_NAME`,
  when: (row) => arnType(row) === "replicationgroup",
};
const SNAPSHOT_CLUSTER: Template = {
  label: "Take a snapshot of the cluster",
  code: `aws elasticache create-snapshot --region {region} --cache-cluster-id {resourceId} --snapshot-name SNAPSHOT_NAME`,
  when: (row) => arnType(row) === "cluster",
};

const UPDATE_USER_POOL_NOTE =
  "UpdateUserPool sets every setting you leave out back to its default: pass your current settings too (from describe-user-pool), or make the change in the console or your infrastructure code.";

/** Cognito app clients: UpdateUserPoolClient resets what it is not given, so start from the current settings. */
function appClientUpdate(edit: string): Template[] {
  return [
    {
      label: "Save the app client's current settings",
      code: `aws cognito-idp describe-user-pool-client --region {region} --user-pool-id {userPoolId} --client-id {clientId} \\
  --query UserPoolClient > client.json`,
      note: `Edit client.json: ${edit}. Remove ClientSecret, CreationDate and LastModifiedDate, which the update does not take. UpdateUserPoolClient resets every setting it is not given, which is why it starts from the full current settings.`,
    },
    {
      label: "Apply the edited settings",
      code: `aws cognito-idp update-user-pool-client --region {region} --cli-input-json file://client.json`,
    },
  ];
}

/** Cognito identity pools: UpdateIdentityPool replaces the whole pool, and DescribeIdentityPool returns exactly its input. */
function identityPoolUpdate(edit: string): Template[] {
  return [
    {
      label: "Save the identity pool's current configuration",
      code: `aws cognito-identity describe-identity-pool --region {region} --identity-pool-id {identityPoolId} > identity-pool.json`,
      note: `Edit identity-pool.json: ${edit}. UpdateIdentityPool replaces the whole configuration (identity providers included), which is why it starts from the current one.`,
    },
    {
      label: "Apply the edited configuration",
      code: `aws cognito-identity update-identity-pool --region {region} --cli-input-json file://identity-pool.json`,
    },
  ];
}

const AWS_SIDE = (what: string, docs: string): Remediation => ({
  inPlace: false,
  steps: `Nothing to change: ${what} This control records the AWS side of the shared responsibility model.`,
  docs,
});

// ---------------------------------------------------------------------------------------------
// The catalog

export const REMEDIATIONS: Readonly<Record<string, Remediation>> = {
  // Cognito ------------------------------------------------------------------------------------
  "cognito.app-client-implicit-grant": {
    inPlace: true,
    cli: appClientUpdate(
      'set "AllowedOAuthFlows": ["code"] and keep "AllowedOAuthFlowsUserPoolClient": true; have the app use PKCE',
    ),
    terraform: [
      {
        label: "Authorization code grant only",
        code: `resource "aws_cognito_user_pool_client" "this" {
  name                                 = "{name}"
  user_pool_id                         = "{userPoolId}"
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_flows_user_pool_client = true
}`,
        note: "Merge into your existing client resource; keep its callback URLs and scopes.",
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html",
  },
  "cognito.app-client-password-auth": {
    inPlace: true,
    cli: appClientUpdate(
      'remove "ALLOW_USER_PASSWORD_AUTH" from "ExplicitAuthFlows" and keep "ALLOW_USER_SRP_AUTH" and "ALLOW_REFRESH_TOKEN_AUTH"',
    ),
    terraform: [
      {
        label: "SRP instead of plain password auth",
        code: `resource "aws_cognito_user_pool_client" "this" {
  name                = "{name}"
  user_pool_id        = "{userPoolId}"
  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html",
  },
  "cognito.app-client-user-existence-errors": {
    inPlace: true,
    cli: appClientUpdate('set "PreventUserExistenceErrors": "ENABLED" and "EnableTokenRevocation": true'),
    terraform: [
      {
        label: "Hide whether a user exists",
        code: `resource "aws_cognito_user_pool_client" "this" {
  name                          = "{name}"
  user_pool_id                  = "{userPoolId}"
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html",
  },
  "cognito.aws-managed-encryption": AWS_SIDE(
    "AWS encrypts Cognito data at rest and in transit.",
    "https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html",
  ),
  "cognito.identity-pool-classic-flow": {
    inPlace: true,
    cli: identityPoolUpdate('set "AllowClassicFlow": false'),
    terraform: [
      {
        label: "Enhanced flow only",
        code: `resource "aws_cognito_identity_pool" "this" {
  identity_pool_name = "{name}"
  # keep allow_unauthenticated_identities and the identity providers as they are
  allow_classic_flow = false
}`,
        note: "Merge into your existing identity pool resource.",
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html",
  },
  "cognito.identity-pool-unauthenticated": {
    inPlace: true,
    steps:
      "If guests are needed, keep them and instead scope the unauthenticated IAM role to the few actions and resources they need.",
    cli: identityPoolUpdate('set "AllowUnauthenticatedIdentities": false'),
    terraform: [
      {
        label: "No guest identities",
        code: `resource "aws_cognito_identity_pool" "this" {
  identity_pool_name               = "{name}"
  allow_unauthenticated_identities = false
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html",
  },
  "cognito.user-activity-logging": {
    inPlace: true,
    cli: [
      {
        label: "Send user notification errors to CloudWatch Logs",
        code: `aws cognito-idp set-log-delivery-configuration --region {region} --user-pool-id {userPoolId} \\
  --log-configurations 'LogLevel=ERROR,EventSource=userNotification,CloudWatchLogsConfiguration={LogGroupArn=LOG_GROUP_ARN}'`,
        note: "The log group must exist and allow Cognito to write to it. On the Plus plan add a second entry with EventSource=userAuthEvents and LogLevel=INFO (the call replaces the whole list, so pass both).",
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html",
  },
  "cognito.user-pool-deletion-protection": {
    inPlace: true,
    cli: [
      {
        label: "Activate deletion protection",
        code: `aws cognito-idp update-user-pool --region {region} --user-pool-id {userPoolId} --deletion-protection ACTIVE`,
        note: UPDATE_USER_POOL_NOTE,
      },
    ],
    terraform: [
      {
        label: "Deletion protection",
        code: `resource "aws_cognito_user_pool" "this" {
  name                = "{name}"
  deletion_protection = "ACTIVE"
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html",
  },
  "cognito.user-pool-mfa": {
    inPlace: true,
    cli: [
      {
        label: "Require MFA with an authenticator app",
        code: `aws cognito-idp set-user-pool-mfa-config --region {region} --user-pool-id {userPoolId} \\
  --software-token-mfa-configuration Enabled=true --mfa-configuration ON`,
        note: "Users without an MFA factor cannot sign in once MFA is ON: plan their enrolment first. To keep MFA optional, set threat protection to require MFA on risky sign-ins instead.",
      },
    ],
    terraform: [
      {
        label: "MFA required, TOTP on",
        code: `resource "aws_cognito_user_pool" "this" {
  name              = "{name}"
  mfa_configuration = "ON"
  software_token_mfa_configuration {
    enabled = true
  }
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html",
  },
  "cognito.user-pool-threat-protection": {
    inPlace: true,
    steps: "Threat protection needs the Plus feature plan; run it in AUDIT mode first to see what it would block.",
    cli: [
      {
        label: "Enforce threat protection",
        code: `aws cognito-idp update-user-pool --region {region} --user-pool-id {userPoolId} --user-pool-add-ons AdvancedSecurityMode=ENFORCED`,
        note: UPDATE_USER_POOL_NOTE,
      },
    ],
    terraform: [
      {
        label: "Threat protection enforced",
        code: `resource "aws_cognito_user_pool" "this" {
  name = "{name}"
  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html",
  },

  // Amazon Connect -----------------------------------------------------------------------------
  "connect.api-access-via-roles": {
    inPlace: false,
    steps:
      "A process, not a setting: create an IAM role for each integration that calls Amazon Connect, move the integration to it (temporary credentials), then remove the Connect permissions from the IAM user and deactivate its access keys.",
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/security-iam.html",
  },
  "connect.approved-origins": {
    inPlace: true,
    cli: [
      {
        label: "List the approved origins",
        code: `aws connect list-approved-origins --region {region} --instance-id {instanceId}`,
      },
      {
        label: "Remove an origin flagged on this row",
        code: `aws connect disassociate-approved-origin --region {region} --instance-id {instanceId} --origin ORIGIN_URL`,
        note: "Add the HTTPS replacement, if one is needed, with associate-approved-origin before removing the old origin.",
      },
    ],
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/encryption-in-transit.html",
  },
  "connect.aws-managed-encryption": AWS_SIDE(
    "Amazon Connect encrypts contact data at rest and in transit.",
    "https://docs.aws.amazon.com/connect/latest/adminguide/data-handled-by-connect.html",
  ),
  "connect.data-streams-encryption": {
    inPlace: true,
    cli: [
      {
        label: "Encrypt the Kinesis data stream with a customer managed key",
        code: `aws kinesis start-stream-encryption --region {region} --stream-name {streamName} --encryption-type KMS --key-id KMS_KEY_ARN`,
        when: (row) => arnService(row) === "kinesis",
      },
      {
        label: "Encrypt the Firehose stream with a customer managed key",
        code: `aws firehose start-delivery-stream-encryption --region {region} --delivery-stream-name {deliveryStreamName} \\
  --delivery-stream-encryption-configuration-input KeyType=CUSTOMER_MANAGED_CMK,KeyARN=KMS_KEY_ARN`,
        note: "Server-side encryption applies to Direct PUT streams; a stream fed by a Kinesis data stream is protected by that stream's encryption.",
        when: (row) => arnService(row) === "firehose",
      },
    ],
    terraform: [
      {
        label: "Kinesis stream encryption",
        code: `resource "aws_kinesis_stream" "this" {
  name            = "{streamName}"
  encryption_type = "KMS"
  kms_key_id      = "KMS_KEY_ARN"
}`,
        when: (row) => arnService(row) === "kinesis",
      },
      {
        label: "Firehose server-side encryption",
        code: `resource "aws_kinesis_firehose_delivery_stream" "this" {
  name = "{deliveryStreamName}"
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = "KMS_KEY_ARN"
  }
}`,
        when: (row) => arnService(row) === "firehose",
      },
    ],
    steps: "The key policy must let Amazon Connect (and the stream's readers) use the key.",
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html",
  },
  "connect.identity-mfa": {
    inPlace: false,
    steps:
      "An instance's identity management type is fixed when it is created. Create a new instance with SAML 2.0 federation (an identity provider that enforces MFA) or with an AWS Directory Service directory using RADIUS MFA, move users, flows and phone numbers to it, then delete the old instance.",
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/configure-saml.html",
  },
  "connect.media-streams-kms": connectStorageKms("kinesis_video_stream_config"),
  "connect.other-s3-storage-kms": connectStorageKms("s3_config"),
  "connect.recordings-transcripts-kms": connectStorageKms("s3_config"),
  "connect.security-profiles-review": {
    inPlace: false,
    steps:
      "A review, not a setting: read each profile's permissions, remove those its users' roles do not need, and keep the Admin profile to a few users.",
    cli: [
      {
        label: "List the profile's permissions for the review",
        code: `aws connect list-security-profile-permissions --region {region} --instance-id {instanceId} --security-profile-id {securityProfileId}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/connect/latest/adminguide/connect-security-profiles.html",
  },
  "connect.storage-bucket-encryption": {
    inPlace: true,
    ...S3_BUCKET_SSE_KMS,
    docs: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
  },

  // ElastiCache --------------------------------------------------------------------------------
  "elasticache.backup-encryption": {
    inPlace: false,
    steps:
      "A snapshot's encryption cannot be changed. Restore the snapshot into a new replication group with at-rest encryption and a customer managed key, take a new snapshot of that group (it is encrypted), then delete the unencrypted snapshot. Recreate the source cache encrypted (see elasticache.rg-at-rest-encryption) so its future backups are encrypted too.",
    cli: [
      { ...RESTORE_ENCRYPTED_GROUP, code: RESTORE_ENCRYPTED_GROUP.code.replace("SNAPSHOT_NAME", "{snapshotName}") },
      {
        label: "Snapshot the encrypted group",
        code: `aws elasticache create-snapshot --region {region} --replication-group-id NEW_GROUP_ID --snapshot-name NEW_SNAPSHOT_NAME`,
      },
      {
        label: "Delete the unencrypted snapshot",
        code: `aws elasticache delete-snapshot --region {region} --snapshot-name {snapshotName}`,
        note: "Only once the encrypted snapshot exists and your retention rules allow it.",
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  },
  "elasticache.cluster-transit-encryption": {
    inPlace: false,
    steps:
      "TLS cannot be switched on for an existing standalone cluster. For Valkey/Redis OSS, snapshot the cluster and restore it into a replication group with in-transit (and at-rest) encryption; for Memcached, create a new TLS-enabled cluster (1.6.12 or later, in a VPC) or a serverless cache. Move clients to TLS, then delete the old cluster.",
    cli: [
      { ...SNAPSHOT_CLUSTER, when: (row) => evidence(row, "engine") !== "memcached" },
      { ...RESTORE_ENCRYPTED_GROUP, when: (row) => evidence(row, "engine") !== "memcached" },
      {
        label: "Create a TLS-enabled Memcached cluster",
        code: `aws elasticache create-cache-cluster --region {region} --cache-cluster-id NEW_CLUSTER_ID --engine memcached \\
  --engine-version ENGINE_VERSION --cache-node-type NODE_TYPE --num-cache-nodes 2 --transit-encryption-enabled`,
        note: "ENGINE_VERSION 1.6.12 or later. Use the subnet group and security groups of the old cluster; Memcached has no backups, so the cache starts empty.",
        when: (row) => evidence(row, "engine") === "memcached",
      },
    ],
    terraform: [{ ...ENCRYPTED_GROUP_TF, when: (row) => evidence(row, "engine") !== "memcached" }],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
  },
  "elasticache.cmk-at-rest": {
    inPlace: false,
    steps:
      "The KMS key of a cache is fixed at creation. Snapshot the cache, restore the snapshot into a new cache with a symmetric customer managed key, move clients to it, then delete the old cache.",
    cli: [
      SNAPSHOT_GROUP,
      { ...RESTORE_ENCRYPTED_GROUP, when: (row) => arnType(row) === "replicationgroup" },
      {
        label: "Take a snapshot of the serverless cache",
        code: `aws elasticache create-serverless-cache-snapshot --region {region} --serverless-cache-name {serverlessCacheName} \\
  --serverless-cache-snapshot-name SNAPSHOT_NAME`,
        when: (row) => arnType(row) === "serverlesscache",
      },
      {
        label: "Restore it into a serverless cache with your key",
        code: `aws elasticache create-serverless-cache --region {region} --serverless-cache-name NEW_CACHE_NAME --engine ENGINE \\
  --snapshot-arns-to-restore SNAPSHOT_ARN --kms-key-id KMS_KEY_ARN`,
        when: (row) => arnType(row) === "serverlesscache",
      },
    ],
    terraform: [{ ...ENCRYPTED_GROUP_TF, when: (row) => arnType(row) === "replicationgroup" }],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  },
  "elasticache.memcached-at-rest": {
    inPlace: false,
    steps:
      "Node-based Memcached clusters have no at-rest encryption. Where it is required, create an ElastiCache Serverless cache for Memcached (always encrypted at rest), move clients to it, then delete the cluster.",
    cli: [
      {
        label: "Create a serverless Memcached cache",
        code: `aws elasticache create-serverless-cache --region {region} --serverless-cache-name NEW_CACHE_NAME --engine memcached`,
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/at-rest-encryption.html",
  },
  "elasticache.rbac-default-user": {
    inPlace: true,
    cli: [
      {
        label: "Create a disabled replacement default user",
        code: `aws elasticache create-user --region {region} --user-id NEW_DEFAULT_USER_ID --user-name default --engine {engine} \\
  --access-string 'off -@all' --no-password-required`,
      },
      {
        label: "Swap it into the user group",
        code: `aws elasticache modify-user-group --region {region} --user-group-id {userGroupId} \\
  --user-ids-to-add NEW_DEFAULT_USER_ID --user-ids-to-remove default`,
        note: "Clients that connected as the open default user must first be given their own users in the group.",
      },
    ],
    terraform: [
      {
        label: "Disabled default user",
        code: `resource "aws_elasticache_user" "default_off" {
  user_id       = "NEW_DEFAULT_USER_ID"
  user_name     = "default"
  engine        = "{engine}"
  access_string = "off -@all"
  authentication_mode {
    type = "no-password-required"
  }
}`,
      },
      {
        label: "The user group without the open default user",
        code: `resource "aws_elasticache_user_group" "this" {
  user_group_id = "{userGroupId}"
  engine        = "{engine}"
  user_ids      = [aws_elasticache_user.default_off.user_id]
}`,
        note: "Add the group's other users to user_ids.",
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  "elasticache.rbac-users-without-password": {
    inPlace: true,
    cli: [
      {
        label: "Switch the user to IAM authentication",
        code: `aws elasticache modify-user --region {region} --user-id {userId} --authentication-mode Type=iam`,
        note: "IAM authentication needs Valkey 7.2+ or Redis OSS 7.0+ and a user whose id equals its name; otherwise set passwords (Type=password) from your secret store, never typed on a command line, or switch the user off in its access string.",
      },
    ],
    terraform: [
      {
        label: "IAM authentication",
        code: `resource "aws_elasticache_user" "this" {
  user_id       = "{userId}"
  user_name     = "{name}"
  engine        = "ENGINE"
  access_string = "ACCESS_STRING"
  authentication_mode {
    type = "iam"
  }
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  "elasticache.rg-at-rest-encryption": {
    inPlace: false,
    steps:
      "At-rest encryption cannot be switched on for an existing cache. Snapshot the replication group (or standalone cluster), restore the snapshot into a new replication group with at-rest encryption (optionally with a customer managed KMS key), switch clients to its endpoint, then delete the old cache.",
    cli: [SNAPSHOT_GROUP, SNAPSHOT_CLUSTER, RESTORE_ENCRYPTED_GROUP],
    terraform: [ENCRYPTED_GROUP_TF],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  },
  "elasticache.rg-authentication": {
    inPlace: true,
    steps:
      "A standalone cluster cannot take a user group or TLS: snapshot it and restore the snapshot into a TLS-enabled replication group with a user group (the commands for elasticache.rg-at-rest-encryption).",
    cli: [
      {
        label: "Attach an RBAC user group",
        code: `aws elasticache modify-replication-group --region {region} --replication-group-id {replicationGroupId} \\
  --user-group-ids-to-add USER_GROUP_ID --apply-immediately`,
        note: "The user group's default user must be off or have a password (elasticache.rbac-default-user). Needs Valkey 7.2+ or Redis OSS 6.0+ and in-transit encryption.",
        when: (row) => arnType(row) === "replicationgroup",
      },
    ],
    terraform: [
      {
        label: "User group on the replication group",
        code: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id = "{replicationGroupId}"
  description          = "DESCRIPTION"
  user_group_ids       = ["USER_GROUP_ID"]
}`,
        when: (row) => arnType(row) === "replicationgroup",
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  "elasticache.rg-transit-encryption": {
    inPlace: true,
    steps:
      "Engines older than Redis OSS 7 cannot enable TLS in place: restore a backup into a new TLS-enabled group instead (the commands for elasticache.rg-at-rest-encryption).",
    cli: [
      {
        label: "Turn on TLS in preferred mode",
        code: `aws elasticache modify-replication-group --region {region} --replication-group-id {replicationGroupId} \\
  --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately`,
        note: "Skip this step when the group is already in preferred mode.",
        when: (row) => tlsInPlace(row) && evidence(row, "transitEncryptionMode") !== "preferred",
      },
      {
        label: "Once every client uses TLS, require it",
        code: `aws elasticache modify-replication-group --region {region} --replication-group-id {replicationGroupId} \\
  --transit-encryption-mode required --apply-immediately`,
        when: tlsInPlace,
      },
      { ...SNAPSHOT_GROUP, label: "Older engine: take a snapshot of the group", when: tlsByRestore },
      { ...RESTORE_ENCRYPTED_GROUP, when: tlsByRestore },
    ],
    terraform: [
      {
        label: "TLS required",
        code: `resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "{replicationGroupId}"
  description                = "DESCRIPTION"
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
}`,
        note: 'Go through transit_encryption_mode = "preferred" first while clients move to TLS.',
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html",
  },
  "elasticache.serverless-access-control": {
    inPlace: true,
    cli: [
      {
        label: "Associate a user group",
        code: `aws elasticache modify-serverless-cache --region {region} --serverless-cache-name {serverlessCacheName} --user-group-id USER_GROUP_ID`,
        note: "The user group's default user must be off or have a password (elasticache.rbac-default-user).",
      },
    ],
    terraform: [
      {
        label: "User group on the serverless cache",
        code: `resource "aws_elasticache_serverless_cache" "this" {
  name          = "{serverlessCacheName}"
  engine        = "{engine}"
  user_group_id = "USER_GROUP_ID"
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
  },
  "elasticache.serverless-aws-managed-encryption": AWS_SIDE(
    "AWS encrypts every serverless cache in transit and at rest.",
    "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
  ),

  // IAM ----------------------------------------------------------------------------------------
  "iam.access-key-rotation": {
    inPlace: true,
    steps:
      "Rotation in four steps: create a second key, move the application to it, deactivate the old key and watch for failures, then delete it. Better still, replace the key with an IAM role.",
    cli: [
      {
        label: "Find the old key's id",
        code: `aws iam list-access-keys --user-name {userName}`,
      },
      {
        label: "Create the new key",
        code: `aws iam create-access-key --user-name {userName}`,
        note: "The output holds the secret access key: put it straight into your secret store, never into a file or a ticket.",
      },
      {
        label: "Deactivate the old key once the application uses the new one",
        code: `aws iam update-access-key --user-name {userName} --access-key-id OLD_ACCESS_KEY_ID --status Inactive`,
      },
      {
        label: "Delete the old key",
        code: `aws iam delete-access-key --user-name {userName} --access-key-id OLD_ACCESS_KEY_ID`,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
  },
  "iam.admin-users-with-keys": {
    inPlace: true,
    steps:
      "Move the automation to an IAM role (temporary credentials) or narrow the user's permissions to what it needs; then deactivate and delete the administrator's access keys.",
    cli: [
      {
        label: "List the user's keys",
        code: `aws iam list-access-keys --user-name {userName}`,
      },
      {
        label: "Deactivate a key",
        code: `aws iam update-access-key --user-name {userName} --access-key-id ACCESS_KEY_ID --status Inactive`,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
  },
  "iam.aws-managed-encryption": AWS_SIDE(
    "AWS encrypts IAM data at rest and requires TLS; customers cannot manage these keys.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/data-protection.html",
  ),
  "iam.least-privilege-no-star": {
    inPlace: true,
    steps:
      "Write a policy scoped to the actions and resources the principals need (IAM Access Analyzer can generate one from CloudTrail activity), then make it the policy's default version. Inline policies are replaced with put-user-policy, put-role-policy or put-group-policy.",
    cli: [
      {
        label: "Make a scoped document the policy's default version",
        code: `aws iam create-policy-version --policy-arn {policyArn} --policy-document file://scoped-policy.json --set-as-default`,
        note: "A managed policy keeps at most five versions: delete the oldest non-default one first if it has five.",
        when: (row) => /:policy\//.test(row.resourceArn),
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  },
  "iam.password-policy": {
    inPlace: true,
    cli: [
      {
        label: "Set a strong account password policy",
        code: `aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers \\
  --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24 --allow-users-to-change-password`,
        note: "The call replaces the whole policy: settings it does not name (maximum age, hard expiry) go back to their defaults.",
      },
    ],
    terraform: [
      {
        label: "Account password policy",
        code: `resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  require_symbols                = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  password_reuse_prevention      = 24
  allow_users_to_change_password = true
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
  },
  "iam.root-recent-use": {
    inPlace: false,
    steps:
      "A practice, not a setting: find what the root user was used for (CloudTrail), give those tasks to IAM roles or IAM Identity Center, and keep the root user for the few tasks that require it.",
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
  },
  "iam.unused-credentials": {
    inPlace: true,
    cli: [
      {
        label: "List the user's keys",
        code: `aws iam list-access-keys --user-name {userName}`,
      },
      {
        label: "Deactivate an unused key",
        code: `aws iam update-access-key --user-name {userName} --access-key-id ACCESS_KEY_ID --status Inactive`,
      },
      {
        label: "Remove an unused console password",
        code: `aws iam delete-login-profile --user-name {userName}`,
        when: (row) => evidence(row, "passwordEnabled") === true,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
  },

  // Personalize --------------------------------------------------------------------------------
  "personalize.aws-managed-encryption": AWS_SIDE(
    "Amazon Personalize encrypts what it stores with Personalize managed keys and uses TLS 1.2 in transit.",
    "https://docs.aws.amazon.com/personalize/latest/dg/data-encryption.html",
  ),
  "personalize.dataset-group-cmk": {
    inPlace: false,
    steps:
      "The key of a dataset group is fixed at creation. Create a new dataset group with your KMS key and a service role allowed kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey, kms:CreateGrant and kms:ListGrants on it, import the data again, retrain, move campaigns, then delete the old group.",
    cli: [
      {
        label: "Create the new dataset group with your key",
        code: `aws personalize create-dataset-group --region {region} --name NEW_DATASET_GROUP_NAME --kms-key-arn KMS_KEY_ARN --role-arn ROLE_ARN`,
      },
    ],
    cloudformation: [
      {
        label: "Dataset group with a customer managed key",
        code: `Resources:
  DatasetGroup:
    Type: AWS::Personalize::DatasetGroup
    Properties:
      Name: NEW_DATASET_GROUP_NAME
      KmsKeyArn: KMS_KEY_ARN
      RoleArn: ROLE_ARN`,
        note: "The Terraform AWS provider has no Personalize resources.",
      },
    ],
    docs: "https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html",
  },
  "personalize.job-output-kms": {
    inPlace: false,
    steps:
      "A finished job's output keeps its encryption. Pass kmsKeyArn in the s3DataDestination of new export, batch inference and batch segment jobs and metric attributions (the service role must be allowed to use the key), or set SSE-KMS default encryption on the output bucket so every new output is encrypted with your key; re-run or copy the outputs that must be re-encrypted.",
    cli: [
      {
        label: "SSE-KMS default encryption on the output bucket",
        code: `aws s3api put-bucket-encryption --bucket {outputBucket} \\
  --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KMS_KEY_ARN"},"BucketKeyEnabled":true}]}'`,
        when: (row) => typeof evidence(row, "outputBucket") === "string",
      },
    ],
    docs: "https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html",
  },
  "personalize.s3-bucket-encryption": {
    inPlace: true,
    ...S3_BUCKET_SSE_KMS,
    docs: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
  },

  // STS ----------------------------------------------------------------------------------------
  "sts.vpc-endpoint": {
    inPlace: true,
    cli: [
      {
        label: "Interface endpoint for STS with private DNS",
        code: `aws ec2 create-vpc-endpoint --region {region} --vpc-id VPC_ID --vpc-endpoint-type Interface \\
  --service-name com.amazonaws.{region}.sts --subnet-ids SUBNET_ID --security-group-ids SECURITY_GROUP_ID --private-dns-enabled`,
      },
    ],
    terraform: [
      {
        label: "STS interface endpoint",
        code: `resource "aws_vpc_endpoint" "sts" {
  vpc_id              = "VPC_ID"
  service_name        = "com.amazonaws.{region}.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = ["SUBNET_ID"]
  security_group_ids  = ["SECURITY_GROUP_ID"]
  private_dns_enabled = true
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html",
  },

  // Account-wide -------------------------------------------------------------------------------
  "xc.cloudtrail-kms": {
    inPlace: true,
    steps:
      "The key policy must let CloudTrail encrypt and your auditors decrypt. An organization trail is changed from the management account.",
    cli: [
      {
        label: "Encrypt the trail's log files with your key",
        code: `aws cloudtrail update-trail --region {region} --name {trailName} --kms-key-id KMS_KEY_ARN`,
      },
    ],
    terraform: [
      {
        label: "Trail with a KMS key",
        code: `resource "aws_cloudtrail" "this" {
  name           = "{trailName}"
  s3_bucket_name = "BUCKET_NAME"
  kms_key_id     = "KMS_KEY_ARN"
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
  },
  "xc.cloudtrail-log-file-validation": {
    inPlace: true,
    cli: [
      {
        label: "Turn on log file validation",
        code: `aws cloudtrail update-trail --region {region} --name {trailName} --enable-log-file-validation`,
        note: "CloudTrail must be able to write digest files to the trail's bucket.",
      },
    ],
    terraform: [
      {
        label: "Log file validation",
        code: `resource "aws_cloudtrail" "this" {
  name                       = "{trailName}"
  s3_bucket_name             = "BUCKET_NAME"
  enable_log_file_validation = true
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
  },
  "xc.cloudtrail-multiregion-logging": {
    inPlace: true,
    steps:
      "Or convert an existing trail with update-trail --is-multi-region-trail, or use an organization trail from the management account. A new trail records read and write management events by default.",
    cli: [
      {
        label: "Create a multi-Region trail",
        code: `aws cloudtrail create-trail --region HOME_REGION --name TRAIL_NAME --s3-bucket-name BUCKET_NAME \\
  --is-multi-region-trail --include-global-service-events --enable-log-file-validation --kms-key-id KMS_KEY_ARN`,
      },
      {
        label: "Start logging",
        code: `aws cloudtrail start-logging --region HOME_REGION --name TRAIL_NAME`,
      },
    ],
    terraform: [
      {
        label: "Multi-Region trail",
        code: `resource "aws_cloudtrail" "this" {
  name                          = "TRAIL_NAME"
  s3_bucket_name                = "BUCKET_NAME"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = "KMS_KEY_ARN"
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
  },
  "xc.credentials-in-urls": {
    inPlace: false,
    steps:
      "Treat the credential as exposed: rotate it at its issuer first, then edit the setting that holds the URL (the row names the resource and field) so it carries no secret, and pass credentials in request headers or through the OAuth authorization code flow.",
    docs: "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html",
  },
  "xc.fips-endpoints": {
    inPlace: false,
    steps:
      "A client setting, not an AWS resource: where FIPS 140 validated cryptography is required, set use_fips_endpoint = true in the AWS config file (or AWS_USE_FIPS_ENDPOINT=true) for those workloads' SDKs and CLI, in Regions that offer FIPS endpoints.",
    docs: "https://docs.aws.amazon.com/sdkref/latest/guide/feature-endpoints.html",
  },
  "xc.iam-user-console-mfa": {
    inPlace: true,
    steps:
      "MFA is set up by the user (or an administrator with the device) in the IAM console; prefer federation through IAM Identity Center. If the user does not need the console, remove the password instead.",
    cli: [
      {
        label: "Remove the console password (no console access needed)",
        code: `aws iam delete-login-profile --user-name {userName}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_checking-status.html",
  },
  "xc.kms-key-rotation": {
    inPlace: true,
    cli: [
      {
        label: "Turn on automatic rotation",
        code: `aws kms enable-key-rotation --region {region} --key-id {keyId} --rotation-period-in-days 365`,
        note: "For a multi-Region key, run it on the primary key.",
      },
    ],
    terraform: [
      {
        label: "Rotation on the key",
        code: `resource "aws_kms_key" "this" {
  enable_key_rotation     = true
  rotation_period_in_days = 365
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
  },
  "xc.kms-key-usable": {
    inPlace: true,
    cli: [
      {
        label: "Cancel the scheduled deletion",
        code: `aws kms cancel-key-deletion --region {region} --key-id {keyId}`,
        note: "A key whose deletion is cancelled comes back disabled: enable it next.",
        when: (row) => evidence(row, "keyState") === "PendingDeletion",
      },
      {
        label: "Enable the key",
        code: `aws kms enable-key --region {region} --key-id {keyId}`,
      },
    ],
    terraform: [
      {
        label: "Key enabled",
        code: `resource "aws_kms_key" "this" {
  is_enabled = true
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-cancelling-key-deletion.html",
  },
  "xc.macie-automated-discovery": {
    inPlace: true,
    steps: "In an organization, run it from the Macie administrator account.",
    cli: [
      {
        label: "Turn on automated sensitive data discovery",
        code: `aws macie2 update-automated-discovery-configuration --region {region} --status ENABLED`,
      },
    ],
    docs: "https://docs.aws.amazon.com/macie/latest/APIReference/automated-discovery-configuration.html",
  },
  "xc.macie-enabled": {
    inPlace: true,
    cli: [
      {
        label: "Resume the paused Macie session",
        code: `aws macie2 update-macie-session --region {region} --status ENABLED`,
        when: (row) => evidence(row, "macieStatus") === "PAUSED",
      },
      {
        label: "Enable Macie in the Region",
        code: `aws macie2 enable-macie --region {region} --status ENABLED`,
        when: (row) => evidence(row, "macieStatus") !== "PAUSED",
      },
    ],
    terraform: [
      {
        label: "Macie enabled",
        code: `resource "aws_macie2_account" "this" {
  status = "ENABLED"
}`,
      },
    ],
    docs: "https://docs.aws.amazon.com/macie/latest/APIReference/macie.html",
  },
  "xc.pii-in-names-tags": {
    inPlace: true,
    steps:
      "A tag can be removed and re-added with an opaque value in place. A name usually cannot change: create a new resource with an opaque name and move to it. Keep customer identifiers in encrypted data stores, not in resource metadata.",
    cli: [
      {
        label: "Remove the tag",
        code: `aws resourcegroupstaggingapi untag-resources --region {region} --resource-arn-list {resourceArn} --tag-keys {tagKey}`,
        note: "For services the Resource Groups Tagging API does not cover, use the service's own untag call.",
        when: (row) => /^tag "/.test(row.field ?? ""),
      },
    ],
    docs: "https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/overview.html",
  },
  "xc.root-access-keys": {
    inPlace: true,
    steps:
      "Sign in as the root user, open Security credentials and delete the access keys (only the root user can), after moving whatever used them to IAM roles. In an AWS Organizations member account, centralized root access can delete them from the management account.",
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#lock-away-credentials",
  },
  "xc.root-mfa": {
    inPlace: true,
    steps:
      "Sign in as the root user, open Security credentials and assign an MFA device, preferably a FIDO security key. Only the root user can do this; in AWS Organizations member accounts consider removing root credentials with centralized root access.",
    docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
  },
  "xc.tls-client-versions": {
    inPlace: false,
    steps:
      "A client change, not an AWS setting: upgrade the runtime or SDK of each caller the row lists so it negotiates TLS 1.2 or 1.3.",
    docs: "https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/",
  },
};
