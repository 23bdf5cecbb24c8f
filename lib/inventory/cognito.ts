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

/**
 * What threat protection does about risky sign-ins, from DescribeRiskConfiguration at the user pool
 * level (app clients can override it with their own). Values pass through as the API returns them;
 * undefined means the configuration sets no action there.
 */
export interface RiskConfiguration {
  /** Adaptive authentication, per risk level: BLOCK, MFA_IF_CONFIGURED, MFA_REQUIRED or NO_ACTION. */
  lowAction?: string;
  mediumAction?: string;
  highAction?: string;
  /** Compromised-credentials detection: BLOCK or NO_ACTION. */
  compromisedCredentialsAction?: string;
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
  /**
   * Pool-level risk configuration; asked only when threat protection is ENFORCED (it acts on nothing
   * otherwise), so undefined when not asked or when the call failed.
   */
  riskConfiguration?: RiskConfiguration;
  /**
   * Whether the pool has a DefineAuthChallenge Lambda trigger, without which no custom authentication
   * flow can sign anyone in. Undefined: not known (then a custom flow is assumed usable).
   */
  customAuthTrigger?: boolean;
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
