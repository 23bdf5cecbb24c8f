import type { Control } from "../types";
import { control as appClientImplicitGrant } from "./app-client-implicit-grant";
import { control as appClientPasswordAuth } from "./app-client-password-auth";
import { control as appClientUserExistenceErrors } from "./app-client-user-existence-errors";
import { control as awsManagedEncryption } from "./aws-managed-encryption";
import { control as identityPoolClassicFlow } from "./identity-pool-classic-flow";
import { control as identityPoolUnauthenticated } from "./identity-pool-unauthenticated";
import { control as userActivityLogging } from "./user-activity-logging";
import { control as userPoolDeletionProtection } from "./user-pool-deletion-protection";
import { control as userPoolMfa } from "./user-pool-mfa";
import { control as userPoolThreatProtection } from "./user-pool-threat-protection";

export const cognitoControls: readonly Control[] = [
  appClientImplicitGrant,
  appClientPasswordAuth,
  appClientUserExistenceErrors,
  awsManagedEncryption,
  identityPoolClassicFlow,
  identityPoolUnauthenticated,
  userActivityLogging,
  userPoolDeletionProtection,
  userPoolMfa,
  userPoolThreatProtection,
];
