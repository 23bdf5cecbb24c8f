import type { Control } from "../types";
import { control as accessKeyRotation } from "./access-key-rotation";
import { control as adminUsersWithKeys } from "./admin-users-with-keys";
import { control as awsManagedEncryption } from "./aws-managed-encryption";
import { control as leastPrivilegeNoStar } from "./least-privilege-no-star";
import { control as passwordPolicy } from "./password-policy";
import { control as rootRecentUse } from "./root-recent-use";
import { control as unusedCredentials } from "./unused-credentials";
import { control as vpcEndpoint } from "./vpc-endpoint";

export const iamControls: readonly Control[] = [
  accessKeyRotation,
  adminUsersWithKeys,
  awsManagedEncryption,
  leastPrivilegeNoStar,
  passwordPolicy,
  rootRecentUse,
  unusedCredentials,
  vpcEndpoint,
];
