/** Amazon Cognito inventory: user pools with their app clients, and identity pools, per region. */
import type { Tag } from "./common";

export interface MfaFactors {
  sms: boolean;
  softwareToken: boolean;
  email: boolean;
  webAuthn: boolean;
}

export interface LogConfiguration {
  eventSource?: string;
  logLevel?: string;
  destination: "cloudwatch-logs" | "s3" | "firehose" | "unknown";
}

export interface AppClient {
  clientId: string;
  name: string;
  userPoolId: string;
  region: string;
  explicitAuthFlows: string[];
  allowedOAuthFlows: string[];
  allowedOAuthFlowsUserPoolClient: boolean;
  callbackUrls: string[];
  logoutUrls: string[];
  defaultRedirectUri?: string;
  supportedIdentityProviders: string[];
  preventUserExistenceErrors?: string;
  enableTokenRevocation?: boolean;
  /** Whether the client has a secret. The secret itself is dropped by the collector, never stored. */
  hasSecret: boolean;
}

export interface UserPool {
  id: string;
  name: string;
  arn: string;
  region: string;
  mfaConfiguration?: "OFF" | "ON" | "OPTIONAL";
  /** From GetUserPoolMfaConfig (only asked when MFA is not OFF). */
  mfaFactors?: MfaFactors;
  deletionProtection?: "ACTIVE" | "INACTIVE";
  advancedSecurityMode?: "OFF" | "AUDIT" | "ENFORCED";
  userPoolTier?: "LITE" | "ESSENTIALS" | "PLUS";
  keyConfiguration?: { keyType?: string; kmsKeyArn?: string };
  tags: Tag[];
  domain?: string;
  customDomain?: string;
  estimatedNumberOfUsers?: number;
  /** Undefined when GetLogDeliveryConfiguration failed; [] when nothing is configured. */
  logConfigurations?: LogConfiguration[];
  /** Undefined when the client list failed. */
  clients?: AppClient[];
}

export interface IdentityPool {
  id: string;
  name: string;
  arn: string;
  region: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow?: boolean;
  tags: Tag[];
  /** From GetIdentityPoolRoles (asked only when guest access is on). */
  roles?: { authenticated?: string; unauthenticated?: string };
}

export interface CognitoRegionInventory {
  region: string;
  userPools: UserPool[];
  identityPools: IdentityPool[];
}

export interface CognitoInventory {
  regions: CognitoRegionInventory[];
}
