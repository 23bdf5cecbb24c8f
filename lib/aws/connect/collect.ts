/**
 * Collects one Region's Amazon Connect instances (docs/controls.md#service-connect) into Safekeep's inventory types.
 * It never throws: each failed call becomes one CollectionError and the other calls go on, so a
 * missing permission costs only the controls that needed that call.
 *
 * Connect's control-plane APIs have a low request-rate quota (2 requests per second per API), which
 * the scan's pacer keeps on the client; the calls of different APIs run side by side under the
 * Region's usual concurrency limit (docs/controls.md#call-budget).
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
import { errorName, isNotFoundError } from "../errors";
import { createRegionCalls, distinctErrors, pagingOf, readAllPages, type RegionCalls } from "../harness";
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

/** An instance whose creation failed is listed for 24 hours only and holds nothing to check. */
const CREATION_FAILED = "CREATION_FAILED";

/** How Connect refuses a storage resource type the instance does not support (docs/controls.md#caveats). */
const UNSUPPORTED_TYPE_ERRORS = new Set([
  "InvalidParameterException",
  "InvalidRequestException",
  "ResourceNotFoundException",
]);

interface InstanceResult {
  /** Undefined when the instance disappeared between ListInstances and its follow-up calls. */
  instance?: ConnectInstance;
  errors: CollectionError[];
}

function emptyRegion(region: string): ConnectRegionInventory {
  return { region, instances: [] };
}

/** Everything one Region's collection shares: the client and the Region's call queue. */
interface RegionContext {
  client: ConnectClient;
  calls: RegionCalls;
}

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
    const listed = await context.calls.run("ListInstanceStorageConfigsCommand", () =>
      readAllPages(
        paginateListInstanceStorageConfigs(pagingOf(context.client), {
          InstanceId: instanceId,
          ResourceType: resourceType,
          MaxResults: STORAGE_CONFIG_PAGE_SIZE,
        }),
        (page) => page.StorageConfigs,
      ),
    );
    if (listed.ok) {
      outcome.configs.push(...listed.value.map((config) => toStorageConfig(config, resourceType)));
    } else if (UNSUPPORTED_TYPE_ERRORS.has(errorName(listed.raw) ?? "")) {
      outcome.unsupported.push(resourceType);
    } else {
      const error = listed.error;
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
  const outcome = await context.calls.run(commandName, read);
  if (outcome.ok) return { items: outcome.value };
  if (isNotFoundError(outcome.raw)) return { gone: true };
  return { error: outcome.error };
}

/**
 * Every follow-up call for one instance. DescribeInstance comes first (a failed creation or a
 * deleted instance needs nothing more); then the storage configs and the three other lists run
 * side by side, each API paced on the client at its own quota. A `*NotFound*` answer outside the
 * storage calls means the instance was deleted meanwhile: it is dropped silently
 * (docs/controls.md#failed-calls). Errors and `uncollected` keep the calls' order, whatever
 * finished first, so results are the same from one scan to the next.
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

  const described = await context.calls.run("DescribeInstanceCommand", () =>
    context.client.send(new DescribeInstanceCommand({ InstanceId: listed.id })),
  );
  if (described.ok) {
    instance = withDescription(instance, described.value.Instance);
    if (instance.status === CREATION_FAILED) return { instance, errors: [] };
  } else if (isNotFoundError(described.raw)) {
    return { errors: [] };
  } else {
    failed("DescribeInstanceCommand", described);
  }

  const paging = pagingOf(context.client);
  const instanceId = instance.id;
  const [storage, origins, integrations, profiles] = await Promise.all([
    collectStorageConfigs(context, instanceId),
    readDetail(context, "ListApprovedOriginsCommand", () =>
      readAllPages(
        paginateListApprovedOrigins(paging, { InstanceId: instanceId, MaxResults: APPROVED_ORIGIN_PAGE_SIZE }),
        (page) => page.Origins,
      ),
    ),
    readDetail(context, "ListIntegrationAssociationsCommand", () =>
      readAllPages(
        paginateListIntegrationAssociations(paging, { InstanceId: instanceId, MaxResults: INTEGRATION_PAGE_SIZE }),
        (page) => page.IntegrationAssociationSummaryList,
      ),
    ),
    readDetail(context, "ListSecurityProfilesCommand", () =>
      readAllPages(
        paginateListSecurityProfiles(paging, { InstanceId: instanceId, MaxResults: SECURITY_PROFILE_PAGE_SIZE }),
        (page) => page.SecurityProfileSummaryList,
      ),
    ),
  ]);
  if ("gone" in origins || "gone" in integrations || "gone" in profiles) return { errors: [] };

  instance.storageConfigs = storage.configs;
  instance.unsupportedResourceTypes = storage.unsupported;
  if (storage.uncollected.length > 0) instance.uncollectedResourceTypes = storage.uncollected;
  errors.push(...storage.errors);

  if ("error" in origins) failed("ListApprovedOriginsCommand", origins);
  else instance.approvedOrigins = origins.items.filter((origin) => origin !== "");

  if ("error" in integrations) failed("ListIntegrationAssociationsCommand", integrations);
  else instance.integrations = integrations.items.map(toIntegration);

  if ("error" in profiles) failed("ListSecurityProfilesCommand", profiles);
  else instance.securityProfiles = profiles.items.filter((summary) => Boolean(summary.Id)).map(toSecurityProfile);

  if (uncollected.length > 0) instance.uncollected = uncollected;
  return { instance, errors };
}

/**
 * Collects one Region with the given client (tests pass a mocked one). `calls` is the Region's
 * queue; by default one of the shared concurrency limit.
 */
export async function collectConnectRegionWithClient(
  client: ConnectClient,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "connect", region, prefix: "connect" }),
): Promise<ConnectRegionResult> {
  const context: RegionContext = { client, calls };

  const listed = await calls.run("ListInstancesCommand", () =>
    readAllPages(
      paginateListInstances(pagingOf(client), { MaxResults: INSTANCE_PAGE_SIZE }),
      (page) => page.InstanceSummaryList,
    ),
  );
  // Without the instance list nothing else can be asked; a Region that does not answer is skipped.
  if (!listed.ok) return { inventory: emptyRegion(region), errors: [listed.error] };

  const summaries = listed.value.filter((summary) => Boolean(summary.Id) && Boolean(summary.Arn));
  // Budget rule (docs/controls.md#call-budget): an empty Region costs exactly one call.
  if (summaries.length === 0) return { inventory: emptyRegion(region), errors: [] };

  // All instances queue their calls in the Region's queue; each instance keeps its own order.
  const results = await Promise.all(
    summaries.map((summary) => collectInstance(context, toConnectInstance(summary, region))),
  );
  const errors = distinctErrors(results.flatMap((result) => result.errors));
  const unavailable = errors.find((error) => isRegionWide(error.kind));
  if (unavailable) return { inventory: emptyRegion(region), errors: [unavailable] };

  const instances = results.flatMap((result) => (result.instance ? [result.instance] : []));
  return { inventory: { region, instances }, errors };
}
