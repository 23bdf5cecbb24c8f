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

export const MIN_TOKEN_LENGTH: number;
export const MIN_PASSWORD_LENGTH: number;
export function isLoopbackHost(host: string): boolean;
export function authSettingsProblems(source: EnvSource): string[];
export function authConfig(source: EnvSource): AuthConfig | undefined;
export function listenDecision(source: EnvSource): ListenDecision;
