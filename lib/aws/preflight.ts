/**
 * What the server can scan with, checked before anyone presses "Scan now": whether the default
 * credential chain yields credentials, whom AWS says they belong to (sts:GetCallerIdentity, which
 * needs no permission), the default Region, and the account's enabled Regions (account:ListRegions,
 * then ec2:DescribeRegions: the calls a scan of "all" Regions makes, both in the scanner policy).
 * Bounded by one deadline, so a page that shows it never hangs on an unreachable endpoint.
 */
import { AccountClient } from "@aws-sdk/client-account";
import { EC2Client } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import { accessProblemCode, type AccessProblemCode } from "./access-problem";
import { describeEnabledRegions, listEnabledRegions } from "./account/regions";
import { sharedClientConfig } from "./clients";
import { maskCallerArn } from "./cloudtrail/reshape";
import { classifyAwsError } from "./errors";
import { awsCallSettings } from "./settings";
import { partitionOf } from "./sts/identity";

export interface AccessCheck {
  /**
   * `found`: the chain yielded credentials (`account` says whether AWS confirmed them); `missing`: no
   * provider had any; `error`: a provider failed (an expired SSO sign-in, no answer in time).
   */
  credentials: "found" | "missing" | "error";
  /** Whom AWS says the credentials belong to; the ARN masked as caller ARNs are everywhere. */
  account?: { id: string; arn: string; partition: string };
  /** The Region the SDK resolves from AWS_REGION or the profile; a scan's home Region. */
  defaultRegion?: string;
  /** The account's enabled Regions, sorted; absent when they could not be listed. */
  enabledRegions?: string[];
  /** What stops a scan, if anything. */
  problem?: { code: AccessProblemCode; detail?: string };
  /** Why the enabled Regions could not be listed (a scan can still name its Regions). */
  regionsProblem?: { code: AccessProblemCode; detail?: string };
}

/** Identity and Regions are asked once each: the check is a hint, not worth the scan's retries. */
const CHECK_ATTEMPTS = 2;
/** Asked when no default Region is configured: sts and account answer there for the commercial partition. */
const FALLBACK_REGION = "us-east-1";

class DeadlineError extends Error {
  override name = "DeadlineError";
}

/** Runs the check within `timeoutMs` (whatever is not known by then is reported as a timeout). */
export async function checkAwsAccess(timeoutMs = 5_000): Promise<AccessCheck> {
  try {
    awsCallSettings();
  } catch (error) {
    return { credentials: "error", problem: { code: "settings", detail: sanitizeMessage((error as Error).message) } };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // Credential providers and paginators take no abort signal: they are raced against the deadline,
  // and their clients destroyed afterwards, which ends what they still have in flight.
  const deadline = new Promise<never>((_, reject) =>
    controller.signal.addEventListener("abort", () => reject(new DeadlineError("no answer in time"))),
  );
  deadline.catch(() => undefined);
  const bounded = <T>(work: Promise<T>): Promise<T> => Promise.race([work, deadline]);
  try {
    return await check(bounded, controller.signal);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function check(bounded: <T>(work: Promise<T>) => Promise<T>, signal: AbortSignal): Promise<AccessCheck> {
  const probe = new STSClient({});
  let defaultRegion: string | undefined;
  try {
    defaultRegion = await bounded(probe.config.region()).catch(() => undefined);
    await bounded(probe.config.credentials());
  } catch (error) {
    if (error instanceof DeadlineError) return { credentials: "error", defaultRegion, problem: { code: "timeout" } };
    const code = accessProblemCode(error);
    return { credentials: code === "no-credentials" ? "missing" : "error", defaultRegion, problem: { code } };
  } finally {
    probe.destroy();
  }

  const region = defaultRegion ?? FALLBACK_REGION;
  const noRegion = defaultRegion ? {} : { problem: { code: "no-region" as const } };
  const config = { ...sharedClientConfig(region), maxAttempts: CHECK_ATTEMPTS };
  let account: AccessCheck["account"];
  const sts = new STSClient(config);
  try {
    const identity = await bounded(sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
    if (!identity.Account) return { credentials: "found", defaultRegion, problem: { code: "other" } };
    account = { id: identity.Account, arn: maskCallerArn(identity.Arn ?? ""), partition: partitionOf(identity.Arn) };
  } catch (error) {
    // Without a default Region the check asked in one it chose; what failed there says little.
    if (!defaultRegion) return { credentials: "found", ...noRegion };
    return { credentials: "found", defaultRegion, problem: failure(error, "sts:GetCallerIdentity") };
  } finally {
    sts.destroy();
  }

  const regions = await enabledRegions(region, config, bounded);
  return {
    credentials: "found",
    account,
    defaultRegion,
    ...("regions" in regions ? { enabledRegions: regions.regions } : { regionsProblem: regions.problem }),
    ...noRegion,
  };
}

function failure(error: unknown, action: string): { code: AccessProblemCode; detail?: string } {
  if (error instanceof DeadlineError || (error as Error).name === "AbortError") return { code: "timeout" };
  return { code: accessProblemCode(error, action), detail: classifyAwsError(error, action).message };
}

/** account:ListRegions, then ec2:DescribeRegions, as the scan lists "all" Regions (./account/regions.ts). */
async function enabledRegions(
  region: string,
  config: ReturnType<typeof sharedClientConfig>,
  bounded: <T>(work: Promise<T>) => Promise<T>,
): Promise<{ regions: string[] } | { problem: { code: AccessProblemCode; detail?: string } }> {
  const details: string[] = [];
  const account = new AccountClient(config);
  try {
    const listed = await bounded(listEnabledRegions(account));
    if (listed.length > 0) return { regions: listed.sort() };
  } catch (error) {
    if (error instanceof DeadlineError) return { problem: { code: "regions-unreadable", detail: "no answer in time" } };
    details.push(classifyAwsError(error, "account:ListRegions").message);
  } finally {
    account.destroy();
  }
  const ec2 = new EC2Client(config);
  try {
    const described = await bounded(describeEnabledRegions(ec2));
    if (described.length > 0) return { regions: described.sort() };
    details.push("ec2:DescribeRegions listed no Region");
  } catch (error) {
    details.push(
      error instanceof DeadlineError ? "no answer in time" : classifyAwsError(error, "ec2:DescribeRegions").message,
    );
  } finally {
    ec2.destroy();
  }
  return { problem: { code: "regions-unreadable", detail: sanitizeMessage(details.join("; ")) } };
}
