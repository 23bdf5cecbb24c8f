/**
 * The steps that read other steps' inventory: TLS samples of where the services have resources, the
 * storage the resources write to (round by round until nothing new is referenced), and every KMS key
 * anything refers to. In one process they start as soon as what they read is known (./scan-aws.ts);
 * after units ran elsewhere (a queue's fan-in) they run once on the whole inventory (`finishScan`).
 */
import { collectTlsSamples } from "@/lib/aws/cloudtrail";
import { collectFirehoseStreams } from "@/lib/aws/firehose";
import type { CollectScope } from "@/lib/aws/harness";
import { collectKinesisStreams } from "@/lib/aws/kinesis";
import { collectKmsKeys } from "@/lib/aws/kms";
import { collectBuckets } from "@/lib/aws/s3";
import type { Inventory, ServiceId, TlsSample } from "@/lib/inventory";
import { referencedKeys } from "@/lib/inventory/references";
import { REGIONAL_SERVICES } from "./collectors";
import { plans, type ScanPlan } from "./plan";
import { collectReferencedStorage, type StorageCollectors } from "./storage-rounds";
import { tlsStepId } from "./step-names";
import { tlsTargets, tlsTargetsOf, type TlsTarget } from "./tls-targets";

export interface StepProgress {
  step: string;
  region?: string;
  state: "started" | "finished";
  /** How many things the step reads, when it knows at its start (buckets, streams, keys, TLS endpoints). */
  count?: number;
}

export type ProgressListener = (event: StepProgress) => void;

/** The collectors of referenced storage, described from the account's home Region. */
export function storageCollectors(scope: CollectScope, homeRegion: string): StorageCollectors {
  return {
    buckets: (refs) => collectBuckets(homeRegion, scope, refs),
    kinesis: (refs) => collectKinesisStreams(refs, scope),
    firehose: (refs) => collectFirehoseStreams(refs, scope),
  };
}

/**
 * A collector call announced as a step, its errors left to the caller. The start is announced before
 * the call: a listener that throws there (a cancelled scan, ./scan-aws.ts) keeps the step from running.
 */
export async function reported<T>(
  progress: ProgressListener,
  step: string,
  run: () => Promise<T>,
  region?: string,
  count?: number,
) {
  const counted = count === undefined ? {} : { count };
  progress({ step, region, state: "started", ...counted });
  try {
    return await run();
  } finally {
    progress({ step, region, state: "finished", ...counted });
  }
}

/** TLS samples of one service in one Region (one step, named so that progress shows what is sampled). */
export async function sampleTls(
  service: ServiceId,
  targets: TlsTarget[],
  scope: CollectScope,
  inventory: Inventory,
  progress: ProgressListener,
): Promise<TlsSample[]> {
  const region = targets[0]?.region;
  if (region === undefined) return [];
  const { inventory: found, errors } = await reported(
    progress,
    tlsStepId(service),
    () => collectTlsSamples(targets, scope),
    region,
    targets.length,
  );
  inventory.errors.push(...errors);
  return found;
}

/** Samples in the order of the targets, whatever order they were collected in. */
export function inTargetOrder(inventory: Inventory, samples: TlsSample[]): TlsSample[] {
  const key = (t: { region: string; eventSource: string }) => `${t.region}\u0000${t.eventSource}`;
  const order = new Map(tlsTargets(inventory).map((target, index) => [key(target), index]));
  return [...samples].sort((a, b) => (order.get(key(a)) ?? Infinity) - (order.get(key(b)) ?? Infinity));
}

/** Each service's TLS targets, one group per service and Region. */
export function tlsGroups(inventory: Inventory): { service: ServiceId; targets: TlsTarget[] }[] {
  const groups: { service: ServiceId; targets: TlsTarget[] }[] = [
    { service: "iam", targets: tlsTargetsOf("iam", inventory) },
  ];
  for (const service of REGIONAL_SERVICES) {
    for (const found of inventory[service]?.regions ?? []) {
      groups.push({ service, targets: tlsTargetsOf(service, { ...inventory, [service]: { regions: [found] } }) });
    }
  }
  return groups;
}

/** Storage the resources write to, and the storage that storage reads from, into the inventory. */
export async function collectStorageStep(
  inventory: Inventory,
  collectors: StorageCollectors,
  progress: ProgressListener,
): Promise<void> {
  const rounds = await collectReferencedStorage(inventory, {
    buckets: (refs) => reported(progress, "s3", () => collectors.buckets(refs), undefined, refs.length),
    kinesis: (refs) => reported(progress, "kinesis", () => collectors.kinesis(refs), undefined, refs.length),
    firehose: (refs) => reported(progress, "firehose", () => collectors.firehose(refs), undefined, refs.length),
  });
  Object.assign(inventory.accountWide!, rounds.storage);
  inventory.errors.push(...rounds.errors);
}

/** Every KMS key anything in the inventory refers to; keys refer to nothing further. */
export async function collectKmsStep(inventory: Inventory, scope: CollectScope, progress: ProgressListener) {
  const references = referencedKeys(inventory);
  const { inventory: keys, errors } = await reported(
    progress,
    "kms",
    () => collectKmsKeys(references, scope),
    undefined,
    references.length,
  );
  inventory.errors.push(...errors);
  inventory.accountWide!.kmsKeys = keys;
}

/**
 * The reading steps of the plan, on an inventory whose units have all been filed: TLS samples beside
 * storage, then KMS once storage is known.
 */
export async function finishScan(
  inventory: Inventory,
  plan: ScanPlan,
  scope: CollectScope,
  homeRegion: string,
  progress: ProgressListener = () => undefined,
): Promise<void> {
  const tls = plans(plan, "tls-samples")
    ? Promise.all(tlsGroups(inventory).map((g) => sampleTls(g.service, g.targets, scope, inventory, progress))).then(
        (found) => {
          inventory.accountWide!.tlsSamples = inTargetOrder(inventory, found.flat());
        },
      )
    : Promise.resolve();
  if (plans(plan, "storage")) await collectStorageStep(inventory, storageCollectors(scope, homeRegion), progress);
  if (plans(plan, "kms")) await collectKmsStep(inventory, scope, progress);
  await tls;
}
