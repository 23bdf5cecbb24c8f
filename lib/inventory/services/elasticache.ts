/** Amazon ElastiCache, described once for the cross-cutting code (see ./types.ts). */
import { SERVICE_NAMES } from "../common";
import type { Inventory } from "../index";
import { NOT_WALKED, present, push, type FieldResource } from "./fields";
import type { ServiceDescriptor, TextField } from "./types";

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.elasticache?.regions ?? []) {
    for (const group of region.replicationGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "Replication group",
        region: group.region,
        resourceName: group.id,
      };
      push(into, resource, "ReplicationGroupId", group.id);
      push(into, resource, "Description", group.description);
    }
    // Member clusters are named `<group id>-001`: the group's row already covers their names.
    for (const cluster of region.cacheClusters.filter((c) => c.replicationGroupId === undefined)) {
      const resource = {
        resourceArn: cluster.arn,
        resourceType: "Cache cluster",
        region: cluster.region,
        resourceName: cluster.id,
      };
      push(into, resource, "CacheClusterId", cluster.id);
    }
    for (const cache of region.serverlessCaches) {
      const resource = {
        resourceArn: cache.arn,
        resourceType: "Serverless cache",
        region: cache.region,
        resourceName: cache.name,
      };
      push(into, resource, "ServerlessCacheName", cache.name);
      push(into, resource, "Description", cache.description);
    }
    for (const group of region.userGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "User group",
        region: group.region,
        resourceName: group.id,
      };
      push(into, resource, "UserGroupId", group.id);
    }
    for (const user of region.users) {
      const resource: FieldResource = {
        resourceArn: user.arn,
        resourceType: "Cache user",
        region: user.region,
        resourceName: user.id,
      };
      push(into, resource, "UserId", user.id);
      if (user.userName !== user.id) push(into, resource, "UserName", user.userName);
    }
    for (const snapshot of region.snapshots) {
      const resource = {
        resourceArn: snapshot.arn,
        resourceType: "Snapshot",
        region: snapshot.region,
        resourceName: snapshot.name,
      };
      push(
        into,
        resource,
        snapshot.kind === "serverless" ? "ServerlessCacheSnapshotName" : "SnapshotName",
        snapshot.name,
      );
    }
  }
  return into;
}

export const elasticache: ServiceDescriptor = {
  id: "elasticache",
  name: SERVICE_NAMES.elasticache,
  part: "elasticache",
  iamPrefixes: ["elasticache"],
  taggedResourceTypes: ["elasticache"],
  textFields,
  urlFields: () => [],
  textFieldActions: [
    "elasticache:DescribeReplicationGroups",
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeServerlessCaches",
    "elasticache:DescribeUserGroups",
    "elasticache:DescribeUsers",
    "elasticache:DescribeSnapshots",
    "elasticache:DescribeServerlessCacheSnapshots",
  ],
  urlFieldActions: [],
  textFieldExemptions: {
    "regions[].region": NOT_WALKED.region,
    "regions[].replicationGroups[].arn": NOT_WALKED.arn,
    "regions[].replicationGroups[].region": NOT_WALKED.region,
    "regions[].replicationGroups[].status": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].engine": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].engineVersion": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].cacheNodeType": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].clusterMode": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].dataTiering": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].transitEncryptionMode": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].storageEncryptionType": NOT_WALKED.awsValue,
    "regions[].replicationGroups[].kmsKeyId": NOT_WALKED.key,
    "regions[].replicationGroups[].memberClusters[]":
      "member cluster ids, the group id plus an AWS-numbered suffix (-001)",
    "regions[].replicationGroups[].userGroupIds[]": NOT_WALKED.reference,
    "regions[].replicationGroups[].globalReplicationGroupId":
      "global datastore id: an AWS-generated prefix plus a name walked where the datastore's own group is scanned",
    "regions[].cacheClusters[].arn": NOT_WALKED.arn,
    "regions[].cacheClusters[].region": NOT_WALKED.region,
    "regions[].cacheClusters[].engine": NOT_WALKED.awsValue,
    "regions[].cacheClusters[].engineVersion": NOT_WALKED.awsValue,
    "regions[].cacheClusters[].cacheNodeType": NOT_WALKED.awsValue,
    "regions[].cacheClusters[].status": NOT_WALKED.awsValue,
    "regions[].cacheClusters[].transitEncryptionMode": NOT_WALKED.awsValue,
    "regions[].cacheClusters[].replicationGroupId": NOT_WALKED.reference,
    "regions[].serverlessCaches[].arn": NOT_WALKED.arn,
    "regions[].serverlessCaches[].region": NOT_WALKED.region,
    "regions[].serverlessCaches[].status": NOT_WALKED.awsValue,
    "regions[].serverlessCaches[].engine": NOT_WALKED.awsValue,
    "regions[].serverlessCaches[].majorEngineVersion": NOT_WALKED.awsValue,
    "regions[].serverlessCaches[].storageEncryptionType": NOT_WALKED.awsValue,
    "regions[].serverlessCaches[].kmsKeyId": NOT_WALKED.key,
    "regions[].serverlessCaches[].userGroupId": NOT_WALKED.reference,
    "regions[].userGroups[].arn": NOT_WALKED.arn,
    "regions[].userGroups[].region": NOT_WALKED.region,
    "regions[].userGroups[].status": NOT_WALKED.awsValue,
    "regions[].userGroups[].engine": NOT_WALKED.awsValue,
    "regions[].userGroups[].userIds[]": NOT_WALKED.reference,
    "regions[].userGroups[].replicationGroups[]": NOT_WALKED.reference,
    "regions[].userGroups[].serverlessCaches[]": NOT_WALKED.reference,
    "regions[].users[].arn": NOT_WALKED.arn,
    "regions[].users[].region": NOT_WALKED.region,
    "regions[].users[].status": NOT_WALKED.awsValue,
    "regions[].users[].engine": NOT_WALKED.awsValue,
    "regions[].users[].authenticationType": NOT_WALKED.awsValue,
    "regions[].users[].accessString": "access rules in Redis ACL syntax (commands and key patterns), not a name",
    "regions[].users[].userGroupIds[]": NOT_WALKED.reference,
    "regions[].snapshots[].arn": NOT_WALKED.arn,
    "regions[].snapshots[].region": NOT_WALKED.region,
    "regions[].snapshots[].kind": NOT_WALKED.awsValue,
    "regions[].snapshots[].engine": NOT_WALKED.awsValue,
    "regions[].snapshots[].dataTiering": NOT_WALKED.awsValue,
    "regions[].snapshots[].kmsKeyId": NOT_WALKED.key,
    "regions[].snapshots[].replicationGroupId": NOT_WALKED.reference,
    "regions[].snapshots[].cacheClusterId": NOT_WALKED.reference,
    "regions[].snapshots[].serverlessCacheName": NOT_WALKED.reference,
  },
  tls: {
    sources: [{ eventSource: "elasticache.amazonaws.com", sampleEventName: "DescribeReplicationGroups" }],
    regionsWithResources: (inventory) =>
      (inventory.elasticache?.regions ?? [])
        .filter((r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0)
        .map((r) => r.region),
    reads: [
      "elasticache.regions[].region",
      "elasticache.regions[].replicationGroups",
      "elasticache.regions[].cacheClusters",
      "elasticache.regions[].serverlessCaches",
    ],
  },
  fips: [
    {
      id: "elasticache",
      name: "Amazon ElastiCache",
      eventSource: "elasticache.amazonaws.com",
      scannedAs: "elasticache",
      global: false,
      fipsEndpoints: {
        aws: {
          "us-east-1": "elasticache-fips.us-east-1.amazonaws.com",
          "us-east-2": "elasticache-fips.us-east-2.amazonaws.com",
          "us-west-1": "elasticache-fips.us-west-1.amazonaws.com",
          "us-west-2": "elasticache-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-west-1": "elasticache.us-gov-west-1.amazonaws.com",
        },
      },
    },
  ],
  arnLabels: {
    services: { elasticache: "ElastiCache" },
    resourceTypes: {
      "elasticache:replicationgroup": "Replication group",
      "elasticache:cluster": "Cache cluster",
      "elasticache:serverlesscache": "Serverless cache",
      "elasticache:usergroup": "User group",
      "elasticache:user": "Cache user",
      "elasticache:snapshot": "Snapshot",
      "elasticache:serverlesscachesnapshot": "Snapshot",
    },
    kinds: {
      "elasticache:replicationgroup": "replication group",
      "elasticache:serverlesscache": "serverless cache",
      "elasticache:snapshot": "backup",
      "elasticache:serverlesscachesnapshot": "serverless backup",
    },
  },
  references: {
    keyUses: (inventory) =>
      (inventory.elasticache?.regions ?? []).flatMap((region) =>
        [...region.replicationGroups, ...region.serverlessCaches, ...region.snapshots].map((resource) => ({
          keyId: resource.kmsKeyId,
          region: resource.region,
          reference: { service: "elasticache" as const, resourceArn: resource.arn },
        })),
      ),
    reads: [
      "elasticache.regions[].replicationGroups",
      "elasticache.regions[].serverlessCaches",
      "elasticache.regions[].snapshots",
    ],
  },
  names(inventory, into) {
    for (const region of inventory.elasticache?.regions ?? []) {
      for (const group of region.replicationGroups) into.add(group.arn, group.id);
      for (const cluster of region.cacheClusters) into.add(cluster.arn, cluster.id);
      for (const cache of region.serverlessCaches) into.add(cache.arn, cache.name);
      for (const group of region.userGroups) into.add(group.arn, group.id);
      for (const user of region.users) into.add(user.arn, present(user.userName) ? user.userName : user.id);
      for (const snapshot of region.snapshots) into.add(snapshot.arn, snapshot.name);
    }
  },
  inventorySources: {
    // Which Regions were scanned: the scan's own choice.
    "elasticache.regions[].region": [],
    "elasticache.regions[].replicationGroups": ["elasticache:DescribeReplicationGroups"],
    "elasticache.regions[].cacheClusters": ["elasticache:DescribeCacheClusters"],
    "elasticache.regions[].serverlessCaches": ["elasticache:DescribeServerlessCaches"],
    // Node-based and serverless backups share one list.
    "elasticache.regions[].snapshots": [
      "elasticache:DescribeSnapshots",
      "elasticache:DescribeServerlessCacheSnapshots",
    ],
  },
};
