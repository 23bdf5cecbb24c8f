/**
 * Credentials in configured URLs (docs/controls.md#url-credentials): callback URLs, approved origins, OIDC provider
 * URLs and URLs written into names or tags. Pure. Findings describe where a secret is, never the
 * secret; `redactUrl` gives the only form of a flagged URL that may be stored or shown.
 *
 * A parameter is judged by its name AND its value. Names that can only mean a credential
 * (`client_secret`, `private_token`, `session_id`, `aws_secret_access_key`...) fail with any real
 * value; short or overloaded names (`sig`, `auth`, `pass`, `key`) fail only with a value that looks
 * like a secret (random, long, a known token shape), so `auth=sso`, `pass=through` and `sig=none`
 * pass. Known token shapes (JWT, AWS access key ids, GitHub, Slack, Stripe, Google... keys) fail
 * wherever they sit, and so do the secret path segments of webhook URLs (Slack, Teams, Discord).
 * `lib/detectors/corpus/urls.ts` generates the clean and the secret-bearing URLs that hold this.
 */

export type UrlRule =
  | "userinfo"
  | "credential-parameter"
  | "key-parameter"
  | "presigned-url"
  | "aws-access-key"
  | "jwt"
  | "known-token"
  | "webhook-secret"
  | "high-entropy-value"
  | "cleartext-http";

export interface UrlFinding {
  rule: UrlRule;
  severity: "fail" | "warn";
  /** What was found and where (parameter name, rule); never the value. */
  detail: string;
}

const REDACTED = "***";
/** The generic entropy rule (any parameter name): long and close to random base64. */
const MIN_ENTROPY_LENGTH = 32;
const MIN_ENTROPY_BITS = 4.0;
/** A value "looks like a secret" for an overloaded name: this long, this varied, two character classes. */
const SECRET_MIN_LENGTH = 16;
const SECRET_MIN_ENTROPY = 3.0;
/** Below this, an overloaded name's mixed value (`sig=abc123`) is too short to be anything but a flag. */
const MIXED_MIN_LENGTH = 6;

// --- Parameter names -------------------------------------------------------------------------

/**
 * Endings of a parameter name (lower-cased, words joined) that can only name a credential. Matched
 * on the joined words, so `client_secret`, `ClientSecret`, `client-secret` and `X_API_KEY` agree.
 */
const CREDENTIAL_ENDINGS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "secretkey",
  "secretaccesskey",
  "token",
  "apikey",
  "privatekey",
  "accesskey",
  "signingkey",
  "encryptionkey",
  "masterkey",
  "sharedkey",
  "subscriptionkey",
  "sessionid",
  "sessid",
  "sessionkey",
  "signature",
  "credential",
  "credentials",
  "authorization",
  "bearer",
  "codeverifier",
] as const;

/** Credentials whose last word is `id`, which otherwise marks an identifier (`client_id`, `tenant_id`). */
const CREDENTIAL_IDS = ["sessionid", "sessid", "accesskeyid"] as const;

/** Names with a credential ending that are not credentials: pagination and idempotency tokens. */
const NOT_CREDENTIALS = new Set([
  "nexttoken",
  "pagetoken",
  "nextpagetoken",
  "continuationtoken",
  "paginationtoken",
  "synctoken",
  "resumptiontoken",
  "idempotencytoken",
  "clienttoken",
  "cursortoken",
]);

/**
 * Last words that make a name about a credential rather than the credential itself:
 * `token_endpoint_auth_method`, `secret_name`, `token_type`, `password_reset_url`, `access_token_ttl`.
 */
const NON_SECRET_HEADS = new Set([
  "url",
  "uri",
  "endpoint",
  "method",
  "methods",
  "type",
  "name",
  "arn",
  "id",
  "ids",
  "length",
  "expiry",
  "expires",
  "expiration",
  "ttl",
  "timeout",
  "lifetime",
  "hint",
  "format",
  "mode",
  "version",
  "scope",
  "scopes",
  "path",
  "header",
  "field",
  "param",
  "enabled",
  "required",
  "policy",
  "location",
  "alg",
  "algorithm",
  "kind",
  "count",
  "size",
  "prefix",
  "hash",
  "status",
  "style",
]);

/** Short or overloaded names: a credential only when the value looks like one. */
const OVERLOADED_NAMES = new Set(["sig", "auth", "pass", "pwd", "pw", "hmac", "sid", "session", "s", "k"]);
/** `key` is the most overloaded of all (lookup keys, object keys): a middling value only warns. */
const KEY_NAMES = new Set(["key", "keys"]);

/** Names whose values are generated identifiers, not secrets: the entropy rule does not apply. */
const IDENTIFIER_NAMES = new Set([
  "id",
  "uuid",
  "guid",
  "nonce",
  "etag",
  "commit",
  "sha",
  "rev",
  "revision",
  "build",
  "digest",
  "checksum",
  "cursor",
  "v",
  "ver",
  "version",
  ...NOT_CREDENTIALS,
]);

type NameClass = "credential" | "overloaded" | "key" | "identifier" | "plain";

/** The words of a parameter name: split at separators and camelCase humps, lower-cased. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

export function classifyParameterName(name: string): NameClass {
  const words = nameWords(name);
  const joined = words.join("");
  if (joined === "") return "plain";
  if (NOT_CREDENTIALS.has(joined)) return "identifier";
  if (CREDENTIAL_IDS.some((ending) => joined.endsWith(ending))) return "credential";
  const head = words.at(-1)!;
  if (words.length > 1 && NON_SECRET_HEADS.has(head)) return head === "id" || head === "ids" ? "identifier" : "plain";
  if (CREDENTIAL_ENDINGS.some((ending) => joined.endsWith(ending))) return "credential";
  if (OVERLOADED_NAMES.has(joined)) return "overloaded";
  if (KEY_NAMES.has(joined)) return "key";
  if (IDENTIFIER_NAMES.has(joined) || head === "id") return "identifier";
  return "plain";
}

// --- Values ----------------------------------------------------------------------------------

/** Values that stand for "no secret here": empty, booleans, masks and templates. */
const PLACEHOLDERS = new Set([
  "none",
  "null",
  "nil",
  "undefined",
  "true",
  "false",
  "yes",
  "no",
  "on",
  "off",
  "0",
  "1",
  "-",
  "n/a",
  "na",
  "redacted",
  "hidden",
  "masked",
  "removed",
  "required",
  "optional",
]);
const TEMPLATE = /^(?:\{\{.*\}\}|\$\{.*\}|\{[^{}]*\}|<[^<>]*>|%[sd]|\$[A-Z_][A-Z0-9_]*|:[a-z_]+|%\([a-z_]+\)s)$/i;
const MASK_ONLY = /^(?:[*•#]+|x{3,}|X{3,})$/;
/** Words and word phrases (`sso`, `through`, `read-only`): what a flag or mode looks like, not a secret. */
const WORD_LIKE = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)(?:[-_ .](?:[a-z]+|[A-Z][a-z]+|[A-Z]+))*$/;
const SMALL_NUMBER = /^\d{1,3}$/;
const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const VERSION_VALUE = /^v?\d+(?:\.\d+)+$/;
const EMAIL_VALUE = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** One segment of a readable path: a word, a number, a date or a file name (`reports/2024/01/summary.csv`). */
const PATH_SEGMENT = /^(?:[a-z]+(?:[-_][a-z]+)*|[A-Z]?[a-z]+|\d+|\d{4}-\d{2}(?:-\d{2})?|[\w-]+\.[a-z0-9]{1,5})$/;
const HEX_VALUE = /^[0-9a-f]+$/i;

function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === "" || PLACEHOLDERS.has(trimmed.toLowerCase()) || TEMPLATE.test(trimmed) || MASK_ONLY.test(trimmed);
}

/** A path whose every segment reads as a word, number, date or file name; base64 with `/` does not. */
function isReadablePath(value: string): boolean {
  if (!value.includes("/")) return false;
  const segments = value.split("/").filter((segment) => segment !== "");
  return segments.length > 0 && segments.every((segment) => PATH_SEGMENT.test(segment));
}

/** A value with a recognisable non-secret structure: a URL, an address, a date, a version, a path. */
function isStructured(value: string): boolean {
  return (
    value.includes("://") ||
    UUID_VALUE.test(value) ||
    DATE_VALUE.test(value) ||
    VERSION_VALUE.test(value) ||
    EMAIL_VALUE.test(value) ||
    isReadablePath(value)
  );
}

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
}

/** Shannon entropy in bits per character: ~3.5 for English words and hex, 5+ for random base64. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Random-looking: long, varied, mixing character classes (or a long hex string). */
function looksRandom(value: string): boolean {
  if (value.length >= 32 && HEX_VALUE.test(value)) return true;
  return (
    value.length >= SECRET_MIN_LENGTH &&
    characterClasses(value) >= 2 &&
    shannonEntropy(value) >= SECRET_MIN_ENTROPY &&
    !WORD_LIKE.test(value)
  );
}

/** Not a flag, a word, a small number or a structured value: something a secret could be. */
function couldBeSecret(value: string): boolean {
  const trimmed = value.trim();
  return !isPlaceholder(trimmed) && !WORD_LIKE.test(trimmed) && !SMALL_NUMBER.test(trimmed) && !isStructured(trimmed);
}

// --- Known token shapes ----------------------------------------------------------------------

interface TokenShape {
  rule: "aws-access-key" | "jwt" | "known-token";
  label: string;
  pattern: RegExp;
}

/** Credential formats whose prefix or structure names them: a finding wherever in the URL they sit. */
const TOKEN_SHAPES: readonly TokenShape[] = [
  { rule: "aws-access-key", label: "AWS access key ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  {
    rule: "jwt",
    label: "JSON Web Token",
    pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    rule: "known-token",
    label: "GitHub token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{22,255})\b/g,
  },
  { rule: "known-token", label: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { rule: "known-token", label: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  {
    rule: "known-token",
    label: "Stripe secret key",
    pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}/g,
  },
  { rule: "known-token", label: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    rule: "known-token",
    label: "SendGrid API key",
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  { rule: "known-token", label: "npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { rule: "known-token", label: "OpenAI API key", pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/g },
  { rule: "known-token", label: "Shopify token", pattern: /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/g },
];

function tokenShapesIn(text: string): TokenShape[] {
  return TOKEN_SHAPES.filter((shape) => {
    shape.pattern.lastIndex = 0;
    return shape.pattern.test(text);
  });
}

function redactTokenShapes(text: string): string {
  let out = text;
  for (const shape of TOKEN_SHAPES) out = out.replace(shape.pattern, REDACTED);
  return out;
}

// --- Webhook paths ---------------------------------------------------------------------------

interface WebhookRule {
  label: string;
  host: RegExp;
  /** Path prefix (kept) followed by the secret part (redacted). */
  path: RegExp;
}

/** Webhook URLs whose path is the credential: anyone holding it can post as the integration. */
const WEBHOOKS: readonly WebhookRule[] = [
  {
    label: "Slack webhook",
    host: /^hooks\.slack(?:-gov)?\.com$/i,
    path: /^(\/(?:services|workflows|triggers)\/[A-Z0-9]+\/[A-Z0-9]+\/)(.+)$/i,
  },
  {
    label: "Microsoft Teams webhook",
    host: /(?:^|\.)(?:webhook\.office\.com|outlook\.office(?:365)?\.com)$/i,
    path: /^(\/webhook(?:b2)?\/[^/]+\/IncomingWebhook\/)(.+)$/i,
  },
  {
    label: "Discord webhook",
    host: /^(?:(?:ptb|canary)\.)?discord(?:app)?\.com$/i,
    path: /^(\/api(?:\/v\d+)?\/webhooks\/\d+\/)(.+)$/i,
  },
  {
    label: "Zapier webhook",
    host: /^hooks\.zapier\.com$/i,
    path: /^(\/hooks\/catch\/\d+\/)(.+)$/i,
  },
];

/** `/hooks/<secret>`-style paths of other services (Mattermost, CI systems): a random segment after a hook segment. */
const HOOK_SEGMENT = /^(?:hooks?|webhooks?|incoming-?webhooks?)$/i;

interface PathResult {
  path: string;
  findings: UrlFinding[];
}

function inspectPath(host: string, path: string): PathResult {
  for (const rule of WEBHOOKS) {
    if (!rule.host.test(host)) continue;
    const match = rule.path.exec(path);
    if (match) {
      return {
        path: `${match[1]}${REDACTED}`,
        findings: [{ rule: "webhook-secret", severity: "fail", detail: `${rule.label} secret in the URL path` }],
      };
    }
  }
  const segments = path.split("/");
  const findings: UrlFinding[] = [];
  let afterHook = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = decodeComponent(segments[i]!);
    const previous = i > 0 ? decodeComponent(segments[i - 1]!) : "";
    const previousClass = previous === "" ? "plain" : classifyParameterName(previous);
    // `/token/<value>` and `/key/<random>` (IFTTT-style): a path written like a parameter. A `/keys/<id>`
    // or `/session/<word>` segment is a resource path, so overloaded names need a random value.
    const secretAfterName =
      previousClass === "credential"
        ? couldBeSecret(segment) && segment.length >= MIXED_MIN_LENGTH
        : (previousClass === "key" || previousClass === "overloaded") && looksRandom(segment);
    if ((afterHook && looksRandom(segment) && segment.length >= 20) || secretAfterName) {
      findings.push({
        rule: "webhook-secret",
        severity: "fail",
        detail: "secret-like path segment of a webhook or key URL",
      });
      segments[i] = REDACTED;
    }
    afterHook ||= HOOK_SEGMENT.test(segment);
  }
  return { path: findings.length > 0 ? segments.join("/") : path, findings: findings.slice(0, 1) };
}

// --- Parsing ---------------------------------------------------------------------------------

const USERINFO_FALLBACK = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]*@/i;
/** The authority ends at `/`, `?` or `#` for a URL that parses; an unparseable one may hide those in a password. */
const AUTHORITY_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i;
const AUTHORITY_USERINFO_FALLBACK = /^([a-z][a-z0-9+.-]*:\/\/)[^/\s]*@/i;
const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'<>]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** How deep URLs inside parameter values are followed (a redirect target that itself carries a token). */
const MAX_NESTING = 2;

function decodeComponent(raw: string): string {
  const plus = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

interface Parameter {
  raw: string;
  rawName: string;
  rawValue?: string;
  name: string;
  value: string;
}

function parseParameters(part: string): Parameter[] {
  if (part === "") return [];
  return part.split("&").map((raw) => {
    const equals = raw.indexOf("=");
    const rawName = equals < 0 ? raw : raw.slice(0, equals);
    const rawValue = equals < 0 ? undefined : raw.slice(equals + 1);
    return {
      raw,
      rawName,
      rawValue,
      name: decodeComponent(rawName),
      value: rawValue === undefined ? "" : decodeComponent(rawValue),
    };
  });
}

/** The URL split like the WHATWG parser does: query from the first `?`, fragment from the first `#`. */
function splitUrl(url: string): { base: string; query?: string; fragment?: string } {
  const hash = url.indexOf("#");
  const beforeFragment = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : url.slice(hash + 1);
  const question = beforeFragment.indexOf("?");
  if (question < 0) return { base: beforeFragment, fragment };
  return { base: beforeFragment.slice(0, question), query: beforeFragment.slice(question + 1), fragment };
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || LOOPBACK_IPV4.test(hostname);
}

// --- Rules -----------------------------------------------------------------------------------

/** Several parameters together that make a signed URL, whatever their values. */
function isPresigned(names: ReadonlySet<string>): boolean {
  return (
    (names.has("xamzsignature") && names.has("xamzcredential")) || // S3 / SigV4
    (names.has("xgoogsignature") && names.has("xgoogcredential")) || // Google Cloud Storage
    (names.has("signature") && names.has("keypairid")) || // CloudFront
    (names.has("signature") && names.has("awsaccesskeyid")) || // S3 / SigV2
    (names.has("sig") && names.has("sv") && (names.has("se") || names.has("sp"))) // Azure SAS
  );
}

type Verdict = { rule: "credential-parameter" | "key-parameter" | "high-entropy-value"; detail: string } | undefined;

function judgeParameter(parameter: Parameter, label: string): Verdict {
  const value = parameter.value;
  if (value === "" || isPlaceholder(value)) return undefined;
  const nameClass = classifyParameterName(parameter.name);
  switch (nameClass) {
    case "credential":
      // The name can only mean a credential: any real value is one (`password=hunter2`).
      if (value.includes("://")) return undefined;
      return { rule: "credential-parameter", detail: `credential in ${label}` };
    case "overloaded":
      // A UUID under `auth` or `sig` is a bearer token as often as not; other structures are not secrets.
      if (isStructured(value) && !UUID_VALUE.test(value)) return undefined;
      if (looksRandom(value) || (couldBeSecret(value) && value.trim().length >= MIXED_MIN_LENGTH)) {
        return { rule: "credential-parameter", detail: `credential in ${label}` };
      }
      return undefined;
    case "key":
      if (isStructured(value) && !UUID_VALUE.test(value)) return undefined;
      if (looksRandom(value) && !UUID_VALUE.test(value))
        return { rule: "credential-parameter", detail: `API key in ${label}` };
      if (couldBeSecret(value) && value.trim().length >= MIXED_MIN_LENGTH) {
        return { rule: "key-parameter", detail: `${label} may hold an API key` };
      }
      return undefined;
    case "identifier":
      return undefined;
    default:
      // A known token shape in the value is reported (and redacted) by its own rule.
      if (
        value.length >= MIN_ENTROPY_LENGTH &&
        !isStructured(value) &&
        shannonEntropy(value) >= MIN_ENTROPY_BITS &&
        tokenShapesIn(value).length === 0
      ) {
        return { rule: "high-entropy-value", detail: `${label} has a secret-like random value` };
      }
      return undefined;
  }
}

const SEVERITY: Record<UrlRule, "fail" | "warn"> = {
  userinfo: "fail",
  "credential-parameter": "fail",
  "key-parameter": "warn",
  "presigned-url": "fail",
  "aws-access-key": "fail",
  jwt: "fail",
  "known-token": "fail",
  "webhook-secret": "fail",
  "high-entropy-value": "warn",
  "cleartext-http": "warn",
};

interface Analysis {
  findings: UrlFinding[];
  redacted: string;
}

/** Parameter rules for one query or fragment; returns the redacted parameter string. */
function inspectParameters(part: string, where: "query" | "fragment", findings: UrlFinding[], depth: number): string {
  const parameters = parseParameters(part);
  const names = new Set(parameters.map((p) => nameWords(p.name).join("")));
  if (isPresigned(names)) {
    findings.push({ rule: "presigned-url", severity: "fail", detail: "pre-signed URL persisted in configuration" });
  }
  return parameters
    .map((parameter) => {
      const label = `${where} parameter "${parameter.name.slice(0, 40)}"`;
      const verdict = judgeParameter(parameter, label);
      if (verdict) {
        findings.push({ rule: verdict.rule, severity: SEVERITY[verdict.rule], detail: verdict.detail });
        return `${parameter.rawName}=${REDACTED}`;
      }
      // A URL inside a parameter (a redirect target) is judged as a URL of its own.
      if (depth < MAX_NESTING && parameter.rawValue !== undefined && parameter.value.includes("://")) {
        const nested = analyse(parameter.value.trim(), depth + 1);
        const secrets = nested.findings.filter((f) => f.rule !== "cleartext-http");
        if (secrets.length > 0) {
          for (const finding of secrets) findings.push({ ...finding, detail: `${finding.detail}, inside ${label}` });
          return `${parameter.rawName}=${encodeURIComponent(nested.redacted)}`;
        }
      }
      return redactTokenShapes(parameter.raw);
    })
    .join("&");
}

function analyse(url: string, depth = 0): Analysis {
  const findings: UrlFinding[] = [];
  const parsed = parseUrl(url);

  // Rule 1: userinfo.
  const hasUserinfo = parsed ? parsed.username !== "" || parsed.password !== "" : USERINFO_FALLBACK.test(url);
  if (hasUserinfo) {
    findings.push({ rule: "userinfo", severity: "fail", detail: "user name or password (userinfo) in the URL" });
  }
  const userinfoPattern = parsed ? AUTHORITY_USERINFO : AUTHORITY_USERINFO_FALLBACK;
  const withoutUserinfo = hasUserinfo ? url.replace(userinfoPattern, `$1${REDACTED}@`) : url;

  // Rule 2: credentials in query and fragment parameters, judged by name and value.
  const { base, query, fragment } = splitUrl(withoutUserinfo);
  const redactedQuery = query === undefined ? undefined : inspectParameters(query, "query", findings, depth);
  const redactedFragment =
    fragment === undefined
      ? undefined
      : fragment.includes("=")
        ? inspectParameters(fragment, "fragment", findings, depth)
        : redactTokenShapes(fragment);

  // Rule 3: secrets in the path (webhooks) and known token shapes anywhere.
  let redactedBase = base;
  const authority = AUTHORITY.exec(base);
  if (authority && parsed) {
    const path = inspectPath(parsed.hostname, authority[2]!);
    findings.push(...path.findings);
    redactedBase = authority[1] + path.path;
  }
  for (const shape of tokenShapesIn(url)) {
    findings.push({ rule: shape.rule, severity: "fail", detail: `${shape.label} in the URL` });
  }

  // Rule 4: cleartext transport; custom app schemes (myapp://) are not network transports.
  if (parsed?.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    findings.push({ rule: "cleartext-http", severity: "warn", detail: "http:// to a non-loopback host (cleartext)" });
  }

  // Rule 5: the only form of the URL that may be stored.
  let redacted = redactTokenShapes(redactedBase);
  if (redactedQuery !== undefined) redacted += `?${redactedQuery}`;
  if (redactedFragment !== undefined) redacted += `#${redactedFragment}`;
  return { findings, redacted };
}

const RULE_ORDER: readonly UrlRule[] = [
  "userinfo",
  "credential-parameter",
  "key-parameter",
  "presigned-url",
  "aws-access-key",
  "jwt",
  "known-token",
  "webhook-secret",
  "high-entropy-value",
  "cleartext-http",
];

/** Every rule of docs/controls.md#url-credentials that the URL breaks (all hits, in rule order). */
export function inspectUrl(url: string): UrlFinding[] {
  return analyse(url).findings.sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule));
}

/** The URL with userinfo, flagged parameter values, webhook secrets and token shapes replaced by `***`. */
export function redactUrl(url: string): string {
  return analyse(url).redacted;
}

/** URLs written inside free text (names, descriptions, tag values), without trailing punctuation. */
export function findUrls(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((match) => match[0].replace(TRAILING_PUNCTUATION, ""));
}
