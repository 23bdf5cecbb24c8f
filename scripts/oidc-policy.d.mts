// Types for oidc-policy.mjs (see there).
import type { EnvSource } from "./listen-policy.mjs";

export type CredentialRole = "viewer" | "operator" | "admin";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where people reach the dashboard, without a trailing slash. */
  publicUrl: string;
  redirectUri: string;
  /** The current session secret first, then the previous one while rotating. */
  sessionSecrets: string[];
  /** The ID token's signing algorithm (asymmetric; RS256 unless set). */
  idTokenAlg: string;
  groupsClaim: string;
  scopes: string;
  groups: Record<CredentialRole, string[]>;
}

export const CREDENTIAL_ROLES: readonly CredentialRole[];
export const ID_TOKEN_ALGS: readonly string[];
export function groupList(value: string | undefined): string[];
export function oidcSettingsProblems(source: EnvSource): string[];
export function oidcConfig(source: EnvSource): OidcConfig | undefined;
export function credentialRole(source: EnvSource, name: string, fallback: CredentialRole): CredentialRole;
