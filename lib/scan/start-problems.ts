/**
 * What the web page says when the server cannot scan, per cause (lib/aws/access-problem.ts): what is
 * wrong in plain words, and what fixes it, for someone at the page rather than at a terminal (no
 * command-line flags). The CLI keeps its own messages.
 */
import type { AccessProblemCode } from "@/lib/aws/access-problem";

export interface StartProblem {
  code: AccessProblemCode;
  /** What is wrong, one sentence. */
  message: string;
  /** What fixes it, one or two sentences. */
  fix: string;
}

export const SCANNER_POLICY = "policy/safekeep-scanner-policy.json";

const WORDS: Record<AccessProblemCode, { message: string; fix: string }> = {
  "no-credentials": {
    message: "The server found no AWS credentials, so it cannot scan.",
    fix: `Start the server with credentials it can use: an AWS profile (AWS_PROFILE, including SSO profiles), access keys in its environment, or an instance or task role. Give that identity the read-only policy ${SCANNER_POLICY}.`,
  },
  "sso-expired": {
    message: "The server's AWS SSO sign-in has expired, so it cannot scan.",
    fix: "Sign in again to the SSO profile the server uses (on the server's machine), then reload this page.",
  },
  "no-region": {
    message: "The server has no default AWS Region.",
    fix: "Choose the Regions to scan below, or set AWS_REGION (or a Region in the server's AWS profile) so that “All enabled Regions” can be listed.",
  },
  "credentials-rejected": {
    message: "AWS did not accept the server's credentials.",
    fix: "Check that the access key, profile or role the server uses still exists and is active, and that it belongs to the account you mean to scan.",
  },
  "credentials-expired": {
    message: "The server's AWS credentials have expired.",
    fix: "Give the server fresh credentials (a new session, or sign in to its SSO profile again), then reload this page.",
  },
  unreachable: {
    message: "The server could not reach AWS.",
    fix: "Check the server's network access to AWS (proxy, firewall, VPC endpoints) and, if it is set, the endpoint in AWS_ENDPOINT_URL.",
  },
  timeout: {
    message: "AWS did not answer the server in time.",
    fix: "Check the server's network access to AWS; the check runs again when you reload this page.",
  },
  settings: {
    message: "One of the server's scan settings is not valid.",
    fix: "Correct the SAFEKEEP_AWS_* setting named below and restart the server.",
  },
  "regions-unreadable": {
    message: "The account's enabled Regions could not be listed.",
    fix: `Allow account:ListRegions or ec2:DescribeRegions (both are in ${SCANNER_POLICY}), or choose the Regions to scan yourself.`,
  },
  other: {
    message: "The server could not confirm who it is in AWS.",
    fix: `Check the server's AWS configuration (profile, role, environment) and that its identity has the policy ${SCANNER_POLICY}.`,
  },
};

/**
 * The page's words for `code`. `detail` (an already sanitised technical reason) is added where the
 * code alone does not say enough: a bad setting names itself, an unknown failure keeps AWS's words.
 */
export function startProblem(code: AccessProblemCode, detail?: string): StartProblem {
  const words = WORDS[code];
  const withDetail = detail && (code === "settings" || code === "other");
  return { code, message: withDetail ? `${words.message} (${detail})` : words.message, fix: words.fix };
}
