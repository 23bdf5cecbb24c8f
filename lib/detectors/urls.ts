/**
 * Credentials in configured URLs (controls.md §3.2): callback URLs, approved origins, OIDC provider
 * URLs and URLs written into names or tags. Pure. Findings describe where a secret is, never the
 * secret; `redactUrl` gives the only form of a flagged URL that may be stored or shown.
 */

export type UrlRule =
  | "userinfo"
  | "credential-parameter"
  | "key-parameter"
  | "presigned-url"
  | "aws-access-key"
  | "jwt"
  | "high-entropy-value"
  | "cleartext-http";

export interface UrlFinding {
  rule: UrlRule;
  severity: "fail" | "warn";
  /** What was found and where (parameter name, rule); never the value. */
  detail: string;
}

/** Parameter names that carry credentials, compared lower-cased with `-` and `_` removed (§3.2.1 rule 2). */
export const CREDENTIAL_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  "accesstoken",
  "idtoken",
  "refreshtoken",
  "token",
  "authtoken",
  "auth",
  "authorization",
  "bearer",
  "apikey",
  "xapikey",
  "secret",
  "clientsecret",
  "password",
  "passwd",
  "pwd",
  "pass",
  "sessiontoken",
  "xamzsecuritytoken",
  "xamzcredential",
  "xamzsignature",
  "signature",
  "sig",
  "awsaccesskeyid",
  "privatekey",
  "codeverifier",
]);

/** Ambiguous: often an API key, sometimes a harmless lookup key. */
const KEY_PARAMETER = "key";
const REDACTED = "***";
const MIN_ENTROPY_LENGTH = 32;
const MIN_ENTROPY_BITS = 4.0;

const USERINFO_FALLBACK = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]*@/i;
/** The authority ends at `/`, `?` or `#` for a URL that parses; an unparseable one may hide those in a password. */
const AUTHORITY_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i;
const AUTHORITY_USERINFO_FALLBACK = /^([a-z][a-z0-9+.-]*:\/\/)[^/\s]*@/i;
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'<>]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

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

function normaliseParameterName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, "");
}

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
  name: string;
  value: string;
}

function parseParameters(part: string): Parameter[] {
  if (part === "") return [];
  return part.split("&").map((raw) => {
    const equals = raw.indexOf("=");
    const rawName = equals < 0 ? raw : raw.slice(0, equals);
    return {
      raw,
      rawName,
      name: decodeComponent(rawName),
      value: equals < 0 ? "" : decodeComponent(raw.slice(equals + 1)),
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

function hasSecretShape(text: string): boolean {
  AWS_ACCESS_KEY_ID.lastIndex = 0;
  JWT.lastIndex = 0;
  return AWS_ACCESS_KEY_ID.test(text) || JWT.test(text);
}

function redactSecretShapes(text: string): string {
  return text.replace(AWS_ACCESS_KEY_ID, REDACTED).replace(JWT, REDACTED);
}

interface Analysis {
  findings: UrlFinding[];
  redacted: string;
}

/** Rule 2 and the entropy half of rule 3 for one parameter list; returns the redacted parameter string. */
function inspectParameters(part: string, where: "query" | "fragment", findings: UrlFinding[]): string {
  const parameters = parseParameters(part);
  const names = new Set(parameters.map((p) => normaliseParameterName(p.name)));
  if (names.has("xamzsignature") && names.has("xamzcredential")) {
    findings.push({ rule: "presigned-url", severity: "fail", detail: "pre-signed URL persisted in configuration" });
  }
  return parameters
    .map((parameter) => {
      const normalised = normaliseParameterName(parameter.name);
      const label = `${where} parameter "${parameter.name.slice(0, 40)}"`;
      if (parameter.value !== "" && CREDENTIAL_PARAMETER_NAMES.has(normalised)) {
        findings.push({ rule: "credential-parameter", severity: "fail", detail: `credential in ${label}` });
        return `${parameter.rawName}=${REDACTED}`;
      }
      if (parameter.value !== "" && normalised === KEY_PARAMETER) {
        findings.push({ rule: "key-parameter", severity: "warn", detail: `${label} may hold an API key` });
        return `${parameter.rawName}=${REDACTED}`;
      }
      // A value that is itself a URL (a redirect target) is long and varied without being a secret.
      const candidate = parameter.value;
      if (
        candidate.length >= MIN_ENTROPY_LENGTH &&
        !candidate.includes("://") &&
        !hasSecretShape(candidate) &&
        shannonEntropy(candidate) >= MIN_ENTROPY_BITS
      ) {
        findings.push({
          rule: "high-entropy-value",
          severity: "warn",
          detail: `${label} has a secret-like random value`,
        });
        return `${parameter.rawName}=${REDACTED}`;
      }
      return redactSecretShapes(parameter.raw);
    })
    .join("&");
}

function analyse(url: string): Analysis {
  const findings: UrlFinding[] = [];
  const parsed = parseUrl(url);

  // Rule 1: userinfo.
  const hasUserinfo = parsed ? parsed.username !== "" || parsed.password !== "" : USERINFO_FALLBACK.test(url);
  if (hasUserinfo) {
    findings.push({ rule: "userinfo", severity: "fail", detail: "user name or password (userinfo) in the URL" });
  }
  const userinfoPattern = parsed ? AUTHORITY_USERINFO : AUTHORITY_USERINFO_FALLBACK;
  const withoutUserinfo = hasUserinfo ? url.replace(userinfoPattern, `$1${REDACTED}@`) : url;

  // Rule 2 (and rule 3's entropy check) on query and fragment parameters.
  const { base, query, fragment } = splitUrl(withoutUserinfo);
  const redactedQuery = query === undefined ? undefined : inspectParameters(query, "query", findings);
  const redactedFragment =
    fragment === undefined
      ? undefined
      : fragment.includes("=")
        ? inspectParameters(fragment, "fragment", findings)
        : redactSecretShapes(fragment);

  // Rule 3: secret-shaped values anywhere.
  AWS_ACCESS_KEY_ID.lastIndex = 0;
  if (AWS_ACCESS_KEY_ID.test(url)) {
    findings.push({ rule: "aws-access-key", severity: "fail", detail: "AWS access key ID in the URL" });
  }
  JWT.lastIndex = 0;
  if (JWT.test(url)) findings.push({ rule: "jwt", severity: "fail", detail: "JSON Web Token in the URL" });

  // Rule 4: cleartext transport; custom app schemes (myapp://) are not network transports.
  if (parsed?.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    findings.push({ rule: "cleartext-http", severity: "warn", detail: "http:// to a non-loopback host (cleartext)" });
  }

  // Rule 5: the only form of the URL that may be stored.
  let redacted = redactSecretShapes(base);
  if (redactedQuery !== undefined) redacted += `?${redactedQuery}`;
  if (redactedFragment !== undefined) redacted += `#${redactedFragment}`;
  return { findings, redacted };
}

/** Every rule of controls.md §3.2.1 that the URL breaks (all hits, in rule order). */
export function inspectUrl(url: string): UrlFinding[] {
  const order: UrlRule[] = [
    "userinfo",
    "credential-parameter",
    "key-parameter",
    "presigned-url",
    "aws-access-key",
    "jwt",
    "high-entropy-value",
    "cleartext-http",
  ];
  return analyse(url).findings.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}

/** The URL with userinfo, flagged parameter values, access key ids and JWTs replaced by `***`. */
export function redactUrl(url: string): string {
  return analyse(url).redacted;
}

/** URLs written inside free text (names, descriptions, tag values), without trailing punctuation. */
export function findUrls(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((match) => match[0].replace(TRAILING_PUNCTUATION, ""));
}
