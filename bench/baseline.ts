/**
 * The comparison scanner: the design most existing open-source scanners share, so the benchmark can
 * say how much Safekeep's scheduling is worth on the same account, side by side.
 *
 *   - a pool of 10 workers per AWS service, fed with one task per (Region, list) and then one task
 *     per resource;
 *   - a resource's calls are made one after another inside its task;
 *   - no shared rate limiter: each client retries throttling on its own (the SDK's "standard" mode,
 *     exponential back-off with jitter, same attempt budget as Safekeep), nothing paces the calls;
 *   - SDK default page sizes where the API has one, and no budget rules (every list in every Region).
 *
 * It reads the same data the controls need (the same APIs as Safekeep's collectors), counts what it
 * found so the two scans can be checked for parity, and does not build an inventory: only the calls
 * and their timing matter here. Phase two (buckets, streams, KMS keys) looks up the references the
 * scenario holds, after every service is done, as Safekeep does.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  paginateListIdentityPools,
} from "@aws-sdk/client-cognito-identity";
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  paginateListUserPoolClients,
  paginateListUserPools,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  ConnectClient,
  DescribeInstanceCommand,
  paginateListApprovedOrigins,
  paginateListInstances,
  paginateListInstanceStorageConfigs,
  paginateListIntegrationAssociations,
  paginateListSecurityProfiles,
} from "@aws-sdk/client-connect";
import { DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  ElastiCacheClient,
  paginateDescribeCacheClusters,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
  paginateDescribeUserGroups,
  paginateDescribeUsers,
} from "@aws-sdk/client-elasticache";
import { DescribeDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccountAliases,
  paginateListVirtualMFADevices,
} from "@aws-sdk/client-iam";
import { DescribeStreamSummaryCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  GetAutomatedDiscoveryConfigurationCommand,
  GetMacieSessionCommand,
  Macie2Client,
} from "@aws-sdk/client-macie2";
import {
  DescribeBatchInferenceJobCommand,
  DescribeBatchSegmentJobCommand,
  DescribeDatasetExportJobCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeMetricAttributionCommand,
  ListTagsForResourceCommand,
  paginateListBatchInferenceJobs,
  paginateListBatchSegmentJobs,
  paginateListCampaigns,
  paginateListDatasetExportJobs,
  paginateListDatasetGroups,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListMetricAttributions,
  paginateListRecommenders,
  paginateListSolutions,
  PersonalizeClient,
} from "@aws-sdk/client-personalize";
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { GetBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import pLimit from "p-limit";
import { createCallStats, trackCallStats, type CallStats } from "@/lib/aws/call-stats";
import { STORAGE_RESOURCE_TYPES } from "@/lib/aws/connect/collect";
import type { Inventory } from "@/lib/inventory";
import { referencedBuckets, referencedKeys, referencedStreams } from "@/lib/inventory/references";
import { iamRegionFor } from "@/lib/scan/regions";
import { tlsTargets } from "@/lib/scan/tls-targets";

export const BASELINE_WORKERS_PER_SERVICE = 10;

export interface BaselineOptions {
  regions: string[];
  /** The scenario: the baseline looks up the buckets, streams and keys it refers to. */
  inventory: Inventory;
  workersPerService?: number;
  maxAttempts?: number;
}

export interface BaselineResult {
  wallMs: number;
  stats: CallStats;
  /** Calls that failed for good (after the SDK's retries), per action. */
  errors: Record<string, number>;
  /** What it found, to compare with Safekeep's scan of the same account. */
  found: Record<string, number>;
}

/** The standard design: each client on its own, retrying with back-off, nothing shared. */
function clientConfig(region: string, maxAttempts: number) {
  return { region, maxAttempts, retryMode: "standard" as const };
}

type AnyClient = { middlewareStack: MiddlewareStack<object, MetadataBearer>; destroy(): void };

async function all<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined) {
  const out: Item[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Work queues: one pool of workers per service; a task may queue more tasks (one per resource). */
class Workers {
  private readonly pools = new Map<string, ReturnType<typeof pLimit>>();
  private pending: Promise<void>[] = [];
  readonly errors: Record<string, number> = {};
  readonly found: Record<string, number> = {};

  constructor(private readonly size: number) {}

  add(service: string, action: string, work: () => Promise<void>): void {
    const pool = this.pools.get(service) ?? pLimit(this.size);
    this.pools.set(service, pool);
    this.pending.push(
      pool(work).catch(() => {
        this.errors[action] = (this.errors[action] ?? 0) + 1;
      }),
    );
  }

  count(kind: string, n = 1): void {
    this.found[kind] = (this.found[kind] ?? 0) + n;
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const maxAttempts = options.maxAttempts ?? 8;
  const stats = createCallStats();
  const clients: AnyClient[] = [];
  const cache = new Map<string, unknown>();
  function client<C>(Kind: new (config: ReturnType<typeof clientConfig>) => C, region: string): C {
    const key = `${Kind.name}|${region}`;
    const known = cache.get(key) as C | undefined;
    if (known) return known;
    const made = new Kind(clientConfig(region, maxAttempts));
    trackCallStats(made as unknown as AnyClient, stats);
    clients.push(made as unknown as AnyClient);
    cache.set(key, made);
    return made;
  }

  const w = new Workers(options.workersPerService ?? BASELINE_WORKERS_PER_SERVICE);
  const started = performance.now();
  const home = iamRegionFor("aws");
  await client(STSClient, home).send(new GetCallerIdentityCommand({}));

  // IAM (global): one task per API.
  const iam = client(IAMClient, home);
  w.add("iam", "iam:GetAccountSummary", async () => void (await iam.send(new GetAccountSummaryCommand({}))));
  w.add("iam", "iam:GetCredentialReport", async () => {
    try {
      await iam.send(new GetCredentialReportCommand({}));
    } catch {
      await iam.send(new GenerateCredentialReportCommand({}));
      await iam.send(new GetCredentialReportCommand({}));
    }
  });
  w.add("iam", "iam:GetAccountPasswordPolicy", async () => {
    await iam.send(new GetAccountPasswordPolicyCommand({})).catch((error: { name?: string }) => {
      if (error.name !== "NoSuchEntityException") throw error;
    });
  });
  w.add("iam", "iam:GetAccountAuthorizationDetails", async () => {
    const pages = await all(paginateGetAccountAuthorizationDetails({ client: iam }, {}), (page) => [page]);
    w.count(
      "iam entities",
      pages.reduce(
        (n, p) =>
          n +
          (p.UserDetailList?.length ?? 0) +
          (p.GroupDetailList?.length ?? 0) +
          (p.RoleDetailList?.length ?? 0) +
          (p.Policies?.length ?? 0),
        0,
      ),
    );
  });
  w.add("iam", "iam:ListVirtualMFADevices", async () => {
    const devices = await all(
      paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: "Assigned" }),
      (p) => p.VirtualMFADevices,
    );
    w.count("mfa devices", devices.length);
  });
  w.add(
    "iam",
    "iam:ListAccountAliases",
    async () => void (await all(paginateListAccountAliases({ client: iam }, {}), (p) => p.AccountAliases)),
  );
  w.add("iam", "iam:ListOpenIDConnectProviders", async () => {
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    for (const provider of list.OpenIDConnectProviderList ?? []) {
      w.add("iam", "iam:GetOpenIDConnectProvider", async () => {
        await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: provider.Arn }));
      });
    }
  });

  for (const region of options.regions) {
    const ec2 = client(EC2Client, region);
    w.add("ec2", "ec2:DescribeVpcEndpoints", async () => {
      await ec2.send(
        new DescribeVpcEndpointsCommand({
          Filters: [{ Name: "service-name", Values: [`com.amazonaws.${region}.sts`] }],
        }),
      );
    });

    // ElastiCache: every list, in every Region.
    const ec = client(ElastiCacheClient, region);
    const ecLists: [string, () => Promise<unknown[]>][] = [
      [
        "DescribeReplicationGroups",
        () => all(paginateDescribeReplicationGroups({ client: ec }, {}), (p) => p.ReplicationGroups),
      ],
      ["DescribeCacheClusters", () => all(paginateDescribeCacheClusters({ client: ec }, {}), (p) => p.CacheClusters)],
      [
        "DescribeServerlessCaches",
        () => all(paginateDescribeServerlessCaches({ client: ec }, {}), (p) => p.ServerlessCaches),
      ],
      ["DescribeUserGroups", () => all(paginateDescribeUserGroups({ client: ec }, {}), (p) => p.UserGroups)],
      ["DescribeUsers", () => all(paginateDescribeUsers({ client: ec }, {}), (p) => p.Users)],
      ["DescribeSnapshots", () => all(paginateDescribeSnapshots({ client: ec }, {}), (p) => p.Snapshots)],
      [
        "DescribeServerlessCacheSnapshots",
        () => all(paginateDescribeServerlessCacheSnapshots({ client: ec }, {}), (p) => p.ServerlessCacheSnapshots),
      ],
    ];
    for (const [name, list] of ecLists) {
      w.add("elasticache", `elasticache:${name}`, async () => w.count(`elasticache ${name}`, (await list()).length));
    }

    // Cognito user pools: one task per pool, its calls one after another.
    const idp = client(CognitoIdentityProviderClient, region);
    w.add("cognito-idp", "cognito-idp:ListUserPools", async () => {
      const pools = await all(paginateListUserPools({ client: idp }, { MaxResults: 60 }), (p) => p.UserPools);
      for (const summary of pools) {
        const UserPoolId = summary.Id;
        w.add("cognito-idp", "cognito-idp:DescribeUserPool", async () => {
          const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId }));
          if (UserPool?.MfaConfiguration !== "OFF") await idp.send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
          await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId }));
          const appClients = await all(
            paginateListUserPoolClients({ client: idp }, { UserPoolId, MaxResults: 60 }),
            (p) => p.UserPoolClients,
          );
          for (const appClient of appClients) {
            await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: appClient.ClientId }));
          }
          w.count("user pools");
          w.count("app clients", appClients.length);
        });
      }
    });
    const identity = client(CognitoIdentityClient, region);
    w.add("cognito-identity", "cognito-identity:ListIdentityPools", async () => {
      const pools = await all(
        paginateListIdentityPools({ client: identity }, { MaxResults: 60 }),
        (p) => p.IdentityPools,
      );
      for (const summary of pools) {
        const IdentityPoolId = summary.IdentityPoolId;
        w.add("cognito-identity", "cognito-identity:DescribeIdentityPool", async () => {
          const pool = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
          if (pool.AllowUnauthenticatedIdentities)
            await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId }));
          w.count("identity pools");
        });
      }
    });

    // Personalize: groups with their tags, every job list (newest 20 described), every name list.
    const personalize = client(PersonalizeClient, region);
    w.add("personalize", "personalize:ListDatasetGroups", async () => {
      const groups = await all(paginateListDatasetGroups({ client: personalize }, {}), (p) => p.datasetGroups);
      for (const group of groups) {
        const datasetGroupArn = group.datasetGroupArn;
        w.add("personalize", "personalize:DescribeDatasetGroup", async () => {
          await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }));
          await personalize.send(new ListTagsForResourceCommand({ resourceArn: datasetGroupArn }));
          w.count("dataset groups");
        });
      }
    });
    const jobKinds: [string, () => Promise<{ arn?: string; at?: Date }[]>, (arn: string) => Promise<unknown>][] = [
      [
        "DatasetExportJob",
        async () =>
          (await all(paginateListDatasetExportJobs({ client: personalize }, {}), (p) => p.datasetExportJobs)).map(
            (j) => ({ arn: j.datasetExportJobArn, at: j.creationDateTime }),
          ),
        (arn) => personalize.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn: arn })),
      ],
      [
        "BatchInferenceJob",
        async () =>
          (await all(paginateListBatchInferenceJobs({ client: personalize }, {}), (p) => p.batchInferenceJobs)).map(
            (j) => ({ arn: j.batchInferenceJobArn, at: j.creationDateTime }),
          ),
        (arn) => personalize.send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn })),
      ],
      [
        "BatchSegmentJob",
        async () =>
          (await all(paginateListBatchSegmentJobs({ client: personalize }, {}), (p) => p.batchSegmentJobs)).map(
            (j) => ({ arn: j.batchSegmentJobArn, at: j.creationDateTime }),
          ),
        (arn) => personalize.send(new DescribeBatchSegmentJobCommand({ batchSegmentJobArn: arn })),
      ],
      [
        "MetricAttribution",
        async () =>
          (await all(paginateListMetricAttributions({ client: personalize }, {}), (p) => p.metricAttributions)).map(
            (j) => ({ arn: j.metricAttributionArn, at: j.creationDateTime }),
          ),
        (arn) => personalize.send(new DescribeMetricAttributionCommand({ metricAttributionArn: arn })),
      ],
      [
        "DatasetImportJob",
        async () =>
          (await all(paginateListDatasetImportJobs({ client: personalize }, {}), (p) => p.datasetImportJobs)).map(
            (j) => ({ arn: j.datasetImportJobArn, at: j.creationDateTime }),
          ),
        (arn) => personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn })),
      ],
    ];
    for (const [kind, list, describe] of jobKinds) {
      w.add("personalize", `personalize:List${kind}s`, async () => {
        const newest = (await list()).sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0)).slice(0, 20);
        for (const job of newest) {
          w.add("personalize", `personalize:Describe${kind}`, async () => {
            await describe(job.arn ?? "");
            w.count("personalize jobs");
          });
        }
      });
    }
    const nameLists: [string, () => Promise<unknown[]>][] = [
      ["ListDatasets", () => all(paginateListDatasets({ client: personalize }, {}), (p) => p.datasets)],
      ["ListSolutions", () => all(paginateListSolutions({ client: personalize }, {}), (p) => p.solutions)],
      ["ListCampaigns", () => all(paginateListCampaigns({ client: personalize }, {}), (p) => p.campaigns)],
      ["ListEventTrackers", () => all(paginateListEventTrackers({ client: personalize }, {}), (p) => p.eventTrackers)],
      ["ListFilters", () => all(paginateListFilters({ client: personalize }, {}), (p) => p.Filters)],
      ["ListRecommenders", () => all(paginateListRecommenders({ client: personalize }, {}), (p) => p.recommenders)],
    ];
    for (const [name, list] of nameLists) w.add("personalize", `personalize:${name}`, async () => void (await list()));

    // Connect: one task per instance, its 17 calls one after another.
    const connect = client(ConnectClient, region);
    w.add("connect", "connect:ListInstances", async () => {
      const instances = await all(paginateListInstances({ client: connect }, {}), (p) => p.InstanceSummaryList);
      for (const instance of instances) {
        const InstanceId = instance.Id;
        w.add("connect", "connect:DescribeInstance", async () => {
          await connect.send(new DescribeInstanceCommand({ InstanceId }));
          for (const ResourceType of STORAGE_RESOURCE_TYPES) {
            await all(
              paginateListInstanceStorageConfigs({ client: connect }, { InstanceId, ResourceType }),
              (p) => p.StorageConfigs,
            ).catch((error: { name?: string }) => {
              // A type the instance does not support is refused: an answer, not a failure.
              if (error.name !== "InvalidRequestException" && error.name !== "InvalidParameterException") throw error;
            });
          }
          await all(paginateListApprovedOrigins({ client: connect }, { InstanceId }), (p) => p.Origins);
          await all(
            paginateListIntegrationAssociations({ client: connect }, { InstanceId }),
            (p) => p.IntegrationAssociationSummaryList,
          );
          await all(
            paginateListSecurityProfiles({ client: connect }, { InstanceId }),
            (p) => p.SecurityProfileSummaryList,
          );
          w.count("connect instances");
        });
      }
    });

    const macie = client(Macie2Client, region);
    w.add("macie2", "macie2:GetMacieSession", async () => {
      const session = await macie.send(new GetMacieSessionCommand({})).catch(() => undefined);
      if (session?.status === "ENABLED") await macie.send(new GetAutomatedDiscoveryConfigurationCommand({}));
    });
    const tagging = client(ResourceGroupsTaggingAPIClient, region);
    w.add("tagging", "tag:GetResources", async () => {
      w.count(
        "tagged resources",
        (await all(paginateGetResources({ client: tagging }, {}), (p) => p.ResourceTagMappingList)).length,
      );
    });
    const cloudtrail = client(CloudTrailClient, region);
    w.add("cloudtrail", "cloudtrail:DescribeTrails", async () => {
      const { trailList } = await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      for (const trail of trailList ?? []) {
        if (trail.HomeRegion !== region) continue;
        const home = client(CloudTrailClient, trail.HomeRegion);
        w.add("cloudtrail", "cloudtrail:GetTrailStatus", async () => {
          await home.send(new GetTrailStatusCommand({ Name: trail.TrailARN }));
          await home.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN }));
          w.count("trails");
        });
      }
    });
  }
  // TLS samples: one LookupEvents per target, all at once (nothing paces them).
  for (const target of tlsTargets(options.inventory)) {
    const cloudtrail = client(CloudTrailClient, target.region);
    w.add("cloudtrail", "cloudtrail:LookupEvents", async () => {
      await cloudtrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: target.eventSource }],
          MaxResults: 50,
        }),
      );
    });
  }
  await w.drain();

  // Phase two: what the services point at.
  const s3 = client(S3Client, home);
  for (const bucket of referencedBuckets(options.inventory)) {
    w.add(
      "s3",
      "s3:GetBucketEncryption",
      async () => void (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket.bucket }))),
    );
  }
  const streams = referencedStreams(options.inventory);
  for (const stream of streams.kinesis) {
    const kinesis = client(KinesisClient, stream.arn.split(":")[3] ?? home);
    w.add(
      "kinesis",
      "kinesis:DescribeStreamSummary",
      async () => void (await kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: stream.arn }))),
    );
  }
  for (const stream of streams.firehose) {
    const firehose = client(FirehoseClient, stream.arn.split(":")[3] ?? home);
    const DeliveryStreamName = stream.arn.split("/").pop();
    w.add(
      "firehose",
      "firehose:DescribeDeliveryStream",
      async () => void (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName }))),
    );
  }
  await w.drain();
  for (const key of referencedKeys(options.inventory)) {
    const kms = client(KMSClient, key.region);
    w.add("kms", "kms:DescribeKey", async () => {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }));
      if (KeyMetadata?.KeyManager === "CUSTOMER") await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.keyId }));
      w.count("kms keys");
    });
  }
  await w.drain();
  const wallMs = performance.now() - started;
  for (const made of clients) made.destroy();
  return { wallMs, stats, errors: w.errors, found: w.found };
}
