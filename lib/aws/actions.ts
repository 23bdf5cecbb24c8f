/**
 * Command → IAM action map (docs/controls.md#permissions). The action names a failed call in the scan-coverage
 * banner and links it to the controls whose `meta.requires` lists the same action.
 *
 * Callers pass command names as string literals rather than `Command.name`: bundlers may minify
 * class names, and the action must stay right in a production build.
 */

/** Commands whose IAM action is not `<prefix>:<operation>`; `null` means no permission is needed. */
const ACTION_EXCEPTIONS: ReadonlyMap<string, string | null> = new Map([
  ["GetBucketEncryptionCommand", "s3:GetEncryptionConfiguration"],
  ["GetBucketLocationCommand", "s3:GetBucketLocation"],
  ["GetResourcesCommand", "tag:GetResources"],
  ["GetCallerIdentityCommand", null],
]);

/**
 * The IAM action a command needs, e.g. `("DescribeUsersCommand", "elasticache")` →
 * `elasticache:DescribeUsers`. Returns undefined for calls that need no permission
 * (`sts:GetCallerIdentity`).
 */
export function iamActionFor(commandName: string, prefix: string): string | undefined {
  if (ACTION_EXCEPTIONS.has(commandName)) return ACTION_EXCEPTIONS.get(commandName) ?? undefined;
  const operation = commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
  return `${prefix}:${operation}`;
}
