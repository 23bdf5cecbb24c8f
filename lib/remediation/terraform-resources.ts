/**
 * The Terraform resource types and arguments the remediation catalog may use, each checked by hand
 * against the AWS provider's documentation page given (the provider's own docs, website/docs/r/ in
 * hashicorp/terraform-provider-aws). Nested blocks are written as paths: `rule.bucket_key_enabled`.
 * catalog.test.ts fails on any resource type or argument of a snippet that is not listed here, so
 * adding one means checking it against its page first.
 */

export interface VettedResource {
  /** The registry page the arguments were checked against. */
  doc: string;
  arguments: readonly string[];
}

const doc = (type: string) =>
  `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/${type.replace(/^aws_/, "")}`;

function vetted(type: string, args: readonly string[]): [string, VettedResource] {
  return [type, { doc: doc(type), arguments: args }];
}

export const TERRAFORM_RESOURCES: Readonly<Record<string, VettedResource>> = Object.fromEntries([
  vetted("aws_cloudtrail", [
    "name",
    "s3_bucket_name",
    "kms_key_id",
    "enable_log_file_validation",
    "is_multi_region_trail",
    "include_global_service_events",
  ]),
  vetted("aws_cognito_identity_pool", ["identity_pool_name", "allow_unauthenticated_identities", "allow_classic_flow"]),
  vetted("aws_cognito_user_pool", [
    "name",
    "deletion_protection",
    "mfa_configuration",
    "software_token_mfa_configuration",
    "software_token_mfa_configuration.enabled",
    "user_pool_add_ons",
    "user_pool_add_ons.advanced_security_mode",
  ]),
  vetted("aws_cognito_user_pool_client", [
    "name",
    "user_pool_id",
    "allowed_oauth_flows",
    "allowed_oauth_flows_user_pool_client",
    "explicit_auth_flows",
    "prevent_user_existence_errors",
    "enable_token_revocation",
  ]),
  vetted("aws_connect_instance_storage_config", [
    "instance_id",
    "resource_type",
    "storage_config",
    "storage_config.storage_type",
    "storage_config.s3_config",
    "storage_config.s3_config.bucket_name",
    "storage_config.s3_config.bucket_prefix",
    "storage_config.s3_config.encryption_config",
    "storage_config.s3_config.encryption_config.encryption_type",
    "storage_config.s3_config.encryption_config.key_id",
    "storage_config.kinesis_video_stream_config",
    "storage_config.kinesis_video_stream_config.prefix",
    "storage_config.kinesis_video_stream_config.retention_period_hours",
    "storage_config.kinesis_video_stream_config.encryption_config",
    "storage_config.kinesis_video_stream_config.encryption_config.encryption_type",
    "storage_config.kinesis_video_stream_config.encryption_config.key_id",
  ]),
  vetted("aws_elasticache_replication_group", [
    "replication_group_id",
    "description",
    "snapshot_name",
    "node_type",
    "at_rest_encryption_enabled",
    "kms_key_id",
    "transit_encryption_enabled",
    "transit_encryption_mode",
    "user_group_ids",
  ]),
  vetted("aws_elasticache_serverless_cache", ["name", "engine", "user_group_id"]),
  vetted("aws_elasticache_user", [
    "user_id",
    "user_name",
    "engine",
    "access_string",
    "authentication_mode",
    "authentication_mode.type",
  ]),
  vetted("aws_elasticache_user_group", ["user_group_id", "engine", "user_ids"]),
  vetted("aws_iam_account_password_policy", [
    "minimum_password_length",
    "require_symbols",
    "require_numbers",
    "require_uppercase_characters",
    "require_lowercase_characters",
    "password_reuse_prevention",
    "allow_users_to_change_password",
  ]),
  vetted("aws_kinesis_firehose_delivery_stream", [
    "name",
    "server_side_encryption",
    "server_side_encryption.enabled",
    "server_side_encryption.key_type",
    "server_side_encryption.key_arn",
  ]),
  vetted("aws_kinesis_stream", ["name", "encryption_type", "kms_key_id"]),
  vetted("aws_kms_key", ["enable_key_rotation", "rotation_period_in_days", "is_enabled"]),
  vetted("aws_macie2_account", ["status"]),
  vetted("aws_s3_bucket_server_side_encryption_configuration", [
    "bucket",
    "rule",
    "rule.bucket_key_enabled",
    "rule.apply_server_side_encryption_by_default",
    "rule.apply_server_side_encryption_by_default.sse_algorithm",
    "rule.apply_server_side_encryption_by_default.kms_master_key_id",
  ]),
  vetted("aws_vpc_endpoint", [
    "vpc_id",
    "service_name",
    "vpc_endpoint_type",
    "subnet_ids",
    "security_group_ids",
    "private_dns_enabled",
  ]),
]);

/**
 * The CloudFormation resource types and properties the catalog uses (only where Terraform has no
 * resource), checked against the CloudFormation template reference page given.
 */
export const CLOUDFORMATION_RESOURCES: Readonly<Record<string, VettedResource>> = {
  "AWS::Personalize::DatasetGroup": {
    doc: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-personalize-datasetgroup.html",
    arguments: ["Name", "KmsKeyArn", "RoleArn"],
  },
};
