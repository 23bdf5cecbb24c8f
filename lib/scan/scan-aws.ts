/**
 * A scan of the real account: who am I and where, then every collector the chosen services need,
 * then what their resources point at (buckets, streams, KMS keys), into one inventory. Collectors
 * never throw; what they could not read comes back as classified errors and skipped regions.
 */
import pLimit from "p-limit";
import { discoverEnabledRegions } from "@/lib/aws/account/regions";
import { createCallStats } from "@/lib/aws/clients";
import { createCollectScope } from "@/lib/aws/harness";
import { createPacer, type PacingMode } from "@/lib/aws/pacing";
import { awsCallSettings } from "@/lib/aws/settings";
import { collectCloudTrail, collectTlsSamples } from "@/lib/aws/cloudtrail";
import { collectCognitoRegion } from "@/lib/aws/cognito";
import { collectConnectRegion } from "@/lib/aws/connect";
import { collectStsVpcEndpoints } from "@/lib/aws/ec2";
import { collectElastiCache } from "@/lib/aws/elasticache";
import { collectFirehoseStreams } from "@/lib/aws/firehose";
import { collectIam } from "@/lib/aws/iam";
import { collectKinesisStreams } from "@/lib/aws/kinesis";
import { collectKmsKeys } from "@/lib/aws/kms";
import { collectMacieRegion } from "@/lib/aws/macie";
import { collectPersonalizeRegion } from "@/lib/aws/personalize";
import { collectBuckets } from "@/lib/aws/s3";
import { getCallerIdentity, IdentityError } from "@/lib/aws/sts/identity";
import { collectTaggedResources } from "@/lib/aws/tagging";
import type { CollectionError, Inventory, ServiceId, SkippedRegion } from "@/lib/inventory";
import { CannotStartError } from "./errors";
import { referencedKeys } from "@/lib/inventory/references";
import { collectReferencedStorage } from "./storage-rounds";
import { iamRegionFor, regionsFor } from "./regions";
import { tlsTargets } from "./tls-targets";

export interface ScanProgress {
  step: string;
  region?: string;
  state: "started" | "finished";
}

export interface ScanOptions {
  regions?: "all" | string[];
  services: ServiceId[];
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
  /**
   * Pacing of rate-limited APIs at AWS's documented quotas ("on", the default); "off" or a rate
   * multiplier only for endpoints without those quotas (tests of the local fake endpoint, the bench).
   */
  pacing?: PacingMode;
}

/**
 * Regions collected side by side, per step: each service and account-wide step has its own slots,
 * so a slow, rate-limited service (Connect) does not wait behind faster ones for a free slot. Each
 * collector limits its own calls within a region.
 */
const REGION_CONCURRENCY = 4;

interface Collected<T> {
  inventory: T;
  errors: CollectionError[];
}

/** What the chosen services need collected; some controls read other services' data. */
export function collectionPlan(services: readonly ServiceId[]) {
  const has = (s: ServiceId) => services.includes(s);
  return {
    iam: has("account") || has("iam") || has("cognito") || has("connect"),
    stsEndpoints: has("iam"),
    elasticache: has("elasticache"),
    cognito: has("cognito"),
    personalize: has("personalize"),
    connect: has("connect"),
    accountWide: has("account"),
    storage: has("account") || has("personalize") || has("connect"),
  };
}

export async function scanAws(options: ScanOptions): Promise<Inventory> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => undefined);
  const started = now();
  const explicitRegions = Array.isArray(options.regions) ? options.regions : undefined;

  // A bad SAFEKEEP_AWS_* value would otherwise surface as an unexplained failure of the first client.
  try {
    awsCallSettings();
  } catch (error) {
    throw new CannotStartError((error as Error).message);
  }

  let identity;
  try {
    identity = await getCallerIdentity(explicitRegions?.[0]);
  } catch (error) {
    if (error instanceof IdentityError) throw new CannotStartError(error.message);
    throw error;
  }
  const stats = createCallStats();
  const scope = createCollectScope({
    accountId: identity.accountId,
    partition: identity.partition,
    stats,
    pacer: createPacer(options.pacing),
    now,
  });
  const errors: CollectionError[] = [];
  const skippedRegions: SkippedRegion[] = [];

  let regions = explicitRegions ?? [identity.region];
  if (options.regions === "all") {
    const discovered = await discoverEnabledRegions(identity.region, scope);
    if (discovered.regions.length === 0) {
      throw new CannotStartError(
        `could not list the account's enabled regions (${discovered.errors.map((e) => e.message).join("; ")}); pass --regions explicitly`,
      );
    }
    errors.push(...discovered.errors);
    regions = discovered.regions;
  }
  const explicit = options.regions !== "all";
  const plan = collectionPlan(options.services);

  /** Runs a regional collector everywhere it applies, keeping unavailable regions apart. */
  async function perRegion<T extends { region: string }>(
    service: ServiceId,
    step: string,
    inRegions: string[],
    collect: (region: string) => Promise<Collected<T>>,
  ): Promise<T[]> {
    const limit = pLimit(REGION_CONCURRENCY);
    const results = await Promise.all(
      inRegions.map((region) =>
        limit(async () => {
          progress({ step, region, state: "started" });
          const result = await collect(region);
          progress({ step, region, state: "finished" });
          return result;
        }),
      ),
    );
    const kept: T[] = [];
    for (const { inventory, errors: regionErrors } of results) {
      const unavailable = regionErrors.find((e) => e.kind === "region-unavailable");
      if (unavailable) {
        skippedRegions.push({ region: inventory.region, service, reason: unavailable.message });
        continue;
      }
      kept.push(inventory);
      errors.push(...regionErrors);
    }
    return kept;
  }

  async function step<T>(name: string, run: () => Promise<Collected<T>>): Promise<T> {
    progress({ step: name, state: "started" });
    const { inventory, errors: stepErrors } = await run();
    errors.push(...stepErrors);
    progress({ step: name, state: "finished" });
    return inventory;
  }

  const inventory: Inventory = {
    source: "aws",
    account: { id: identity.accountId, partition: identity.partition },
    regions,
    services: [...options.services],
    startedAt: started.toISOString(),
    finishedAt: started.toISOString(),
    errors,
    skippedRegions,
    stats: { apiCalls: 0, retries: 0, throttled: 0, durationMs: 0 },
  };

  // Phase 1: every service's own resources, side by side.
  await Promise.all([
    plan.iam &&
      step("iam", () => collectIam(iamRegionFor(identity.partition), scope)).then((iam) => {
        inventory.iam = { ...inventory.iam, ...iam };
      }),
    plan.stsEndpoints &&
      perRegion("iam", "sts-vpc-endpoints", regions, (r) => collectStsVpcEndpoints(r, scope)).then((endpoints) => {
        inventory.iam = { ...inventory.iam, stsVpcEndpoints: endpoints };
      }),
    plan.elasticache &&
      perRegion("elasticache", "elasticache", regions, (r) => collectElastiCache(r, scope)).then((found) => {
        inventory.elasticache = { regions: found };
      }),
    plan.cognito &&
      perRegion("cognito", "cognito", regions, (r) => collectCognitoRegion(r, scope)).then((found) => {
        inventory.cognito = { regions: found };
      }),
    plan.personalize &&
      perRegion("personalize", "personalize", regionsFor("personalize", regions, explicit), (r) =>
        collectPersonalizeRegion(r, scope),
      ).then((found) => {
        inventory.personalize = { regions: found };
      }),
    plan.connect &&
      perRegion("connect", "connect", regionsFor("connect", regions, explicit), (r) =>
        collectConnectRegion(r, scope),
      ).then((found) => {
        inventory.connect = { regions: found };
      }),
  ]);

  const accountWide: NonNullable<Inventory["accountWide"]> = {
    scanner: { useFipsEndpoint: process.env.AWS_USE_FIPS_ENDPOINT === "true", homeRegion: identity.region },
  };
  inventory.accountWide = accountWide;
  if (plan.accountWide) {
    await Promise.all([
      step("cloudtrail", () => collectCloudTrail(regions, scope)).then((cloudtrail) => {
        accountWide.cloudtrail = cloudtrail;
      }),
      perRegion("account", "macie", regionsFor("macie", regions, explicit), async (r) => {
        const { inventory: macie, errors: macieErrors } = await collectMacieRegion(r, scope);
        return { inventory: { region: r, macie }, errors: macieErrors };
      }).then((found) => {
        accountWide.macie = found.flatMap((f) => (f.macie ? [f.macie] : []));
      }),
      perRegion("account", "tags", regions, async (r) => {
        const { inventory: tagged, errors: tagErrors } = await collectTaggedResources(r, scope);
        return { inventory: { region: r, tagged }, errors: tagErrors };
      }).then((found) => {
        accountWide.taggedResources = found.flatMap((f) => f.tagged);
      }),
    ]);
    accountWide.tlsSamples = await step("tls-samples", () => collectTlsSamples(tlsTargets(inventory), scope));
  }

  // Phase 2: storage the resources write to, and the storage that storage reads from (a Firehose
  // stream's Kinesis source), round by round until nothing new is referenced; then every KMS key
  // anything refers to, since keys refer to nothing further.
  if (plan.storage) {
    const rounds = await collectReferencedStorage(inventory, {
      buckets: (refs) => reported(progress, "s3", () => collectBuckets(identity.region, scope, refs)),
      kinesis: (refs) => reported(progress, "kinesis", () => collectKinesisStreams(refs, scope)),
      firehose: (refs) => reported(progress, "firehose", () => collectFirehoseStreams(refs, scope)),
    });
    Object.assign(accountWide, rounds.storage);
    errors.push(...rounds.errors);
  }
  accountWide.kmsKeys = await step("kms", () => collectKmsKeys(referencedKeys(inventory), scope));

  const finished = now();
  inventory.finishedAt = finished.toISOString();
  inventory.stats = { ...stats, durationMs: finished.getTime() - started.getTime() };
  return inventory;
}

/** A collector call announced as a step, its errors left to the caller. */
async function reported<T>(progress: (event: ScanProgress) => void, step: string, run: () => Promise<T>): Promise<T> {
  progress({ step, state: "started" });
  try {
    return await run();
  } finally {
    progress({ step, state: "finished" });
  }
}
