import path from "node:path";
import { z } from "zod";
import { authConfig, authSettingsProblems, type AuthConfig } from "@/scripts/listen-policy.mjs";
import {
  credentialRole,
  oidcConfig,
  oidcSettingsProblems,
  type CredentialRole,
  type OidcConfig,
} from "@/scripts/oidc-policy.mjs";

/** The severities, most severe first, as lib/controls/types.ts lists them (a test keeps the two equal). */
export const NOTIFY_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;

export interface NotifySettings {
  slackUrl?: string;
  teamsUrl?: string;
  webhook?: { url: string; secret: string };
  /** A drop of the overall score by at least this many points is reported. */
  scoreDrop: number;
  /** Findings below this severity are left out of messages. */
  minSeverity: (typeof NOTIFY_SEVERITIES)[number];
  /** Where people reach the dashboard, for links in messages; no links without it. */
  dashboardUrl?: string;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** An address a delivery may go to: https, or http to this machine only (a test's receiver); no user or password. */
export function deliverableUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return url.hostname !== "";
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
// Webhook URLs hold their token and the secret is a key: no message repeats a value.
const webhookUrl = z.preprocess(
  blankAsUnset,
  z
    .string()
    .trim()
    .refine(
      deliverableUrl,
      "must be an https URL (http only to 127.0.0.1, [::1] or localhost), without user or password",
    )
    .optional(),
);
const POINTS = "must be a whole number of points from 1 to 100";
/** More reverse proxies in front of the server than this is a configuration mistake. */
export const MAX_TRUSTED_PROXY_HOPS = 10;
const HOPS = `must be a whole number of proxies from 0 to ${MAX_TRUSTED_PROXY_HOPS}`;
const notifyFields = {
  SAFEKEEP_NOTIFY_SLACK_URL: webhookUrl,
  SAFEKEEP_NOTIFY_TEAMS_URL: webhookUrl,
  SAFEKEEP_NOTIFY_WEBHOOK_URL: webhookUrl,
  SAFEKEEP_NOTIFY_WEBHOOK_SECRET: z.preprocess(
    blankAsUnset,
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  SAFEKEEP_NOTIFY_SCORE_DROP: z.preprocess(
    blankAsUnset,
    z.coerce.number({ message: POINTS }).int(POINTS).min(1, POINTS).max(100, POINTS).default(5),
  ),
  SAFEKEEP_NOTIFY_MIN_SEVERITY: z.preprocess(
    (value) => (typeof blankAsUnset(value) === "string" ? (value as string).trim().toLowerCase() : undefined),
    z.enum(NOTIFY_SEVERITIES, { message: `must be one of ${NOTIFY_SEVERITIES.join(", ")}` }).default("high"),
  ),
  SAFEKEEP_NOTIFY_DASHBOARD_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^/?#]+/.test(v) && URL.canParse(v), "must be an http or https URL")
      .optional(),
  ),
};

const OIDC_NAMES = [
  "SAFEKEEP_OIDC_ISSUER",
  "SAFEKEEP_OIDC_CLIENT_ID",
  "SAFEKEEP_OIDC_CLIENT_SECRET",
  "SAFEKEEP_PUBLIC_URL",
  "SAFEKEEP_SESSION_SECRET",
  "SAFEKEEP_SESSION_SECRET_PREVIOUS",
  "SAFEKEEP_OIDC_VIEWER_GROUPS",
  "SAFEKEEP_OIDC_OPERATOR_GROUPS",
  "SAFEKEEP_OIDC_ADMIN_GROUPS",
  "SAFEKEEP_OIDC_GROUPS_CLAIM",
  "SAFEKEEP_OIDC_SCOPES",
  "SAFEKEEP_OIDC_ID_TOKEN_ALG",
  "SAFEKEEP_AUTH_TOKEN_ROLE",
  "SAFEKEEP_BASIC_AUTH_ROLE",
] as const;
const OIDC_FIELDS = Object.fromEntries(OIDC_NAMES.map((name) => [name, z.string().optional()])) as Record<
  (typeof OIDC_NAMES)[number],
  z.ZodOptional<z.ZodString>
>;
/** The sign-in variables alone, as text (oidc-policy.mjs reads text, like the start script). */
const oidcSource = (source: Partial<Record<(typeof OIDC_NAMES)[number], string>>) =>
  Object.fromEntries(OIDC_NAMES.map((name) => [name, source[name]]));

/** The authentication variables alone (the start script's checks read text; the score drop is a number by now). */
const authSource = (source: {
  SAFEKEEP_AUTH_TOKEN?: string;
  SAFEKEEP_BASIC_AUTH?: string;
  SAFEKEEP_SESSION_SECRET?: string;
  SAFEKEEP_SESSION_SECRET_PREVIOUS?: string;
}) => ({
  SAFEKEEP_AUTH_TOKEN: source.SAFEKEEP_AUTH_TOKEN,
  SAFEKEEP_BASIC_AUTH: source.SAFEKEEP_BASIC_AUTH,
  SAFEKEEP_SESSION_SECRET: source.SAFEKEEP_SESSION_SECRET,
  SAFEKEEP_SESSION_SECRET_PREVIOUS: source.SAFEKEEP_SESSION_SECRET_PREVIOUS,
});

/** What the fields cannot say alone: the generic webhook needs its secret, and a secret needs its webhook. */
function notifySettingsProblems(source: {
  SAFEKEEP_NOTIFY_WEBHOOK_URL?: string;
  SAFEKEEP_NOTIFY_WEBHOOK_SECRET?: string;
}) {
  const problems: string[] = [];
  if (source.SAFEKEEP_NOTIFY_WEBHOOK_URL && !source.SAFEKEEP_NOTIFY_WEBHOOK_SECRET)
    problems.push("SAFEKEEP_NOTIFY_WEBHOOK_URL needs SAFEKEEP_NOTIFY_WEBHOOK_SECRET (the key receivers verify with)");
  if (!source.SAFEKEEP_NOTIFY_WEBHOOK_URL && source.SAFEKEEP_NOTIFY_WEBHOOK_SECRET)
    problems.push("SAFEKEEP_NOTIFY_WEBHOOK_SECRET is set without SAFEKEEP_NOTIFY_WEBHOOK_URL");
  return problems;
}

/** A whole number from `min` to `max`, `fallback` when unset or blank. */
function wholeSetting(min: number, max: number, fallback: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.preprocess(
    blankAsUnset,
    z.coerce.number({ message }).int(message).min(min, message).max(max, message).default(fallback),
  );
}

/**
 * Safekeep's own settings: `SAFEKEEP_*` variables, parsed once. AWS settings (profile, region,
 * endpoints, FIPS) are deliberately not here: the AWS SDK reads them itself, exactly as the CLI does.
 */
const envSchema = z
  .object({
    SAFEKEEP_DATA_DIR: z.string().min(1).default(".data"),
    // Auth settings are checked by the same code as the start script (scripts/listen-policy.mjs), so a
    // server started some other way cannot run with a token the script would have refused.
    SAFEKEEP_AUTH_TOKEN: z.string().optional(),
    SAFEKEEP_BASIC_AUTH: z.string().optional(),
    // Sign-in through the organisation's identity provider, and the roles of the shared credentials:
    // checked as a whole by scripts/oidc-policy.mjs, like the start script does.
    ...OIDC_FIELDS,
    // The tag key that names a resource's owner in the findings view (`owner`, `team`): an AWS tag key
    // is at most 128 characters. Empty counts as unset, as an exported but blank variable means.
    SAFEKEEP_OWNER_TAG: z
      .string()
      .max(128, "must be a tag key of at most 128 characters")
      .regex(/^[^\u0000-\u001f\u007f]*$/, "must not hold control characters")
      .optional(),
    // Notifications after each scan (lib/notify): webhook URLs, the signing secret, thresholds.
    ...notifyFields,
    // Exports rendered off the server's thread (lib/report/render-pool.ts): the worker threads, and
    // how many more exports may wait for one before the server answers 503.
    SAFEKEEP_EXPORT_WORKERS: wholeSetting(1, 8, 2, "worker threads"),
    SAFEKEEP_EXPORT_QUEUE: wholeSetting(0, 100, 8, "waiting exports"),
    // How many reverse proxies of our own stand in front of the server: the client's address, which
    // login throttling counts by, is then read from X-Forwarded-For (lib/security/client-address.ts).
    SAFEKEEP_TRUSTED_PROXY_HOPS: z.preprocess(
      blankAsUnset,
      z.coerce.number({ message: HOPS }).int(HOPS).min(0, HOPS).max(MAX_TRUSTED_PROXY_HOPS, HOPS).default(0),
    ),
  })
  .superRefine((source, context) => {
    for (const message of authSettingsProblems(authSource(source))) context.addIssue({ code: "custom", message });
    for (const message of oidcSettingsProblems(oidcSource(source))) context.addIssue({ code: "custom", message });
    for (const message of notifySettingsProblems(source)) context.addIssue({ code: "custom", message });
  });

export type SafekeepEnv = {
  dataDir: string;
  /** Undefined: no shared token or Basic pair (without OIDC either, the server answers loopback host names only). */
  auth?: AuthConfig;
  /** Sign-in through the organisation's identity provider, when configured. */
  oidc?: OidcConfig;
  /** The role of a caller holding the shared token (automation). */
  tokenRole: CredentialRole;
  /** The role of a caller holding SAFEKEEP_BASIC_AUTH's pair. */
  basicRole: CredentialRole;
  /** The tag key whose value is a finding's owner (`owner=` filter, owner column and grouping). */
  ownerTag: string;
  /** Worker threads that render exports (PDFs, large CSV/JSON/OCSF). */
  exportWorkers: number;
  /** Exports that may wait for a worker; beyond them the server answers 503. */
  exportQueue: number;
  /** Where and what to notify after each scan; no channel set up: nothing is sent. */
  notify: NotifySettings;
  /** Reverse proxies of our own in front of the server (0: the TCP peer is the client). */
  trustedProxyHops: number;
};

/** The same default as the findings query's (lib/snapshot/findings-query.ts), kept here so settings import nothing heavy. */
const DEFAULT_OWNER_TAG = "owner";

let cached: SafekeepEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): SafekeepEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    throw new Error(`Invalid Safekeep configuration: ${problems}`);
  }
  return {
    dataDir: path.resolve(parsed.data.SAFEKEEP_DATA_DIR),
    auth: authConfig(authSource(parsed.data)),
    oidc: oidcConfig(oidcSource(parsed.data)),
    tokenRole: credentialRole(oidcSource(parsed.data), "SAFEKEEP_AUTH_TOKEN_ROLE", "operator"),
    basicRole: credentialRole(oidcSource(parsed.data), "SAFEKEEP_BASIC_AUTH_ROLE", "admin"),
    ownerTag: parsed.data.SAFEKEEP_OWNER_TAG || DEFAULT_OWNER_TAG,
    exportWorkers: parsed.data.SAFEKEEP_EXPORT_WORKERS,
    exportQueue: parsed.data.SAFEKEEP_EXPORT_QUEUE,
    notify: notifySettingsOf(parsed.data),
    trustedProxyHops: parsed.data.SAFEKEEP_TRUSTED_PROXY_HOPS,
  };
}

function notifySettingsOf(data: z.infer<typeof envSchema>): NotifySettings {
  const url = data.SAFEKEEP_NOTIFY_WEBHOOK_URL;
  const secret = data.SAFEKEEP_NOTIFY_WEBHOOK_SECRET;
  return {
    ...(data.SAFEKEEP_NOTIFY_SLACK_URL ? { slackUrl: data.SAFEKEEP_NOTIFY_SLACK_URL } : {}),
    ...(data.SAFEKEEP_NOTIFY_TEAMS_URL ? { teamsUrl: data.SAFEKEEP_NOTIFY_TEAMS_URL } : {}),
    ...(url && secret ? { webhook: { url, secret } } : {}),
    scoreDrop: data.SAFEKEEP_NOTIFY_SCORE_DROP,
    minSeverity: data.SAFEKEEP_NOTIFY_MIN_SEVERITY,
    ...(data.SAFEKEEP_NOTIFY_DASHBOARD_URL
      ? { dashboardUrl: data.SAFEKEEP_NOTIFY_DASHBOARD_URL.replace(/\/+$/, "") }
      : {}),
  };
}

export function env(): SafekeepEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
