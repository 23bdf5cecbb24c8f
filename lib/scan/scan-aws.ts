/**
 * A scan of the real account: who am I and where, then the steps of the scan plan (lib/scan/plan.ts)
 * into one inventory. Each step starts as soon as the steps it reads have ended: the account-wide
 * steps (CloudTrail, Macie, tags) start with the service collectors, a Region's TLS samples of one
 * service as soon as that service's collector for the Region has ended, the storage step when the
 * resources that write to storage are known, and KMS when everything that may point at a key is.
 * Collectors never throw: what they could not read comes back as classified errors and skipped
 * Regions.
 */
import pLimit from "p-limit";
import { discoverEnabledRegions } from "@/lib/aws/account/regions";
import { createCallStats } from "@/lib/aws/clients";
import { createAnswerMemo } from "@/lib/aws/answer-memo";
import { createCollectScope } from "@/lib/aws/harness";
import { createPacer, type PacingMode } from "@/lib/aws/pacing";
import { awsCallSettings } from "@/lib/aws/settings";
import { collectCloudTrail, collectTlsSamples } from "@/lib/aws/cloudtrail";
import { collectStsVpcEndpoints } from "@/lib/aws/ec2";
import { collectFirehoseStreams } from "@/lib/aws/firehose";
import { collectIam } from "@/lib/aws/iam";
import { collectKinesisStreams } from "@/lib/aws/kinesis";
import { collectKmsKeys } from "@/lib/aws/kms";
import { collectMacieRegion } from "@/lib/aws/macie";
import { collectBuckets } from "@/lib/aws/s3";
import type { AccountCredentials } from "@/lib/aws/sts/assume-role";
import { collectTaggedResources } from "@/lib/aws/tagging";
import { CONTROLS } from "@/lib/controls/registry";
import type { CollectionError, Inventory, ServiceId, SkippedRegion, TlsSample } from "@/lib/inventory";
import { referencedKeys } from "@/lib/inventory/references";
import { collectRegion, REGIONAL_SERVICES, type RegionalService } from "./collectors";
import { callerIdentity } from "./caller-identity";
import { CannotStartError } from "./errors";
import { plans, scanPlan, type StepId } from "./plan";
import { iamRegionFor, regionsFor } from "./regions";
import { collectReferencedStorage, type StorageCollectors } from "./storage-rounds";
import { tlsTargets, tlsTargetsOf, type TlsTarget } from "./tls-targets";

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
  /**
   * The account's credentials, for every call of the scan (an organization member's role,
   * lib/aws/sts/assume-role.ts); none: the default credential chain.
   */
  credentials?: AccountCredentials;
}

/**
 * Regions collected side by side, per step: each step has its own slots, so a slow, rate-limited
 * service (Connect) does not wait behind faster ones for a free slot. Each collector limits its own
 * calls within a Region.
 */
const REGION_CONCURRENCY = 4;

interface Collected<T> {
  inventory: T;
  errors: CollectionError[];
}

/** Files one regional service's Regions under its part of the inventory. */
function fileRegions<K extends RegionalService>(inventory: Inventory, service: K, regions: { region: string }[]): void {
  // Each collector returns its own part's Region type (REGIONAL_COLLECTORS is typed so).
  (inventory as Record<K, unknown>)[service] = { regions };
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

  const identity = await callerIdentity(explicitRegions?.[0], options.credentials);
  const stats = createCallStats();
  const scope = createCollectScope({
    memo: createAnswerMemo(),
    accountId: identity.accountId,
    partition: identity.partition,
    stats,
    pacer: createPacer(options.pacing),
    now,
    credentials: options.credentials,
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
  const plan = scanPlan(options.services, CONTROLS);

  const accountWide: NonNullable<Inventory["accountWide"]> = {
    scanner: { useFipsEndpoint: process.env.AWS_USE_FIPS_ENDPOINT === "true", homeRegion: identity.region },
  };
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
    accountWide,
  };

  /** A Region's result, or undefined when the service has no endpoint there (the Region is skipped). */
  function keepRegion<T extends { region: string }>(service: ServiceId, result: Collected<T>): T | undefined {
    const unavailable = result.errors.find((e) => e.kind === "region-unavailable");
    if (unavailable) {
      skippedRegions.push({ region: result.inventory.region, service, reason: unavailable.message });
      return undefined;
    }
    errors.push(...result.errors);
    return result.inventory;
  }

  /** Runs a regional collector in every Region it applies to; one promise per Region, none rejects. */
  function perRegion<T extends { region: string }>(
    service: ServiceId,
    step: string,
    inRegions: string[],
    collect: (region: string) => Promise<Collected<T>>,
  ): Map<string, Promise<T | undefined>> {
    const limit = pLimit(REGION_CONCURRENCY);
    return new Map(
      inRegions.map((region) => [
        region,
        limit(async () => {
          progress({ step, region, state: "started" });
          const result = await collect(region);
          progress({ step, region, state: "finished" });
          return keepRegion(service, result);
        }),
      ]),
    );
  }

  async function kept<T extends { region: string }>(byRegion: Map<string, Promise<T | undefined>>): Promise<T[]> {
    const found: T[] = [];
    for (const result of await Promise.all(byRegion.values())) if (result !== undefined) found.push(result);
    return found;
  }

  async function step<T>(name: string, run: () => Promise<Collected<T>>, region?: string): Promise<T> {
    progress({ step: name, region, state: "started" });
    const { inventory: found, errors: stepErrors } = await run();
    errors.push(...stepErrors);
    progress({ step: name, region, state: "finished" });
    return found;
  }

  const done: Partial<Record<StepId, Promise<unknown>>> = {};
  const after = (id: StepId) => Promise.all((plan.after[id] ?? []).map((dependency) => done[dependency]));

  // Service collectors and the account-wide steps that read nothing: all start at once.
  const byService: Partial<Record<RegionalService, Map<string, Promise<{ region: string } | undefined>>>> = {};
  if (plans(plan, "iam")) {
    done.iam = step("iam", () => collectIam(iamRegionFor(identity.partition), scope)).then((iam) => {
      inventory.iam = { ...inventory.iam, ...iam };
    });
  }
  if (plans(plan, "sts-vpc-endpoints")) {
    const found = perRegion("iam", "sts-vpc-endpoints", regions, (r) => collectStsVpcEndpoints(r, scope));
    done["sts-vpc-endpoints"] = kept(found).then((endpoints) => {
      inventory.iam = { ...inventory.iam, stsVpcEndpoints: endpoints };
    });
  }
  for (const service of REGIONAL_SERVICES) {
    if (!plans(plan, service)) continue;
    const found = perRegion(service, service, regionsFor(service, regions, explicit), (r) =>
      collectRegion(service, r, scope),
    );
    byService[service] = found;
    done[service] = kept(found).then((regionsFound) => {
      fileRegions(inventory, service, regionsFound);
    });
  }
  if (plans(plan, "cloudtrail")) {
    done.cloudtrail = step("cloudtrail", () => collectCloudTrail(regions, scope)).then((cloudtrail) => {
      accountWide.cloudtrail = cloudtrail;
    });
  }
  if (plans(plan, "macie")) {
    const found = perRegion("account", "macie", regionsFor("macie", regions, explicit), async (r) => {
      const { inventory: macie, errors: macieErrors } = await collectMacieRegion(r, scope);
      return { inventory: { region: r, macie }, errors: macieErrors };
    });
    done.macie = kept(found).then((regionsFound) => {
      accountWide.macie = regionsFound.flatMap((f) => (f.macie ? [f.macie] : []));
    });
  }
  if (plans(plan, "tags")) {
    const found = perRegion("account", "tags", regions, async (r) => {
      const { inventory: tagged, errors: tagErrors } = await collectTaggedResources(r, scope);
      return { inventory: { region: r, tagged }, errors: tagErrors };
    });
    done.tags = kept(found).then((regionsFound) => {
      accountWide.taggedResources = regionsFound.flatMap((f) => f.tagged);
    });
  }

  // TLS samples: IAM and STS at once (their Region is fixed), each service's per Region as soon as
  // that Region's collector has ended. LookupEvents is paced per Region on the client, so samples
  // started from different services share CloudTrail's quota.
  if (plans(plan, "tls-samples")) {
    const samples: TlsSample[] = [];
    // One step per service and Region, named so ("tls-samples connect"), so progress shows what is sampled.
    const sample = async (service: ServiceId, targets: TlsTarget[]) => {
      const region = targets[0]?.region;
      if (region === undefined) return;
      const found = await step(`tls-samples ${service}`, () => collectTlsSamples(targets, scope), region);
      samples.push(...found);
    };
    const waits: Promise<void>[] = [sample("iam", tlsTargetsOf("iam", inventory))];
    for (const service of REGIONAL_SERVICES) {
      for (const regionResult of byService[service]?.values() ?? []) {
        waits.push(
          regionResult.then((found) =>
            found
              ? sample(service, tlsTargetsOf(service, { ...inventory, [service]: { regions: [found] } }))
              : undefined,
          ),
        );
      }
    }
    done["tls-samples"] = Promise.all(waits).then(() => {
      // Samples arrive in the order collectors end; keep the order of the targets instead.
      const order = new Map(tlsTargets(inventory).map((target, index) => [targetKey(target), index]));
      accountWide.tlsSamples = samples.sort(
        (a, b) => (order.get(targetKey(a)) ?? Infinity) - (order.get(targetKey(b)) ?? Infinity),
      );
    });
  }

  // What is referenced so far is described early, each time a step that refers to storage or keys
  // ends, while slower collectors still run; the answers stay in the scope's memo, so the storage and
  // KMS steps below, which build the inventory from the finished references, wait only for what the
  // last steps newly refer to. The early passes' results and errors are dropped: the final steps
  // read the same answers from the memo and record them.
  /** The collectors of referenced storage, shared by the early passes and the final step. */
  const storageCollectors: StorageCollectors = {
    buckets: (refs) => collectBuckets(identity.region, scope, refs),
    kinesis: (refs) => collectKinesisStreams(refs, scope),
    firehose: (refs) => collectFirehoseStreams(refs, scope),
  };
  if (plans(plan, "storage") || plans(plan, "kms")) {
    const describeEarly = coalesced(async () => {
      const sofar: Inventory = { ...inventory, accountWide: { ...accountWide } };
      if (plans(plan, "storage")) {
        const rounds = await collectReferencedStorage(sofar, storageCollectors);
        Object.assign(sofar.accountWide!, rounds.storage);
      }
      if (plans(plan, "kms")) await collectKmsKeys(referencedKeys(sofar), scope);
    });
    for (const id of new Set([...(plan.after.storage ?? []), ...(plan.after.kms ?? [])])) {
      if (id !== "storage") void done[id]?.then(describeEarly);
    }
  }

  // Storage the resources write to, and the storage that storage reads from (a Firehose stream's
  // Kinesis source), round by round until nothing new is referenced.
  if (plans(plan, "storage")) {
    done.storage = after("storage").then(async () => {
      const rounds = await collectReferencedStorage(inventory, {
        buckets: (refs) => reported(progress, "s3", () => storageCollectors.buckets(refs)),
        kinesis: (refs) => reported(progress, "kinesis", () => storageCollectors.kinesis(refs)),
        firehose: (refs) => reported(progress, "firehose", () => storageCollectors.firehose(refs)),
      });
      Object.assign(accountWide, rounds.storage);
      errors.push(...rounds.errors);
    });
  }
  // Every KMS key anything refers to; keys refer to nothing further.
  if (plans(plan, "kms")) {
    done.kms = after("kms").then(async () => {
      accountWide.kmsKeys = await step("kms", () => collectKmsKeys(referencedKeys(inventory), scope));
    });
  }

  await Promise.all(Object.values(done));

  const finished = now();
  inventory.finishedAt = finished.toISOString();
  inventory.stats = { ...stats, durationMs: finished.getTime() - started.getTime() };
  return inventory;
}

/**
 * Runs `task` when called, never twice at once: a call while it runs asks for one more run after it,
 * however many calls came meanwhile. Never rejects (what it reads is read again later anyway).
 */
function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      await task().catch(() => undefined);
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}

function targetKey(target: TlsTarget): string {
  return `${target.region}\u0000${target.eventSource}`;
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
