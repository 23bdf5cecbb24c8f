// Sign-in through the organisation's identity provider (OpenID Connect): which settings make a usable
// configuration. Plain JavaScript beside listen-policy.mjs, for the same reason: the start script and
// the running server (lib/env.ts) apply the same checks, so a complete configuration counts as
// authentication everywhere and a partial one is refused everywhere.

const OIDC_REQUIRED = [
  "SAFEKEEP_OIDC_ISSUER",
  "SAFEKEEP_OIDC_CLIENT_ID",
  "SAFEKEEP_OIDC_CLIENT_SECRET",
  "SAFEKEEP_PUBLIC_URL",
  "SAFEKEEP_SESSION_SECRET",
];
const GROUP_SETTINGS = {
  viewer: "SAFEKEEP_OIDC_VIEWER_GROUPS",
  operator: "SAFEKEEP_OIDC_OPERATOR_GROUPS",
  admin: "SAFEKEEP_OIDC_ADMIN_GROUPS",
};
export const CREDENTIAL_ROLES = ["viewer", "operator", "admin"];
/** Asymmetric signatures only: a shared-secret signature would let anyone holding the client secret mint tokens. */
export const ID_TOKEN_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

const given = (value) => typeof value === "string" && value.trim() !== "";

function loopbackName(hostname) {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** https anywhere; plain http only to this machine (a test's identity provider, a local dashboard). */
function urlProblem(name, value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be a URL`;
  }
  if (url.username || url.password) return `${name} must not hold a user name or password`;
  if (url.search || url.hash) return `${name} must not have a query or fragment`;
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && loopbackName(url.hostname)) return undefined;
  return `${name} must be an https URL (http is accepted for localhost only)`;
}

export function groupList(value) {
  return given(value)
    ? value
        .split(",")
        .map((g) => g.trim())
        .filter((g) => g !== "")
    : [];
}

/** Problems with the SAFEKEEP_OIDC_* settings and the shared credentials' roles; empty when usable or unset. */
export function oidcSettingsProblems(source) {
  const problems = [];
  for (const name of ["SAFEKEEP_AUTH_TOKEN_ROLE", "SAFEKEEP_BASIC_AUTH_ROLE"]) {
    if (given(source[name]) && !CREDENTIAL_ROLES.includes(source[name].trim()))
      problems.push(`${name} must be one of ${CREDENTIAL_ROLES.join(", ")}`);
  }
  const alg = source.SAFEKEEP_OIDC_ID_TOKEN_ALG;
  if (given(alg) && !ID_TOKEN_ALGS.includes(alg.trim()))
    problems.push(`SAFEKEEP_OIDC_ID_TOKEN_ALG must be one of ${ID_TOKEN_ALGS.join(", ")} (asymmetric signatures only)`);
  const anyGiven =
    OIDC_REQUIRED.some((name) => given(source[name])) || Object.values(GROUP_SETTINGS).some((n) => given(source[n]));
  if (!anyGiven) return problems;
  const missing = OIDC_REQUIRED.filter((name) => !given(source[name]));
  if (missing.length > 0) problems.push(`sign-in through OpenID Connect also needs ${missing.join(", ")}`);
  for (const name of ["SAFEKEEP_OIDC_ISSUER", "SAFEKEEP_PUBLIC_URL"]) {
    if (given(source[name])) {
      const problem = urlProblem(name, source[name].trim());
      if (problem) problems.push(problem);
    }
  }
  if (!Object.values(GROUP_SETTINGS).some((name) => groupList(source[name]).length > 0))
    problems.push(
      "sign-in through OpenID Connect needs at least one of SAFEKEEP_OIDC_VIEWER_GROUPS, SAFEKEEP_OIDC_OPERATOR_GROUPS, SAFEKEEP_OIDC_ADMIN_GROUPS (comma-separated group names from the identity provider)",
    );
  return problems;
}

/** The OpenID Connect configuration, or undefined when it is not set (or not complete: see the problems). */
export function oidcConfig(source) {
  if (!OIDC_REQUIRED.every((name) => given(source[name]))) return undefined;
  const publicUrl = source.SAFEKEEP_PUBLIC_URL.trim().replace(/\/+$/, "");
  return {
    issuer: source.SAFEKEEP_OIDC_ISSUER.trim(),
    clientId: source.SAFEKEEP_OIDC_CLIENT_ID.trim(),
    clientSecret: source.SAFEKEEP_OIDC_CLIENT_SECRET,
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    sessionSecrets: [source.SAFEKEEP_SESSION_SECRET, source.SAFEKEEP_SESSION_SECRET_PREVIOUS].filter(given),
    idTokenAlg: given(source.SAFEKEEP_OIDC_ID_TOKEN_ALG) ? source.SAFEKEEP_OIDC_ID_TOKEN_ALG.trim() : "RS256",
    groupsClaim: given(source.SAFEKEEP_OIDC_GROUPS_CLAIM) ? source.SAFEKEEP_OIDC_GROUPS_CLAIM.trim() : "groups",
    scopes: given(source.SAFEKEEP_OIDC_SCOPES) ? source.SAFEKEEP_OIDC_SCOPES.trim() : "openid profile email",
    groups: {
      viewer: groupList(source[GROUP_SETTINGS.viewer]),
      operator: groupList(source[GROUP_SETTINGS.operator]),
      admin: groupList(source[GROUP_SETTINGS.admin]),
    },
  };
}

/** The role of a shared credential: the token defaults to operator (automation scans), Basic to admin (a person). */
export function credentialRole(source, name, fallback) {
  const value = source[name];
  return given(value) && CREDENTIAL_ROLES.includes(value.trim()) ? value.trim() : fallback;
}
