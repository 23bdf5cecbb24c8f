/**
 * Collects one Region's Amazon Connect instances (docs/controls.md#service-connect) into Safekeep's inventory types.
 * It never throws: each failed call becomes one CollectionError and the other calls go on, so a
 * missing permission costs only the controls that needed that call.
 *
 * Connect's control-plane APIs have a low request-rate quota (about 2 requests per second), so
 * every call of the Region goes through one queue, one at a time (docs/controls.md#call-budget).
 */
import {
  DescribeInstanceCommand,
  paginateListApprovedOrigins,
  paginateListInstances,
  paginateListInstanceStorageConfigs,
  paginateListIntegrationAssociations,
  paginateListSecurityProfiles,
  type ConnectClient,
  type InstanceStorageResourceType,
} from "@aws-sdk/client-connect";
import pLimit from "p-limit";
import { STORAGE_RESOURCE_TYPES } from "@/lib/inventory/connect";
import {
  ERROR_KINDS,
  isRegionWide,
  type CollectionError,
  type ConnectInstance,
  type ConnectRegionInventory,
  type InstanceStorageConfig,
} from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { classifyAwsError, isNotFoundError } from "../errors";
import { toConnectInstance, toIntegration, toSecurityProfile, toStorageConfig, withDescription } from "./reshape";

export {
  toConnectInstance,
  toIntegration,
  toSecurityProfile,
  toStorageConfig,
  toTags,
  withDescription,
} from "./reshape";

export interface ConnectRegionResult {
  inventory: ConnectRegionInventory;
  /** One entry per distinct failure. A `region-unavailable` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/** The SDK's enum must know every type we ask about (checked at compile time). */
const ASKED_TYPES: readonly InstanceStorageResourceType[] = STORAGE_RESOURCE_TYPES;

export { STORAGE_RESOURCE_TYPES };

/** Page sizes from docs/controls.md#call-budget (each API's maximum, to keep the call count low). */
const INSTANCE_PAGE_SIZE = 10;
const STORAGE_CONFIG_PAGE_SIZE = 10;
const APPROVED_ORIGIN_PAGE_SIZE = 25;
const INTEGRATION_PAGE_SIZE = 100;
const SECURITY_PROFILE_PAGE_SIZE = 1000;

/** Connect's control plane is slow to quota: one call at a time per Region. */
const MAX_CONCURRENT_CALLS = 1;

/** An instance whose creation failed is listed for 24 hours only and holds nothing to check. */
const CREATION_FAILED = "CREATION_FAILED";

/** How Connect refuses a storage resource type the instance does not support (docs/controls.md#caveats). */
const UNSUPPORTED_TYPE_ERRORS = new Set([
  "InvalidParameterException",
  "InvalidRequestException",
  "ResourceNotFoundException",
]);

type Outcome<Value> = { ok: true; value: Value } | { ok: false; error: unknown };

interface InstanceResult {
  /** Undefined when the instance disappeared between ListInstances and its follow-up calls. */
  instance?: ConnectInstance;
  errors: CollectionError[];
}

function emptyRegion(region: string): ConnectRegionInventory {
  return { region, instances: [] };
}

/** Reads every page. A list that fails on a later page throws, so no half list is ever kept. */
async function readAllPages<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined) {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}

function errorName(error: unknown): string {
  return typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
}

/** Everything one Region's collection shares: the client, the queue and the error wording. */
function createRegionContext(client: ConnectClient, region: string) {
  const limit = pLimit(MAX_CONCURRENT_CALLS);
  return {
    client,
    region,
    // stopOnSameToken: a service that repeats its last token cannot loop us.
    paging: { client, stopOnSameToken: true },
    /** Runs one call (all pages of one list) in the Region's queue; never rejects. */
    run<Value>(task: () => Promise<Value>): Promise<Outcome<Value>> {
      return limit(async () => {
        try {
          return { ok: true, value: await task() };
        } catch (error) {
          return { ok: false, error };
        }
      });
    },
    toError(commandName: string, error: unknown): CollectionError {
      const action = iamActionFor(commandName, "connect") ?? commandName;
      return { service: "connect", region, ...classifyAwsError(error, action) };
    },
  };
}

type RegionContext = ReturnType<typeof createRegionContext>;

interface StorageOutcome {
  configs: InstanceStorageConfig[];
  unsupported: string[];
  uncollected: string[];
  errors: CollectionError[];
}

/**
 * One call per resource type (the API requires the type). A type the instance refuses is
 * recorded as unsupported, not as an error. After an access denial the remaining types are not
 * asked: the same permission covers them all, so they would only repeat the denial.
 */
async function collectStorageConfigs(context: RegionContext, instanceId: string): Promise<StorageOutcome> {
  const outcome: StorageOutcome = { configs: [], unsupported: [], uncollected: [], errors: [] };
  let denied = false;
  for (const resourceType of ASKED_TYPES) {
    if (denied) {
      outcome.uncollected.push(resourceType);
      continue;
    }
    const listed = await context.run(() =>
      readAllPages(
        paginateListInstanceStorageConfigs(context.paging, {
          InstanceId: instanceId,
          ResourceType: resourceType,
          MaxResults: STORAGE_CONFIG_PAGE_SIZE,
        }),
        (page) => page.StorageConfigs,
      ),
    );
    if (listed.ok) {
      outcome.configs.push(...listed.value.map((config) => toStorageConfig(config, resourceType)));
    } else if (UNSUPPORTED_TYPE_ERRORS.has(errorName(listed.error))) {
      outcome.unsupported.push(resourceType);
    } else {
      const error = context.toError("ListInstanceStorageConfigsCommand", listed.error);
      outcome.errors.push(error);
      outcome.uncollected.push(resourceType);
      denied = error.kind === ERROR_KINDS.accessDenied;
    }
  }
  return outcome;
}

type DetailOutcome<Item> = { items: Item[] } | { gone: true } | { error: CollectionError };

/**
 * Reads one plain per-instance list to the end, or not at all. `gone`: the instance was deleted
 * since ListInstances (a `*NotFound*` answer), so it is dropped silently (docs/controls.md#failed-calls).
 */
async function readDetail<Item>(
  context: RegionContext,
  commandName: string,
  read: () => Promise<Item[]>,
): Promise<DetailOutcome<Item>> {
  const outcome = await context.run(read);
  if (outcome.ok) return { items: outcome.value };
  if (isNotFoundError(outcome.error)) return { gone: true };
  return { error: context.toError(commandName, outcome.error) };
}

/**
 * Every follow-up call for one instance, in order, each through the Region's queue. A
 * `ResourceNotFoundException` outside the storage calls means the instance was deleted meanwhile:
 * it is dropped silently (docs/controls.md#failed-calls).
 */
async function collectInstance(context: RegionContext, listed: ConnectInstance): Promise<InstanceResult> {
  if (listed.status === CREATION_FAILED) return { instance: listed, errors: [] };
  const errors: CollectionError[] = [];
  const uncollected: string[] = [];
  // `uncollected` names the call's own action: the one the controls list in `meta.requires`.
  const failed = (commandName: string, outcome: { error: CollectionError }) => {
    errors.push(outcome.error);
    uncollected.push(iamActionFor(commandName, "connect") ?? commandName);
  };
  let instance = listed;

  const described = await context.run(() =>
    context.client.send(new DescribeInstanceCommand({ InstanceId: listed.id })),
  );
  if (described.ok) {
    instance = withDescription(instance, described.value.Instance);
    if (instance.status === CREATION_FAILED) return { instance, errors: [] };
  } else if (isNotFoundError(described.error)) {
    return { errors: [] };
  } else {
    failed("DescribeInstanceCommand", { error: context.toError("DescribeInstanceCommand", described.error) });
  }

  const storage = await collectStorageConfigs(context, instance.id);
  instance.storageConfigs = storage.configs;
  instance.unsupportedResourceTypes = storage.unsupported;
  if (storage.uncollected.length > 0) instance.uncollectedResourceTypes = storage.uncollected;
  errors.push(...storage.errors);

  const { paging } = context;
  const instanceId = instance.id;

  const origins = await readDetail(context, "ListApprovedOriginsCommand", () =>
    readAllPages(
      paginateListApprovedOrigins(paging, { InstanceId: instanceId, MaxResults: APPROVED_ORIGIN_PAGE_SIZE }),
      (page) => page.Origins,
    ),
  );
  if ("gone" in origins) return { errors: [] };
  if ("error" in origins) failed("ListApprovedOriginsCommand", origins);
  else instance.approvedOrigins = origins.items.filter((origin) => origin !== "");

  const integrations = await readDetail(context, "ListIntegrationAssociationsCommand", () =>
    readAllPages(
      paginateListIntegrationAssociations(paging, { InstanceId: instanceId, MaxResults: INTEGRATION_PAGE_SIZE }),
      (page) => page.IntegrationAssociationSummaryList,
    ),
  );
  if ("gone" in integrations) return { errors: [] };
  if ("error" in integrations) failed("ListIntegrationAssociationsCommand", integrations);
  else instance.integrations = integrations.items.map(toIntegration);

  const profiles = await readDetail(context, "ListSecurityProfilesCommand", () =>
    readAllPages(
      paginateListSecurityProfiles(paging, { InstanceId: instanceId, MaxResults: SECURITY_PROFILE_PAGE_SIZE }),
      (page) => page.SecurityProfileSummaryList,
    ),
  );
  if ("gone" in profiles) return { errors: [] };
  if ("error" in profiles) failed("ListSecurityProfilesCommand", profiles);
  else instance.securityProfiles = profiles.items.filter((summary) => Boolean(summary.Id)).map(toSecurityProfile);

  if (uncollected.length > 0) instance.uncollected = uncollected;
  return { instance, errors };
}

/** The same denial for every instance is one finding, not one per instance. */
function distinctErrors(errors: readonly CollectionError[]): CollectionError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.action}|${error.kind}|${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Collects one Region with the given client (tests pass a mocked one). */
export async function collectConnectRegionWithClient(
  client: ConnectClient,
  region: string,
): Promise<ConnectRegionResult> {
  const context = createRegionContext(client, region);

  const listed = await context.run(() =>
    readAllPages(
      paginateListInstances(context.paging, { MaxResults: INSTANCE_PAGE_SIZE }),
      (page) => page.InstanceSummaryList,
    ),
  );
  // Without the instance list nothing else can be asked; a Region that does not answer is skipped.
  if (!listed.ok)
    return { inventory: emptyRegion(region), errors: [context.toError("ListInstancesCommand", listed.error)] };

  const summaries = listed.value.filter((summary) => Boolean(summary.Id) && Boolean(summary.Arn));
  // Budget rule (docs/controls.md#call-budget): an empty Region costs exactly one call.
  if (summaries.length === 0) return { inventory: emptyRegion(region), errors: [] };

  // All instances queue their calls in the one-at-a-time queue; each instance keeps its own order.
  const results = await Promise.all(
    summaries.map((summary) => collectInstance(context, toConnectInstance(summary, region))),
  );
  const errors = distinctErrors(results.flatMap((result) => result.errors));
  const unavailable = errors.find((error) => isRegionWide(error.kind));
  if (unavailable) return { inventory: emptyRegion(region), errors: [unavailable] };

  const instances = results.flatMap((result) => (result.instance ? [result.instance] : []));
  return { inventory: { region, instances }, errors };
}
