/**
 * The ids a fix needs, taken from the ARN on a result row. Each resource type puts its id in a
 * different place (ElastiCache after a colon, Cognito after a slash, Connect nests storage configs
 * under the instance...), so each has its own rule; the rules follow the ARN formats the collectors
 * write, which are AWS's own.
 */

import { parseArn } from "@/lib/inventory/arn";

/**
 * `resourceId`: the id the service's own API takes for the resource (a replication group id, a
 * user pool client id, a bucket name, a trail name...), plus the other ids of the path for nested
 * resources (`userPoolId` of an app client, `instanceId` and `associationId` of a Connect storage
 * config). Empty when the ARN is not one of a known shape: a fix then keeps its placeholders.
 */
export function idsFromArn(arn: string): Record<string, string> {
  const p = parseArn(arn);
  if (!p) return {};
  const r = p.resource;
  switch (p.service) {
    case "elasticache": {
      // arn:aws:elasticache:us-east-1:123:replicationgroup:orders-prod (also cluster, snapshot,
      // usergroup, user, serverlesscache, serverlesscachesnapshot)
      const [type, ...rest] = r.split(":");
      const id = rest.join(":");
      if (!type || !id) return {};
      const key: Record<string, string> = {
        replicationgroup: "replicationGroupId",
        cluster: "cacheClusterId",
        snapshot: "snapshotName",
        usergroup: "userGroupId",
        user: "userId",
        serverlesscache: "serverlessCacheName",
        serverlesscachesnapshot: "serverlessCacheSnapshotName",
      };
      return key[type] ? { resourceId: id, [key[type]]: id } : { resourceId: id };
    }
    case "cognito-idp": {
      // userpool/us-east-1_Abc or userpool/us-east-1_Abc/client/3n4b...
      const m = /^userpool\/([^/]+)(?:\/client\/([^/]+))?$/.exec(r);
      if (!m) return {};
      return m[2] ? { resourceId: m[2], userPoolId: m[1]!, clientId: m[2] } : { resourceId: m[1]!, userPoolId: m[1]! };
    }
    case "cognito-identity": {
      const m = /^identitypool\/(.+)$/.exec(r);
      return m ? { resourceId: m[1]!, identityPoolId: m[1]! } : {};
    }
    case "connect": {
      // instance/<id>[/storage-config/<association id>|/security-profile/<id>]
      const m = /^instance\/([^/]+)(?:\/(storage-config|security-profile)\/([^/]+))?$/.exec(r);
      if (!m) return {};
      const instanceId = m[1]!;
      if (m[2] === "storage-config") return { resourceId: m[3]!, instanceId, associationId: m[3]! };
      if (m[2] === "security-profile") return { resourceId: m[3]!, instanceId, securityProfileId: m[3]! };
      return { resourceId: instanceId, instanceId };
    }
    case "s3":
      // arn:aws:s3:::bucket (a bucket, never an object, on our rows)
      return r && !r.includes("/") ? { resourceId: r, bucket: r } : {};
    case "kinesis": {
      const m = /^stream\/(.+)$/.exec(r);
      return m ? { resourceId: m[1]!, streamName: m[1]! } : {};
    }
    case "firehose": {
      const m = /^deliverystream\/(.+)$/.exec(r);
      return m ? { resourceId: m[1]!, deliveryStreamName: m[1]! } : {};
    }
    case "kms": {
      const m = /^key\/(.+)$/.exec(r);
      return m ? { resourceId: m[1]!, keyId: m[1]! } : {};
    }
    case "cloudtrail": {
      const m = /^trail\/(.+)$/.exec(r);
      return m ? { resourceId: m[1]!, trailName: m[1]! } : {};
    }
    case "personalize": {
      // dataset-group/<name>, dataset-export-job/<name>, batch-inference-job/<name>...
      const m = /^([a-z-]+)\/(.+)$/.exec(r);
      return m ? { resourceId: m[2]! } : {};
    }
    case "iam": {
      if (r === "root") return { resourceId: "root" };
      // user/<name>, user/<name>:access-key-1, user/<name>:inline-policy/<policy> (our rows);
      // IAM user names cannot hold ":" or "/", so both split cleanly.
      const user = /^user\/(?:.*\/)?([^/]+)$/.exec(r.split(":")[0] ?? "");
      if (user) return { resourceId: user[1]!, userName: user[1]! };
      const role = /^role\/(?:.*\/)?([^/]+)$/.exec(r);
      if (role) return { resourceId: role[1]!, roleName: role[1]! };
      if (r.startsWith("policy/")) return { resourceId: arn, policyArn: arn };
      return {};
    }
    default:
      return {};
  }
}
