/**
 * Generated test corpora for the credentials-in-URL detector (lib/detectors/urls.ts).
 *
 * - `cleanUrls`: configured URLs as accounts really hold them (Cognito callback and logout URLs,
 *   Connect origins and integrations, OIDC providers, S3 paths, documentation links), with ordinary
 *   parameters, generated ids, pagination tokens, redirect targets, and credential-sounding names
 *   with harmless values (`auth=sso`, `pass=through`, `sig=none`, `token_type=bearer`). None may be
 *   flagged, and redaction must leave each unchanged.
 * - `secretUrls`: URLs that carry a credential: userinfo, credential parameters under every spelling
 *   of their names, overloaded names with secret-looking values, known token shapes in any position,
 *   webhook URLs whose path is the secret, pre-signed URLs, and redirect targets that carry a token.
 *   Each must be flagged and its secret must not survive redaction.
 *
 * Deterministic (seeded); nothing here reads the network or the clock.
 */
import { ALNUM, BASE64URL, DIGITS, LOWER, pad, Random, UPPER } from "./random";

export interface CleanUrl {
  category: string;
  url: string;
}

export interface SecretUrl {
  category: string;
  url: string;
  /** Every secret in the URL as written: none may appear in the redacted form or in a finding's detail. */
  secrets: readonly string[];
  /** The least severe verdict expected: `warn` only for the ambiguous `key=` with a middling value. */
  severity: "fail" | "warn";
}

const COMPANIES = ["corp", "acme", "contoso", "globex", "initech", "umbrella", "hooli", "northwind"];
const TLDS = ["org", "com", "io", "co.uk", "de", "net"];
const APP_WORDS = ["app", "portal", "shop", "admin", "auth", "api", "console", "crm", "support", "agents"];
const PATH_WORDS = [
  "callback",
  "auth",
  "oauth2",
  "signin",
  "logout",
  "signed-out",
  "home",
  "v1",
  "v2",
  "hooks",
  "events",
  "orders",
];

function host(r: Random): string {
  return `${r.pick(APP_WORDS)}${r.chance(0.2) ? `-${r.pick(["eu", "us", "staging", "dev"])}` : ""}.${r.pick(COMPANIES)}.${r.pick(TLDS)}`;
}

function path(r: Random): string {
  return Array.from({ length: r.int(0, 3) }, () => r.pick(PATH_WORDS)).join("/");
}

/** Parameter name spellings as different frameworks write the same words. */
function spell(r: Random, words: readonly string[]): string {
  switch (r.int(0, 5)) {
    case 0:
      return words.join("_");
    case 1:
      return words.join("-");
    case 2:
      return (
        words[0]! +
        words
          .slice(1)
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join("")
      );
    case 3:
      return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
    case 4:
      return words.join("_").toUpperCase();
    default:
      return words.join("");
  }
}

function randomToken(r: Random, length: number): string {
  return r.chars(ALNUM, length);
}

function isoDate(r: Random): string {
  return `${r.int(2019, 2027)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
}

// ---------------------------------------------------------------------------------------------
// Clean URLs
// ---------------------------------------------------------------------------------------------

/** Innocent parameters; the values are what such parameters really hold. */
const CLEAN_PARAMETERS: readonly ((r: Random) => string)[] = [
  (r) => `lang=${r.pick(["en-GB", "de-DE", "fr", "ja"])}`,
  (r) => `tab=${r.pick(["overview", "settings", "billing"])}`,
  (r) => `region=${r.pick(["eu-west-1", "us-east-1", "ap-south-1"])}`,
  (r) =>
    `utm_source=${r.pick(["newsletter", "cognito", "partner"])}&utm_medium=email&utm_campaign=${r.pick(["spring", "q3-launch"])}`,
  (r) => `ref=${r.pick(["main", "release-2024.1", "v2.3.1"])}`,
  (r) => `page=${r.int(1, 50)}&per_page=${r.pick([20, 50, 100])}`,
  (r) => `version=${isoDate(r)}`,
  (r) => `response_type=${r.pick(["code", "token", "id_token"])}`,
  (r) => `client_id=${r.chars(LOWER + DIGITS, 26)}`,
  (r) => `scope=${r.pick(["openid+email", "openid%20profile", "aws.cognito.signin.user.admin"])}`,
  () => "code_challenge_method=S256",
  (r) => `state=${r.pick(["signup", "login", "return-to-cart"])}`,
  () => "prompt=login",
  (r) => `id=${r.uuid()}`,
  (r) => `versionId=${r.chars(ALNUM + "._", 32)}`,
  (r) => `uploadId=${r.chars(ALNUM + "._-", 64)}`,
  (r) => `requestId=${r.uuid()}`,
  (r) => `nextToken=${r.chars(BASE64URL, r.int(40, 120))}`,
  (r) => `NextPageToken=${r.chars(BASE64URL, 48)}`,
  (r) => `ClientToken=${r.uuid()}`,
  (r) => `tenantId=${r.uuid()}&groupId=${r.uuid()}`,
  (r) => `commit=${r.hex(40)}`,
  (r) => `etag=${r.hex(32)}`,
  (r) => `nonce=${randomToken(r, 24)}`,
  (r) => `sort=${r.pick(["asc", "desc"])}&filter=${r.pick(["active", "all"])}`,
  (r) => `q=${r.pick(["orders", "cache+latency", "weekly%20recs"])}`,
  (r) => `date=${isoDate(r)}T${pad(r.int(0, 23))}:00:00Z`,
  // Credential-sounding names with harmless values.
  (r) => `auth=${r.pick(["sso", "none", "oidc", "saml", "basic"])}`,
  (r) => `pass=${r.pick(["through", "none", "all"])}`,
  (r) => `sig=${r.pick(["none", "v2", "required"])}`,
  () => "token=",
  () => "password=",
  () => "token_endpoint_auth_method=client_secret_basic",
  (r) => `secret_name=${r.pick(["prod/db", "orders-api", "rds!cluster-1"])}`,
  () => "token_type=bearer",
  (r) => `key=${r.pick(["orders", "reports/2024/01/summary.csv", "customer", "en"])}`,
  () => "api_key_header=X-Api-Key",
  (r) => `password_reset_url=https%3A%2F%2F${host(r)}%2Freset`,
  (r) => `session_timeout=${r.pick([900, 3600, 28800])}`,
  (r) => `auth_mode=${r.pick(["oauth2", "iam", "none"])}`,
  () => "signature_version=4",
  (r) => `sig_alg=${r.pick(["RS256", "ES256"])}`,
  (r) => `access_token_ttl=${r.pick([300, 3600])}`,
  () => "secret=${SECRET}",
  () => "password={{password}}",
  () => "apikey=<API_KEY>",
  () => "token=REDACTED",
  () => "key=***",
  () => "access_token=",
  (r) => `session=${r.pick(["new", "resume"])}`,
  (r) => `redirect_uri=${encodeURIComponent(`https://${host(r)}/${path(r)}`)}`,
  (r) => `logout_uri=${encodeURIComponent(`https://${host(r)}/signed-out?lang=en-GB`)}`,
];

function cleanQuery(r: Random): string {
  const count = r.int(0, 3);
  if (count === 0) return "";
  return `?${Array.from({ length: count }, () => r.pick(CLEAN_PARAMETERS)(r)).join("&")}`;
}

const CLEAN_URLS: readonly [string, (r: Random) => string][] = [
  ["Cognito callback URL", (r) => `https://${host(r)}/${path(r)}${cleanQuery(r)}`],
  ["Cognito logout URL", (r) => `https://${host(r)}/${r.pick(["logout", "signed-out", ""])}${cleanQuery(r)}`],
  [
    "hosted UI URL",
    (r) =>
      `https://${r.pick(COMPANIES)}-${r.pick(["prod", "dev"])}.auth.${r.pick(["eu-west-1", "us-east-1"])}.amazoncognito.com/oauth2/authorize${cleanQuery(r)}`,
  ],
  [
    "loopback callback",
    (r) =>
      `http://${r.pick(["localhost", "127.0.0.1", "[::1]"])}:${r.pick([3000, 8080, 5173])}/${path(r)}${cleanQuery(r)}`,
  ],
  [
    "custom scheme",
    (r) => `${r.pick(["myapp", "com.corp.app", "exp+orders"])}://${r.pick(["callback", "auth", "signout"])}`,
  ],
  ["Connect access URL", (r) => `https://${r.pick(COMPANIES)}-${r.pick(["support", "cc"])}.my.connect.aws/`],
  ["Connect approved origin", (r) => `https://${host(r)}`],
  [
    "integration URL",
    (r) => `https://${host(r)}/${r.pick(["crm", "tickets", "cases"])}/${r.int(1, 9999)}${cleanQuery(r)}`,
  ],
  [
    "OIDC provider",
    (r) =>
      r.pick([
        "token.actions.githubusercontent.com",
        `oidc.eks.${r.pick(["us-east-1", "eu-west-1"])}.amazonaws.com/id/${r.hex(32).toUpperCase()}`,
        `https://${host(r)}`,
      ]),
  ],
  [
    "S3 path",
    (r) =>
      `s3://${r.pick(COMPANIES)}-${r.pick(["exports", "datasets", "logs"])}-${r.int(1000, 9999)}/${r.int(2019, 2027)}/${pad(r.int(1, 12))}/part-${pad(r.int(0, 99999), 5)}-${r.uuid()}.parquet`,
  ],
  [
    "webhook endpoint without a secret",
    (r) =>
      `https://${host(r)}/${r.pick(["webhooks", "hooks", "events"])}/${r.pick(["orders", "deploys", "incidents"])}${cleanQuery(r)}`,
  ],
  ["Slack channel link", (r) => `https://${r.pick(COMPANIES)}.slack.com/archives/C${r.chars(UPPER + DIGITS, 10)}`],
  [
    "Teams channel link",
    (r) =>
      `https://teams.microsoft.com/l/channel/19%3a${r.hex(32)}%40thread.tacv2/General?groupId=${r.uuid()}&tenantId=${r.uuid()}`,
  ],
  ["Discord channel link", (r) => `https://discord.com/channels/${r.digits(18)}/${r.digits(18)}`],
  [
    "GitHub commit",
    (r) => `https://github.com/${r.pick(COMPANIES)}/${r.pick(["orders", "infra"])}/commit/${r.hex(40)}`,
  ],
  [
    "documentation link",
    (r) =>
      `https://docs.aws.amazon.com/${r.pick(["cognito", "connect", "personalize"])}/latest/developerguide/${r.pick(["data-protection", "security"])}.html#${r.pick(["encryption", "token-endpoint", "key-management"])}`,
  ],
  [
    "console deep link",
    (r) =>
      `https://${r.pick(["eu-west-1", "us-east-1"])}.console.aws.amazon.com/elasticache/home?region=${r.pick(["eu-west-1", "us-east-1"])}#/redis/${r.pick(["orders-001", "sessions"])}`,
  ],
  [
    "JWKS URL",
    (r) =>
      `https://cognito-idp.${r.pick(["eu-west-1", "us-east-1"])}.amazonaws.com/${r.pick(["eu-west-1", "us-east-1"])}_${r.chars(ALNUM, 9)}/.well-known/jwks.json`,
  ],
  ["API key management path", (r) => `https://${host(r)}/api/keys/${r.pick(["list", "rotate", "new"])}`],
  ["token endpoint", (r) => `https://${host(r)}/oauth2/token`],
];

/** URLs that must not be flagged, and that redaction must leave unchanged. */
export function cleanUrls(seed = 20260201, perKind = 250): CleanUrl[] {
  const r = new Random(seed);
  return CLEAN_URLS.flatMap(([category, make]) => Array.from({ length: perKind }, () => ({ category, url: make(r) })));
}

// ---------------------------------------------------------------------------------------------
// Secret-bearing URLs
// ---------------------------------------------------------------------------------------------

/** Names that can only hold a credential, as word lists (spelled every way by `spell`). */
const CREDENTIAL_NAMES: readonly (readonly string[])[] = [
  ["access", "token"],
  ["id", "token"],
  ["refresh", "token"],
  ["private", "token"],
  ["auth", "token"],
  ["session", "token"],
  ["session", "id"],
  ["client", "secret"],
  ["secret", "key"],
  ["aws", "secret", "access", "key"],
  ["api", "key"],
  ["x", "api", "key"],
  ["api", "secret"],
  ["password"],
  ["passwd"],
  ["passphrase"],
  ["secret"],
  ["token"],
  ["signature"],
  ["subscription", "key"],
  ["signing", "key"],
  ["webhook", "secret"],
  ["consumer", "secret"],
  ["oauth", "token", "secret"],
  ["private", "key"],
  ["code", "verifier"],
  ["x", "amz", "security", "token"],
  ["jsessionid"],
  ["phpsessid"],
  ["authorization"],
  ["bearer"],
];

/** Values secrets really take: random tokens of many lengths and alphabets, and human passwords. */
function secretValue(r: Random): string {
  switch (r.int(0, 6)) {
    case 0:
      return randomToken(r, r.int(16, 64));
    case 1:
      return r.hex(r.pick([32, 40, 64]));
    case 2:
      return `${r.chars(ALNUM + "+/", r.int(20, 40))}==`;
    case 3:
      return r.chars(BASE64URL, r.int(20, 86));
    case 4:
      return r.pick(["hunter2", "changeme", "Summer2024!", "P@ssw0rd", "letmein123", "correct-horse-battery"]);
    case 5:
      return r.uuid();
    default:
      return `${r.chars(LOWER, 4)}${r.digits(4)}${r.chars(LOWER, 2)}`;
  }
}

function awsAccessKeyId(r: Random): string {
  return `${r.pick(["AKIA", "ASIA"])}${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
}

function jwt(r: Random): string {
  const part = (length: number) => r.chars(BASE64URL, length);
  return `eyJ${part(r.int(12, 30))}.eyJ${part(r.int(20, 120))}.${part(43)}`;
}

/** Token formats with the prefix that names them. */
const KNOWN_TOKENS: readonly ((r: Random) => string)[] = [
  awsAccessKeyId,
  jwt,
  (r) => `${r.pick(["ghp", "gho", "ghs", "ghu"])}_${r.chars(ALNUM, 36)}`,
  (r) => `github_pat_${r.chars(ALNUM + "_", 82)}`,
  (r) => `glpat-${r.chars(ALNUM + "-_", 20)}`,
  (r) => `xox${r.pick(["b", "p", "a", "r"])}-${r.digits(12)}-${r.digits(13)}-${r.chars(ALNUM, 24)}`,
  (r) => `${r.pick(["sk", "rk"])}_${r.pick(["live", "test"])}_${r.chars(ALNUM, r.int(24, 99))}`,
  (r) => `whsec_${r.chars(ALNUM, 32)}`,
  (r) => `AIza${r.chars(ALNUM + "_-", 35)}`,
  (r) => `SG.${r.chars(ALNUM + "_-", 22)}.${r.chars(ALNUM + "_-", 43)}`,
  (r) => `npm_${r.chars(ALNUM, 36)}`,
  (r) => `sk-proj-${r.chars(ALNUM + "_-", 48)}`,
  (r) => `shpat_${r.hex(32)}`,
];

function innocentName(r: Random): string {
  return r.pick(["state", "ref", "data", "q", "next", "t", "payload", "cb", "ctx", "x"]);
}

type SecretMaker = (r: Random) => Omit<SecretUrl, "category">;

const SECRET_URLS: readonly [string, SecretMaker][] = [
  [
    "userinfo with a password",
    (r) => {
      const [user, password] = [
        r.pick(["admin", "deploy", "svc-orders", "root"]),
        secretValue(r).replace(/[@/?#:%]/g, ""),
      ];
      return {
        url: `${r.pick(["https", "ftp", "redis", "postgres"])}://${user}:${encodeURIComponent(password)}@${host(r)}/${path(r)}`,
        secrets: [`${user}:`, encodeURIComponent(password)],
        severity: "fail",
      };
    },
  ],
  [
    "credential parameter in the query",
    (r) => {
      const value = secretValue(r);
      const name = spell(r, r.pick(CREDENTIAL_NAMES));
      const encoded = encodeURIComponent(value);
      return {
        url: `https://${host(r)}/${path(r)}?${r.pick(CLEAN_PARAMETERS.slice(0, 8))(r)}&${name}=${encoded}`,
        secrets: [encoded],
        severity: "fail",
      };
    },
  ],
  [
    "credential parameter in the fragment",
    (r) => {
      const value = r.chance(0.5) ? jwt(r) : randomToken(r, r.int(20, 48));
      const name = spell(r, r.pick(CREDENTIAL_NAMES.slice(0, 8)));
      return {
        url: `https://${host(r)}/callback#${name}=${value}&state=${r.pick(["login", "signup"])}`,
        secrets: [value],
        severity: "fail",
      };
    },
  ],
  [
    "overloaded name with a secret-looking value",
    (r) => {
      const name = r.pick(["sig", "auth", "pass", "pwd", "hmac", "Sig", "AUTH", "Pass"]);
      // A plain word (`changeme`) under `pass` reads like `pass=through`: the value must look like a secret.
      let value = `${r.chars(LOWER, 3)}${r.digits(3)}`;
      if (r.chance(0.7))
        do value = secretValue(r);
        while (/^[A-Za-z]+(?:-[A-Za-z]+)*$/.test(value));
      const encoded = encodeURIComponent(value);
      return { url: `https://${host(r)}/${path(r)}?${name}=${encoded}`, secrets: [encoded], severity: "fail" };
    },
  ],
  [
    "key parameter with a random value",
    (r) => {
      const value = r.chance(0.5) ? randomToken(r, r.int(20, 48)) : r.hex(32);
      return {
        url: `https://${host(r)}/v1/${r.pick(["maps", "geocode", "embed"])}?${r.pick(["key", "Key", "KEY"])}=${value}`,
        secrets: [value],
        severity: "fail",
      };
    },
  ],
  [
    "key parameter with a middling value",
    (r) => {
      const value = `${r.chars(LOWER, 1)}${r.digits(3)}${r.chars(LOWER, r.int(3, 8))}`;
      return { url: `https://${host(r)}/embed?key=${value}`, secrets: [value], severity: "warn" };
    },
  ],
  [
    "known token shape in an innocently named parameter",
    (r) => {
      const token = r.pick(KNOWN_TOKENS)(r);
      return { url: `https://${host(r)}/${path(r)}?${innocentName(r)}=${token}`, secrets: [token], severity: "fail" };
    },
  ],
  [
    "known token shape in the path",
    (r) => {
      const token = r.pick(KNOWN_TOKENS)(r);
      return {
        url: `https://${host(r)}/${r.pick(PATH_WORDS)}/${token}/${r.pick(PATH_WORDS)}`,
        secrets: [token],
        severity: "fail",
      };
    },
  ],
  [
    "Slack incoming webhook",
    (r) => {
      const secret = r.chars(ALNUM, 24);
      return {
        url: `https://hooks.slack.com/services/T${r.chars(UPPER + DIGITS, 10)}/B${r.chars(UPPER + DIGITS, 10)}/${secret}`,
        secrets: [secret],
        severity: "fail",
      };
    },
  ],
  [
    "Slack workflow webhook",
    (r) => {
      const secret = r.chars(ALNUM, 24);
      return {
        url: `https://hooks.slack.com/workflows/T${r.chars(UPPER + DIGITS, 10)}/A${r.chars(UPPER + DIGITS, 10)}/${r.digits(18)}/${secret}`,
        secrets: [secret],
        severity: "fail",
      };
    },
  ],
  [
    "Teams incoming webhook",
    (r) => {
      const [id, guid] = [r.hex(32), r.uuid()];
      const v2 = r.chance(0.5) ? `/V2${r.chars(BASE64URL, 40)}` : "";
      return {
        url: `https://${r.pick(COMPANIES)}.webhook.office.com/webhookb2/${r.uuid()}@${r.uuid()}/IncomingWebhook/${id}/${guid}${v2}`,
        secrets: [id, guid, ...(v2 ? [v2.slice(1)] : [])],
        severity: "fail",
      };
    },
  ],
  [
    "Discord webhook",
    (r) => {
      const token = r.chars(BASE64URL, 68);
      return {
        url: `https://${r.pick(["discord.com", "discordapp.com", "ptb.discord.com"])}/api/${r.pick(["", "v10/"])}webhooks/${r.digits(18)}/${token}`,
        secrets: [token],
        severity: "fail",
      };
    },
  ],
  [
    "Mattermost-style hook",
    (r) => {
      const secret = r.chars(LOWER + DIGITS, 26);
      return {
        url: `https://chat.${r.pick(COMPANIES)}.${r.pick(TLDS)}/hooks/${secret}`,
        secrets: [secret],
        severity: "fail",
      };
    },
  ],
  [
    "key in the path",
    (r) => {
      const secret = r.chars(ALNUM + "_-", 22);
      return {
        url: `https://maker.ifttt.com/trigger/${r.pick(["deploy", "alarm"])}/with/key/${secret}`,
        secrets: [secret],
        severity: "fail",
      };
    },
  ],
  [
    "pre-signed S3 URL",
    (r) => {
      const [keyId, signature] = [awsAccessKeyId(r), r.hex(64)];
      const date = `${r.int(2019, 2027)}${pad(r.int(1, 12))}${pad(r.int(1, 28))}`;
      return {
        url: `https://${r.pick(COMPANIES)}-exports.s3.${r.pick(["eu-west-1", "us-east-1"])}.amazonaws.com/daily.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${keyId}%2F${date}%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=${date}T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`,
        secrets: [keyId, signature],
        severity: "fail",
      };
    },
  ],
  [
    "session-credential S3 URL",
    (r) => {
      const token = r.chars(ALNUM + "/+", 120);
      const encoded = encodeURIComponent(token);
      return {
        url: `https://bucket.s3.amazonaws.com/key?X-Amz-Security-Token=${encoded}`,
        secrets: [encoded],
        severity: "fail",
      };
    },
  ],
  [
    "Azure SAS URL",
    (r) => {
      const signature = encodeURIComponent(`${r.chars(ALNUM + "+/", 43)}=`);
      return {
        url: `https://${r.pick(COMPANIES)}.blob.core.windows.net/exports/data.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=${isoDate(r)}T00:00:00Z&sig=${signature}`,
        secrets: [signature],
        severity: "fail",
      };
    },
  ],
  [
    "CloudFront signed URL",
    (r) => {
      const signature = r.chars(ALNUM + "-_~", 172);
      return {
        url: `https://d${r.chars(LOWER + DIGITS, 13)}.cloudfront.net/video.mp4?Expires=${r.int(1_700_000_000, 1_900_000_000)}&Signature=${signature}&Key-Pair-Id=K${r.chars(UPPER + DIGITS, 13)}`,
        secrets: [signature],
        severity: "fail",
      };
    },
  ],
  [
    "Logic Apps trigger URL",
    (r) => {
      const signature = r.chars(BASE64URL, 43);
      return {
        url: `https://prod-${r.int(10, 99)}.westeurope.logic.azure.com:443/workflows/${r.hex(32)}/triggers/manual/paths/invoke?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${signature}`,
        secrets: [signature],
        severity: "fail",
      };
    },
  ],
  [
    "redirect target that carries a token",
    (r) => {
      const token = randomToken(r, r.int(20, 40));
      return {
        url: `https://${host(r)}/logout?redirect_uri=${encodeURIComponent(`https://${host(r)}/done?access_token=${token}`)}`,
        secrets: [token],
        severity: "fail",
      };
    },
  ],
];

/** URLs that must be flagged, with the secrets that must not survive redaction. */
export function secretUrls(seed = 20260202, perKind = 200): SecretUrl[] {
  const r = new Random(seed);
  return SECRET_URLS.flatMap(([category, make]) => Array.from({ length: perKind }, () => ({ category, ...make(r) })));
}
