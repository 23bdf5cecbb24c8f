/**
 * Collects one Region's ElastiCache resources (docs/controls.md#service-elasticache) into Safekeep's inventory types.
 * It never throws: each list call that fails becomes one CollectionError and the other calls go on,
 * so a missing permission costs only the controls that needed that call.
 */
import {
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
  paginateDescribeUserGroups,
  paginateDescribeUsers,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { isRegionWide, type CollectionError, type ElastiCacheRegionInventory } from "@/lib/inventory";
import { createRegionCalls, pagingOf, readAllPages, type RegionCalls } from "../harness";
import {
  engineVersionsByReplicationGroup,
  toCacheCluster,
  toCacheUser,
  toNodeBasedSnapshot,
  toReplicationGroup,
  toServerlessCache,
  toServerlessSnapshot,
  toUserGroup,
} from "./reshape";

export {
  engineVersionsByReplicationGroup,
  toCacheCluster,
  toCacheUser,
  toNodeBasedSnapshot,
  toReplicationGroup,
  toServerlessCache,
  toServerlessSnapshot,
  toUserGroup,
} from "./reshape";

export interface ElastiCacheRegionResult {
  inventory: ElastiCacheRegionInventory;
  /** One entry per failed list call. A `region-unavailable` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/** Page sizes from docs/controls.md#call-budget (the maximum each API accepts, to keep the call count low). */
const CACHE_PAGE_SIZE = 100;
const SERVERLESS_PAGE_SIZE = 50;
const SNAPSHOT_PAGE_SIZE = 50;

type ListOutcome<Item> = { items: Item[]; error?: undefined } | { items?: undefined; error: CollectionError };

function emptyRegion(region: string): ElastiCacheRegionInventory {
  return {
    region,
    replicationGroups: [],
    cacheClusters: [],
    serverlessCaches: [],
    userGroups: [],
    users: [],
    snapshots: [],
  };
}

/**
 * Returns a function that reads one paginated list to the end in the Region's queue, turning a
 * failure into a CollectionError. A list that fails on a later page yields no items: half a list
 * would let controls judge incomplete data as if it were complete.
 */
function createLister(calls: RegionCalls) {
  return async <Page, Item>(
    commandName: string,
    pages: () => AsyncIterable<Page>,
    itemsOf: (page: Page) => Item[] | undefined,
  ): Promise<ListOutcome<Item>> => {
    const outcome = await calls.run(commandName, () => readAllPages(pages(), itemsOf));
    return outcome.ok ? { items: outcome.value } : { error: outcome.error };
  };
}

/** Resources without their identifying field cannot be reported or fixed, so they are left out. */
function withField<Item, Key extends keyof Item>(
  items: readonly Item[] | undefined,
  key: Key,
): Array<Item & Record<Key, string>> {
  return (items ?? []).filter(
    (item): item is Item & Record<Key, string> => typeof item[key] === "string" && item[key] !== "",
  );
}

function failures(outcomes: ReadonlyArray<ListOutcome<unknown>>): CollectionError[] {
  return outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : []));
}

/** Nothing from a Region that does not answer is kept: the caller reports it as skipped. */
function regionUnavailable(region: string, errors: readonly CollectionError[]): ElastiCacheRegionResult | undefined {
  const error = errors.find((candidate) => isRegionWide(candidate.kind));
  return error ? { inventory: emptyRegion(region), errors: [error] } : undefined;
}

/**
 * Collects one Region with the given client (tests pass a mocked one). `calls` is the Region's
 * queue; by default one of the shared concurrency limit.
 */
export async function collectElastiCacheRegion(
  client: ElastiCacheClient,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "elasticache", region, prefix: "elasticache" }),
): Promise<ElastiCacheRegionResult> {
  const list = createLister(calls);
  const paging = pagingOf(client);

  const [groups, clusters, serverless] = await Promise.all([
    list(
      "DescribeReplicationGroupsCommand",
      () => paginateDescribeReplicationGroups(paging, { MaxRecords: CACHE_PAGE_SIZE }),
      (page) => page.ReplicationGroups,
    ),
    list(
      "DescribeCacheClustersCommand",
      () => paginateDescribeCacheClusters(paging, { MaxRecords: CACHE_PAGE_SIZE }),
      (page) => page.CacheClusters,
    ),
    list(
      "DescribeServerlessCachesCommand",
      () => paginateDescribeServerlessCaches(paging, { MaxResults: SERVERLESS_PAGE_SIZE }),
      (page) => page.ServerlessCaches,
    ),
  ]);
  const cacheErrors = failures([groups, clusters, serverless]);
  const unavailable = regionUnavailable(region, cacheErrors);
  if (unavailable) return unavailable;

  const inventory = emptyRegion(region);
  const sdkClusters = withField(clusters.items, "CacheClusterId");
  const versions = engineVersionsByReplicationGroup(sdkClusters);
  inventory.replicationGroups = withField(groups.items, "ReplicationGroupId").map((group) =>
    toReplicationGroup(group, region, versions.get(group.ReplicationGroupId)),
  );
  inventory.cacheClusters = sdkClusters.map((cluster) => toCacheCluster(cluster, region));
  inventory.serverlessCaches = withField(serverless.items, "ServerlessCacheName").map((cache) =>
    toServerlessCache(cache, region),
  );

  // Budget rule (docs/controls.md#call-budget): users, user groups and backups only matter where a cache exists. When a
  // cache list failed we cannot know, so they are still read rather than silently skipped.
  const anyCache =
    inventory.replicationGroups.length + inventory.cacheClusters.length + inventory.serverlessCaches.length > 0;
  if (!anyCache && cacheErrors.length === 0) return { inventory, errors: [] };

  // Users and user groups get no page size: the API documents no default or maximum (docs/controls.md#call-budget).
  const [userGroups, users, snapshots, serverlessSnapshots] = await Promise.all([
    list(
      "DescribeUserGroupsCommand",
      () => paginateDescribeUserGroups(paging, {}),
      (page) => page.UserGroups,
    ),
    list(
      "DescribeUsersCommand",
      () => paginateDescribeUsers(paging, {}),
      (page) => page.Users,
    ),
    list(
      "DescribeSnapshotsCommand",
      () => paginateDescribeSnapshots(paging, { MaxRecords: SNAPSHOT_PAGE_SIZE }),
      (page) => page.Snapshots,
    ),
    list(
      "DescribeServerlessCacheSnapshotsCommand",
      () => paginateDescribeServerlessCacheSnapshots(paging, { MaxResults: SNAPSHOT_PAGE_SIZE }),
      (page) => page.ServerlessCacheSnapshots,
    ),
  ]);
  const errors = [...cacheErrors, ...failures([userGroups, users, snapshots, serverlessSnapshots])];
  const unavailableLater = regionUnavailable(region, errors);
  if (unavailableLater) return unavailableLater;

  inventory.userGroups = withField(userGroups.items, "UserGroupId").map((group) => toUserGroup(group, region));
  inventory.users = withField(users.items, "UserId").map((user) => toCacheUser(user, region));
  inventory.snapshots = [
    ...withField(snapshots.items, "SnapshotName").map((snapshot) => toNodeBasedSnapshot(snapshot, region)),
    ...withField(serverlessSnapshots.items, "ServerlessCacheSnapshotName").map((snapshot) =>
      toServerlessSnapshot(snapshot, region),
    ),
  ];
  return { inventory, errors };
}
