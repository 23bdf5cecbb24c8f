// Types for listen-policy.mjs, so TypeScript callers (lib/env.ts, the proxy, tests) share its checks.
export type EnvSource = Record<string, string | undefined>;

export interface AuthConfig {
  /** The shared bearer token (SAFEKEEP_AUTH_TOKEN). */
  token?: string;
  /** The Basic-auth pair (SAFEKEEP_BASIC_AUTH). */
  basic?: { user: string; password: string };
}

export type ListenDecision =
  { ok: true; host: string; authenticated: boolean } | { ok: false; host: string; message: string };

export type ServerDecision =
  { ok: true; addresses: string[]; authenticated: boolean } | { ok: false; addresses: string[]; message: string };

export interface StrengthEstimate {
  /** Estimated bits, patterns priced at their guess counts. */
  bits: number;
  /** For machine secrets: the bits the same length of random characters from the secret's alphabet holds. */
  nominalBits?: number;
  /** The kinds of pattern found, in words ("a repeated block"), never the text. */
  patterns: string[];
}

export const MIN_TOKEN_LENGTH: number;
export const MIN_SECRET_BITS: number;
export const MIN_PASSWORD_LENGTH: number;
export const MIN_PASSWORD_BITS: number;
export const GENERATE_HINT: string;
export function isLoopbackHost(host: string): boolean;
export function estimateSecretBits(value: string, userInputs?: string[]): Required<StrengthEstimate>;
export function estimatePasswordBits(value: string, userInputs?: string[]): StrengthEstimate;
export function secretProblems(name: string, value: string | undefined, minBits?: number): string[];
export function authSettingsProblems(source: EnvSource): string[];
export function authConfig(source: EnvSource): AuthConfig | undefined;
export function authenticationConfigured(source: EnvSource): boolean;
export function standaloneListenAddress(source: EnvSource): string;
export function exposedMessage(address: string): string;
export function listenDecision(source: EnvSource): ListenDecision;
export function serverDecision(source: EnvSource, addresses?: string[]): ServerDecision;
