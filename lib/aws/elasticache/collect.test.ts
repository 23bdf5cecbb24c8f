import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeSnapshotsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
  type CacheCluster as SdkCacheCluster,
  type ReplicationGroup as SdkReplicationGroup,
  type ServerlessCache as SdkServerlessCache,
} from "@aws-sdk/client-elasticache";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  collectElastiCacheRegion,
  engineVersionsByReplicationGroup,
  toCacheCluster,
  toCacheUser,
  toNodeBasedSnapshot,
  toReplicationGroup,
  toServerlessCache,
  toServerlessSnapshot,
  toUserGroup,
} from "./collect";

const REGION = "us-east-1";
const ACCOUNT = "111122223333";
const arn = (kind: string, name: string) => `arn:aws:elasticache:${REGION}:${ACCOUNT}:${kind}:${name}`;

// SDK-shaped fixtures, as DescribeX returns them.
const sdkGroup = (id: string, extra: Partial<SdkReplicationGroup> = {}): SdkReplicationGroup => ({
  ReplicationGroupId: id,
  ARN: arn("replicationgroup", id),
  Status: "available",
  Engine: "valkey",
  MemberClusters: [`${id}-001`],
  ...extra,
});
const sdkCluster = (id: string, extra: Partial<SdkCacheCluster> = {}): SdkCacheCluster => ({
  CacheClusterId: id,
  ARN: arn("cluster", id),
  Engine: "memcached",
  EngineVersion: "1.6.22",
  CacheClusterStatus: "available",
  ...extra,
});
const sdkServerless = (name: string, extra: Partial<SdkServerlessCache> = {}): SdkServerlessCache => ({
  ServerlessCacheName: name,
  ARN: arn("serverlesscache", name),
  Status: "available",
  Engine: "valkey",
  MajorEngineVersion: "8",
  ...extra,
});

const client = new ElastiCacheClient({ region: REGION });
const ec = mockClient(ElastiCacheClient);

/** Every list empty unless a test says otherwise. */
function emptyAnswers() {
  ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
  ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });
  ec.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [] });
  ec.on(DescribeUserGroupsCommand).resolves({ UserGroups: [] });
  ec.on(DescribeUsersCommand).resolves({ Users: [] });
  ec.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  ec.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: [] });
}

/** An SDK-style error: what the SDK throws after its own retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts } });
}

beforeEach(() => {
  ec.reset();
  emptyAnswers();
});

describe("reshaping SDK objects", () => {
  it("maps a replication group with every field", () => {
    const group = sdkGroup("orders", {
      Description: "Orders cache",
      CacheNodeType: "cache.r7g.large",
      ClusterMode: "enabled",
      ClusterEnabled: true,
      MemberClusters: ["orders-0001-001", "orders-0001-002"],
      DataTiering: "disabled",
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: "required",
      AtRestEncryptionEnabled: true,
      StorageEncryptionType: "sse-kms",
      KmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234",
      AuthTokenEnabled: false,
      UserGroupIds: ["orders-users"],
      GlobalReplicationGroupInfo: {
        GlobalReplicationGroupId: "ldgnf-orders",
        GlobalReplicationGroupMemberRole: "PRIMARY",
      },
    });
    expect(toReplicationGroup(group, REGION, "7.2.4")).toEqual({
      id: "orders",
      arn: arn("replicationgroup", "orders"),
      region: REGION,
      description: "Orders cache",
      status: "available",
      engine: "valkey",
      engineVersion: "7.2.4",
      cacheNodeType: "cache.r7g.large",
      clusterMode: "enabled",
      memberClusters: ["orders-0001-001", "orders-0001-002"],
      dataTiering: "disabled",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      atRestEncryptionEnabled: true,
      storageEncryptionType: "sse-kms",
      kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234",
      authTokenEnabled: false,
      userGroupIds: ["orders-users"],
      globalReplicationGroupId: "ldgnf-orders",
    });
  });

  it("keeps missing fields undefined and missing lists empty", () => {
    const group = toReplicationGroup({ ReplicationGroupId: "bare", ARN: arn("replicationgroup", "bare") }, REGION);
    expect(group.memberClusters).toEqual([]);
    expect(group.userGroupIds).toEqual([]);
    for (const field of [
      "engineVersion",
      "transitEncryptionEnabled",
      "storageEncryptionType",
      "authTokenEnabled",
      "globalReplicationGroupId",
    ] as const) {
      expect(group[field]).toBeUndefined();
    }
    expect(toUserGroup({ UserGroupId: "g", ARN: arn("usergroup", "g") }, REGION)).toMatchObject({
      userIds: [],
      replicationGroups: [],
      serverlessCaches: [],
    });
    expect(toCacheUser({ UserId: "u", ARN: arn("user", "u") }, REGION)).toMatchObject({
      userGroupIds: [],
      authenticationType: undefined,
      passwordCount: undefined,
    });
  });

  it("maps a cache cluster", () => {
    const cluster = sdkCluster("orders-0001-001", {
      Engine: "redis",
      EngineVersion: "7.1.0",
      CacheNodeType: "cache.t4g.small",
      ReplicationGroupId: "orders",
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: "preferred",
      AtRestEncryptionEnabled: false,
      AuthTokenEnabled: true,
    });
    expect(toCacheCluster(cluster, REGION)).toEqual({
      id: "orders-0001-001",
      arn: arn("cluster", "orders-0001-001"),
      region: REGION,
      engine: "redis",
      engineVersion: "7.1.0",
      cacheNodeType: "cache.t4g.small",
      status: "available",
      replicationGroupId: "orders",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "preferred",
      atRestEncryptionEnabled: false,
      authTokenEnabled: true,
    });
  });

  it("maps a serverless cache", () => {
    const cache = sdkServerless("sessions", {
      Description: "Sessions",
      FullEngineVersion: "8.0",
      KmsKeyId: "key-1",
      StorageEncryptionType: "sse-kms",
      UserGroupId: "sessions-users",
    });
    expect(toServerlessCache(cache, REGION)).toEqual({
      name: "sessions",
      arn: arn("serverlesscache", "sessions"),
      region: REGION,
      description: "Sessions",
      status: "available",
      engine: "valkey",
      majorEngineVersion: "8",
      kmsKeyId: "key-1",
      storageEncryptionType: "sse-kms",
      userGroupId: "sessions-users",
    });
  });

  it("maps a user group", () => {
    const group = {
      UserGroupId: "orders-users",
      ARN: arn("usergroup", "orders-users"),
      Status: "active",
      Engine: "redis",
      UserIds: ["default", "app"],
      ReplicationGroups: ["orders"],
      ServerlessCaches: ["sessions"],
      PendingChanges: { UserIdsToAdd: ["later"] },
    };
    expect(toUserGroup(group, REGION)).toEqual({
      id: "orders-users",
      arn: arn("usergroup", "orders-users"),
      region: REGION,
      status: "active",
      engine: "redis",
      userIds: ["default", "app"],
      replicationGroups: ["orders"],
      serverlessCaches: ["sessions"],
    });
  });

  it("maps a user, taking authentication type and password count from Authentication", () => {
    const user = {
      UserId: "app",
      UserName: "app",
      ARN: arn("user", "app"),
      Status: "active",
      Engine: "valkey",
      MinimumEngineVersion: "7.2",
      AccessString: "on ~app:* +@read",
      UserGroupIds: ["orders-users"],
      Authentication: { Type: "password" as const, PasswordCount: 2 },
    };
    expect(toCacheUser(user, REGION)).toEqual({
      id: "app",
      userName: "app",
      arn: arn("user", "app"),
      region: REGION,
      status: "active",
      engine: "valkey",
      accessString: "on ~app:* +@read",
      userGroupIds: ["orders-users"],
      authenticationType: "password",
      passwordCount: 2,
    });
  });

  it("maps both kinds of snapshot into CacheSnapshot", () => {
    const nodeSnapshot = {
      SnapshotName: "orders-nightly",
      ARN: arn("snapshot", "orders-nightly"),
      ReplicationGroupId: "orders",
      CacheClusterId: "orders-0001-001",
      Engine: "redis",
      KmsKeyId: "key-1",
      DataTiering: "enabled" as const,
    };
    expect(toNodeBasedSnapshot(nodeSnapshot, REGION)).toEqual({
      name: "orders-nightly",
      arn: arn("snapshot", "orders-nightly"),
      region: REGION,
      kind: "node-based",
      replicationGroupId: "orders",
      cacheClusterId: "orders-0001-001",
      engine: "redis",
      kmsKeyId: "key-1",
      dataTiering: "enabled",
    });
    const serverlessSnapshot = {
      ServerlessCacheSnapshotName: "sessions-daily",
      ARN: arn("serverlesscachesnapshot", "sessions-daily"),
      KmsKeyId: "key-2",
      ServerlessCacheConfiguration: { ServerlessCacheName: "sessions", Engine: "valkey", MajorEngineVersion: "8" },
    };
    expect(toServerlessSnapshot(serverlessSnapshot, REGION)).toEqual({
      name: "sessions-daily",
      arn: arn("serverlesscachesnapshot", "sessions-daily"),
      region: REGION,
      kind: "serverless",
      serverlessCacheName: "sessions",
      engine: "valkey",
      kmsKeyId: "key-2",
    });
  });

  it("takes a replication group's engine version from its members, the lowest while an upgrade rolls", () => {
    const versions = engineVersionsByReplicationGroup([
      sdkCluster("a-001", { ReplicationGroupId: "a", EngineVersion: "7.1.0" }),
      sdkCluster("a-002", { ReplicationGroupId: "a", EngineVersion: "6.2.6" }),
      sdkCluster("a-003", { ReplicationGroupId: "a", EngineVersion: "10.0.0" }),
      sdkCluster("b-001", { ReplicationGroupId: "b", EngineVersion: "8.0.1" }),
      sdkCluster("standalone", { EngineVersion: "1.6.22" }),
      sdkCluster("c-001", { ReplicationGroupId: "c", EngineVersion: undefined }),
    ]);
    expect(Object.fromEntries(versions)).toEqual({ a: "6.2.6", b: "8.0.1" });
  });
});

describe("collectElastiCacheRegion", () => {
  it("collects every resource type of a region and joins engine versions", async () => {
    ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [sdkGroup("orders")] });
    ec.on(DescribeCacheClustersCommand).resolves({
      CacheClusters: [
        sdkCluster("orders-001", { Engine: "valkey", EngineVersion: "8.0.1", ReplicationGroupId: "orders" }),
        sdkCluster("memcached-1"),
      ],
    });
    ec.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [sdkServerless("sessions")] });
    ec.on(DescribeUserGroupsCommand).resolves({
      UserGroups: [{ UserGroupId: "orders-users", ARN: arn("usergroup", "orders-users") }],
    });
    ec.on(DescribeUsersCommand).resolves({
      Users: [
        {
          UserId: "default",
          ARN: arn("user", "default"),
          AccessString: "on ~* +@all",
          Authentication: { Type: "no-password" },
        },
      ],
    });
    ec.on(DescribeSnapshotsCommand).resolves({
      Snapshots: [{ SnapshotName: "orders-nightly", ARN: arn("snapshot", "orders-nightly") }],
    });
    ec.on(DescribeServerlessCacheSnapshotsCommand).resolves({
      ServerlessCacheSnapshots: [
        { ServerlessCacheSnapshotName: "sessions-daily", ARN: arn("serverlesscachesnapshot", "sessions-daily") },
      ],
    });

    const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.region).toBe(REGION);
    expect(inventory.replicationGroups).toMatchObject([{ id: "orders", engineVersion: "8.0.1", region: REGION }]);
    expect(inventory.cacheClusters.map((c) => c.id)).toEqual(["orders-001", "memcached-1"]);
    expect(inventory.serverlessCaches.map((c) => c.name)).toEqual(["sessions"]);
    expect(inventory.userGroups.map((g) => g.id)).toEqual(["orders-users"]);
    expect(inventory.users).toMatchObject([{ id: "default", authenticationType: "no-password" }]);
    expect(inventory.snapshots.map((s) => [s.name, s.kind])).toEqual([
      ["orders-nightly", "node-based"],
      ["sessions-daily", "serverless"],
    ]);
  });

  it("sends the call budget's page sizes, and none for users and user groups", async () => {
    ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [sdkCluster("memcached-1")] });
    await collectElastiCacheRegion(client, REGION);

    expect(ec).toHaveReceivedCommandWith(DescribeReplicationGroupsCommand, { MaxRecords: 100 });
    expect(ec).toHaveReceivedCommandWith(DescribeCacheClustersCommand, { MaxRecords: 100 });
    expect(ec).toHaveReceivedCommandWith(DescribeServerlessCachesCommand, { MaxResults: 50 });
    expect(ec).toHaveReceivedCommandWith(DescribeSnapshotsCommand, { MaxRecords: 50 });
    expect(ec).toHaveReceivedCommandWith(DescribeServerlessCacheSnapshotsCommand, { MaxResults: 50 });
    expect(ec.commandCalls(DescribeUsersCommand)[0]?.args[0].input.MaxRecords).toBeUndefined();
    expect(ec.commandCalls(DescribeUserGroupsCommand)[0]?.args[0].input.MaxRecords).toBeUndefined();
  });

  it("follows Marker pages of replication groups and NextToken pages of serverless caches", async () => {
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    ec.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [sdkGroup("rg-1"), sdkGroup("rg-2")],
      Marker: "rg-page-2",
    });
    ec.on(DescribeReplicationGroupsCommand, { Marker: "rg-page-2" }).resolves({
      ReplicationGroups: [sdkGroup("rg-3")],
    });
    ec.on(DescribeServerlessCachesCommand).resolves({
      ServerlessCaches: [sdkServerless("sc-1")],
      NextToken: "sc-page-2",
    });
    ec.on(DescribeServerlessCachesCommand, { NextToken: "sc-page-2" }).resolves({
      ServerlessCaches: [sdkServerless("sc-2")],
      NextToken: "sc-page-3",
    });
    ec.on(DescribeServerlessCachesCommand, { NextToken: "sc-page-3" }).resolves({
      ServerlessCaches: [sdkServerless("sc-3")],
    });

    const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.replicationGroups.map((g) => g.id)).toEqual(["rg-1", "rg-2", "rg-3"]);
    expect(inventory.serverlessCaches.map((c) => c.name)).toEqual(["sc-1", "sc-2", "sc-3"]);
    expect(ec).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 2);
    expect(ec).toHaveReceivedCommandTimes(DescribeServerlessCachesCommand, 3);
    expect(ec).toHaveReceivedLastCommandWith(DescribeServerlessCachesCommand, {
      NextToken: "sc-page-3",
      MaxResults: 50,
    });
  });

  it("stops paging when the service repeats its last token", async () => {
    ec.on(DescribeCacheClustersCommand)
      .resolvesOnce({ CacheClusters: [sdkCluster("n-1")], Marker: "same" })
      .resolves({ CacheClusters: [], Marker: "same" });
    const { inventory } = await collectElastiCacheRegion(client, REGION);
    expect(inventory.cacheClusters.map((c) => c.id)).toEqual(["n-1"]);
    expect(ec).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 2);
  });

  it("makes only the three cache calls in a region without caches (call budget)", async () => {
    const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory).toEqual({
      region: REGION,
      replicationGroups: [],
      cacheClusters: [],
      serverlessCaches: [],
      userGroups: [],
      users: [],
      snapshots: [],
    });
    expect(ec).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeCacheClustersCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeServerlessCachesCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeUserGroupsCommand, 0);
    expect(ec).toHaveReceivedCommandTimes(DescribeUsersCommand, 0);
    expect(ec).toHaveReceivedCommandTimes(DescribeSnapshotsCommand, 0);
    expect(ec).toHaveReceivedCommandTimes(DescribeServerlessCacheSnapshotsCommand, 0);
  });

  it.each([
    {
      kind: "a replication group",
      stub: () => ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [sdkGroup("rg")] }),
    },
    {
      kind: "a cache cluster",
      stub: () => ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [sdkCluster("node")] }),
    },
    {
      kind: "a serverless cache",
      stub: () => ec.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [sdkServerless("sc")] }),
    },
  ])("reads users, user groups and backups once the region has $kind", async ({ stub }) => {
    stub();
    await collectElastiCacheRegion(client, REGION);
    expect(ec).toHaveReceivedCommandTimes(DescribeUserGroupsCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeUsersCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeSnapshotsCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeServerlessCacheSnapshotsCommand, 1);
  });

  it("still reads users and backups when a cache list failed, since caches may exist", async () => {
    ec.on(DescribeReplicationGroupsCommand).rejects(awsError("AccessDenied", "denied", 403));
    const { errors } = await collectElastiCacheRegion(client, REGION);
    expect(errors.map((e) => e.action)).toEqual(["elasticache:DescribeReplicationGroups"]);
    expect(ec).toHaveReceivedCommandTimes(DescribeUsersCommand, 1);
    expect(ec).toHaveReceivedCommandTimes(DescribeSnapshotsCommand, 1);
  });

  it("keeps at most three calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const slowAnswer = (answer: object) => async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return answer;
    };
    ec.on(DescribeReplicationGroupsCommand).callsFake(slowAnswer({ ReplicationGroups: [sdkGroup("rg")] }));
    ec.on(DescribeCacheClustersCommand).callsFake(slowAnswer({ CacheClusters: [] }));
    ec.on(DescribeServerlessCachesCommand).callsFake(slowAnswer({ ServerlessCaches: [] }));
    ec.on(DescribeUserGroupsCommand).callsFake(slowAnswer({ UserGroups: [] }));
    ec.on(DescribeUsersCommand).callsFake(slowAnswer({ Users: [] }));
    ec.on(DescribeSnapshotsCommand).callsFake(slowAnswer({ Snapshots: [] }));
    ec.on(DescribeServerlessCacheSnapshotsCommand).callsFake(slowAnswer({ ServerlessCacheSnapshots: [] }));

    await collectElastiCacheRegion(client, REGION);

    expect(peak).toBe(3);
    expect(ec.calls()).toHaveLength(7);
  });

  it("keeps resources that are being deleted or failed to create: controls decide", async () => {
    ec.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [sdkGroup("going", { Status: "deleting" }), sdkGroup("broken", { Status: "create-failed" })],
    });
    const { inventory } = await collectElastiCacheRegion(client, REGION);
    expect(inventory.replicationGroups.map((g) => g.status)).toEqual(["deleting", "create-failed"]);
  });

  it("leaves out resources that come back without their identifier", async () => {
    ec.on(DescribeCacheClustersCommand).resolves({
      CacheClusters: [sdkCluster("ok"), { ARN: "arn:nameless" }, { CacheClusterId: "" }],
    });
    const { inventory } = await collectElastiCacheRegion(client, REGION);
    expect(inventory.cacheClusters.map((c) => c.id)).toEqual(["ok"]);
  });

  describe("failed calls", () => {
    beforeEach(() => {
      ec.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [sdkGroup("orders")] });
      ec.on(DescribeSnapshotsCommand).resolves({
        Snapshots: [{ SnapshotName: "orders-nightly", ARN: arn("snapshot", "orders-nightly") }],
      });
    });

    it("turns access denied into an error naming the action, and collects the rest", async () => {
      const message =
        "User: arn:aws:iam::111122223333:user/x is not authorized to perform: elasticache:DescribeUsers on resource: arn:aws:elasticache:us-east-1:111122223333:user:* because no identity-based policy allows the elasticache:DescribeUsers action";
      ec.on(DescribeUsersCommand).rejects(
        new ElastiCacheServiceException({
          name: "AccessDeniedException",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message,
        }),
      );

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors).toEqual([
        {
          service: "elasticache",
          region: REGION,
          action: "elasticache:DescribeUsers",
          kind: "access-denied",
          message: "insufficient permissions: elasticache:DescribeUsers",
        },
      ]);
      expect(inventory.users).toEqual([]);
      expect(inventory.replicationGroups.map((g) => g.id)).toEqual(["orders"]);
      expect(inventory.snapshots.map((s) => s.name)).toEqual(["orders-nightly"]);
    });

    it("reports throttling that outlasted the SDK's retries", async () => {
      ec.on(DescribeUserGroupsCommand).rejects(awsError("Throttling", "Rate exceeded", 400, 8));

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors).toEqual([
        {
          service: "elasticache",
          region: REGION,
          action: "elasticache:DescribeUserGroups",
          kind: "throttled",
          message: "throttled: Throttling: Rate exceeded",
        },
      ]);
      expect(inventory.replicationGroups).toHaveLength(1);
      expect(inventory.snapshots).toHaveLength(1);
    });

    it("stops a region that is not enabled and returns only that error", async () => {
      ec.on(DescribeReplicationGroupsCommand).rejects(
        awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
      );

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors).toEqual([
        {
          service: "elasticache",
          region: REGION,
          action: "elasticache:DescribeReplicationGroups",
          kind: "credentials-rejected",
          message:
            "the Region rejected the credentials: UnrecognizedClientException: The security token included in the request is invalid.",
        },
      ]);
      expect(inventory.replicationGroups).toEqual([]);
      expect(inventory.snapshots).toEqual([]);
      expect(ec).toHaveReceivedCommandTimes(DescribeUsersCommand, 0);
      expect(ec).toHaveReceivedCommandTimes(DescribeSnapshotsCommand, 0);
    });

    it("stops a region whose endpoint does not resolve", async () => {
      ec.on(DescribeServerlessCachesCommand).rejects(
        Object.assign(new Error("getaddrinfo ENOTFOUND elasticache.xx-new-1.amazonaws.com"), { code: "ENOTFOUND" }),
      );
      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);
      expect(errors.map((e) => [e.kind, e.action])).toEqual([
        ["region-unavailable", "elasticache:DescribeServerlessCaches"],
      ]);
      expect(inventory.replicationGroups).toEqual([]);
    });

    it("reports any other error with its name and message, and collects the rest", async () => {
      ec.on(DescribeServerlessCacheSnapshotsCommand).rejects(
        awsError("InvalidParameterValueException", "The parameter MaxResults is not valid.", 400),
      );

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors).toEqual([
        {
          service: "elasticache",
          region: REGION,
          action: "elasticache:DescribeServerlessCacheSnapshots",
          kind: "other",
          message: "InvalidParameterValueException: The parameter MaxResults is not valid.",
        },
      ]);
      expect(inventory.snapshots.map((s) => s.name)).toEqual(["orders-nightly"]);
      expect(inventory.replicationGroups).toHaveLength(1);
    });

    it("reports one error per failed call and keeps going", async () => {
      ec.on(DescribeCacheClustersCommand).rejects(awsError("AccessDenied", "denied", 403));
      ec.on(DescribeUsersCommand).rejects(awsError("Throttling", "Rate exceeded", 400, 8));
      ec.on(DescribeSnapshotsCommand).rejects(new Error("socket hang up"));

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors.map((e) => [e.action, e.kind])).toEqual([
        ["elasticache:DescribeCacheClusters", "access-denied"],
        ["elasticache:DescribeUsers", "throttled"],
        ["elasticache:DescribeSnapshots", "other"],
      ]);
      // Without the member clusters the group's engine version is unknown, not wrong.
      expect(inventory.replicationGroups).toMatchObject([{ id: "orders", engineVersion: undefined }]);
    });

    it("drops a list that failed on a later page rather than reporting half of it", async () => {
      ec.on(DescribeReplicationGroupsCommand)
        .resolvesOnce({ ReplicationGroups: [sdkGroup("rg-1")], Marker: "page-2" })
        .rejectsOnce(awsError("Throttling", "Rate exceeded", 400, 8));
      ec.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [sdkCluster("node")] });

      const { inventory, errors } = await collectElastiCacheRegion(client, REGION);

      expect(errors.map((e) => e.action)).toEqual(["elasticache:DescribeReplicationGroups"]);
      expect(inventory.replicationGroups).toEqual([]);
      expect(inventory.cacheClusters).toHaveLength(1);
    });

    it("never throws, whatever the client throws", async () => {
      ec.on(DescribeReplicationGroupsCommand).rejects("plain string rejection");
      await expect(collectElastiCacheRegion(client, REGION)).resolves.toMatchObject({
        errors: [{ action: "elasticache:DescribeReplicationGroups", kind: "other" }],
      });
    });
  });
});
