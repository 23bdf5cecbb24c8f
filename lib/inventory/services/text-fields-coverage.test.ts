import { describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import {
  cacheCluster,
  cacheSnapshot,
  cacheUser,
  cognitoAppClient,
  cognitoIdentityPool,
  cognitoUserPool,
  connectFirehoseStorage,
  connectInstance,
  connectIntegration,
  connectKinesisStorage,
  connectMediaStreamStorage,
  connectS3Storage,
  connectSecurityProfile,
  credentialRow,
  firehoseStream,
  iamGroup,
  iamRole,
  iamUser,
  kinesisStream,
  kmsKey,
  kmsKeyArn,
  loggingTrail,
  macieRegion,
  managedPolicy,
  personalizeDatasetGroup,
  personalizeJob,
  personalizeName,
  replicationGroup,
  s3Bucket,
  serverlessCache,
  stsVpcEndpointsRegion,
  taggedResource,
  tlsObservation,
  tlsSample,
  userGroup,
  vpcEndpoint,
} from "@/lib/inventory/builders";
import { describeArn, SERVICE_DESCRIPTORS } from "./index";
import { elasticache } from "./elasticache";
import type { ServiceDescriptor } from "./types";

/**
 * Free-text coverage: every string field of a service's part of the inventory is either
 * walked for personal data and credentials in URLs (its value comes out of the descriptor's
 * `textFields` or `urlFields`) or exempted by name with a reason. A field added to an inventory type
 * and forgotten by the walker fails here, instead of going unchecked in silence.
 */

const KEY = kmsKeyArn();
const ROLE = "arn:aws:iam::111122223333:role/every-field-role";

/**
 * The demo account plus, per service, a resource of every kind with every optional string field set
 * (the demo leaves some unset), so that each field's path appears at least once.
 */
function everyField(): Inventory {
  const inventory = structuredClone(demoInventory);
  const cache = inventory.elasticache!.regions[0]!;
  cache.replicationGroups.push(
    replicationGroup({
      id: "every-field-group",
      description: "every field",
      clusterMode: "enabled",
      dataTiering: "disabled",
      engineVersion: "7.1.0",
      kmsKeyId: KEY,
      globalReplicationGroupId: "ldgnf-every-field",
    }),
  );
  cache.cacheClusters.push(
    cacheCluster({ id: "every-field-standalone" }),
    cacheCluster({
      id: "every-field-group-001",
      replicationGroupId: "every-field-group",
      transitEncryptionMode: "required",
    }),
  );
  cache.serverlessCaches.push(
    serverlessCache({ name: "every-field-serverless", description: "serverless", kmsKeyId: KEY }),
  );
  cache.userGroups.push(userGroup({ id: "every-field-users", serverlessCaches: ["every-field-serverless"] }));
  cache.users.push(
    cacheUser({ id: "every-field-user", userName: "every-field-login", authenticationType: "password" }),
  );
  cache.snapshots.push(
    cacheSnapshot({
      name: "every-field-backup",
      cacheClusterId: "every-field-standalone",
      serverlessCacheName: "every-field-serverless",
      kmsKeyId: KEY,
      dataTiering: "disabled",
    }),
  );

  const pools = inventory.cognito!.regions[0]!;
  pools.userPools.push(
    cognitoUserPool({
      id: "us-east-1_EveryFld1",
      name: "every-field-pool",
      domain: "every-field",
      customDomain: "auth.every-field.example",
      keyConfiguration: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: KEY },
      tags: [{ key: "team", value: "identity" }],
      clients: [
        cognitoAppClient({
          clientId: "everyfieldclient0000000000",
          name: "every-field-client",
          callbackUrls: ["https://every-field.example/a", "https://every-field.example/b"],
          defaultRedirectUri: "https://every-field.example/a",
        }),
      ],
    }),
  );
  pools.identityPools.push(
    cognitoIdentityPool({
      id: "us-east-1:every-field",
      name: "every_field_identities",
      tags: [{ key: "team", value: "mobile" }],
      roles: { authenticated: ROLE, unauthenticated: ROLE },
    }),
  );

  const recs = inventory.personalize!.regions[0]!;
  recs.datasetGroups.push(
    personalizeDatasetGroup({
      name: "every-field-recs",
      status: "ACTIVE",
      domain: "ECOMMERCE",
      kmsKeyArn: KEY,
      roleArn: ROLE,
      tags: [{ key: "team", value: "recs" }],
    }),
  );
  recs.jobs.push(
    personalizeJob({
      name: "every-field-job",
      status: "ACTIVE",
      createdAt: "2026-01-01T00:00:00Z",
      outputPath: "s3://every-field-out/x/",
      outputKmsKeyArn: KEY,
      inputPath: "s3://every-field-in/x.json",
      inputKmsKeyArn: KEY,
    }),
  );
  recs.names.push(personalizeName({ kind: "filter", name: "every-field-filter" }));
  recs.jobsNotExamined = [...(recs.jobsNotExamined ?? []), { kind: "dataset-import", listed: 30, notExamined: 10 }];

  const iam = inventory.iam!;
  const statement = {
    effect: "Allow" as const,
    actions: ["s3:GetObject"],
    notActions: ["iam:*"],
    resources: ["arn:aws:s3:::orders/*"],
    notResources: ["arn:aws:s3:::secret/*"],
    hasCondition: false,
  };
  const policies = {
    inlinePolicies: [{ name: "every-field-inline", statements: [statement] }],
    attachedPolicies: [{ name: "ReadOrders", arn: "arn:aws:iam::111122223333:policy/ReadOrders" }],
  };
  iam.authorization!.users.push(
    iamUser({
      name: "every-field-user",
      path: "/every/",
      groups: ["developers"],
      tags: [{ key: "k", value: "v" }],
      ...policies,
    }),
  );
  iam.authorization!.groups.push(iamGroup({ name: "every-field-group", path: "/every/", ...policies }));
  iam.authorization!.roles.push(
    iamRole({ name: "every-field-role", path: "/every/", tags: [{ key: "k", value: "v" }], ...policies }),
  );
  iam.authorization!.policies.push(
    managedPolicy({ name: "EveryField", path: "/every/", description: "every field", statements: [statement] }),
  );
  iam.credentialReport!.rows.push(
    credentialRow({
      user: "every-field-user",
      accessKeys: [
        { active: true, lastRotated: "2026-01-01T00:00:00Z", lastUsed: "2026-01-02T00:00:00Z" },
        { active: false },
      ],
    }),
  );
  iam.virtualMfaDevices = [
    ...(iam.virtualMfaDevices ?? []),
    {
      serialNumber: "arn:aws:iam::111122223333:mfa/every-field",
      userArn: "arn:aws:iam::111122223333:user/every-field-user",
    },
  ];
  iam.accountAliases = [...(iam.accountAliases ?? []), "every-field-alias"];
  iam.oidcProviders = [
    ...(iam.oidcProviders ?? []),
    { arn: "arn:aws:iam::111122223333:oidc-provider/every-field.example", url: "https://every-field.example" },
  ];
  iam.stsVpcEndpoints = [...(iam.stsVpcEndpoints ?? []), stsVpcEndpointsRegion([vpcEndpoint()])];

  const contact = inventory.connect!.regions[0]!;
  contact.instances.push(
    connectInstance({
      id: "every-field-instance",
      alias: "every-field-centre",
      serviceRole: ROLE,
      tags: [{ key: "team", value: "support" }],
      storageConfigs: [
        connectS3Storage("CALL_RECORDINGS"),
        connectMediaStreamStorage(),
        connectKinesisStorage("CONTACT_TRACE_RECORDS", kinesisStream().arn),
        connectFirehoseStorage("AGENT_EVENTS", firehoseStream().arn),
      ],
      unsupportedResourceTypes: ["SCREEN_RECORDINGS"],
      approvedOrigins: ["https://agents.every-field.example"],
      integrations: [connectIntegration({ sourceApplicationName: "every-field-crm" })],
      securityProfiles: [connectSecurityProfile("EveryField")],
      uncollected: ["connect:ListApprovedOrigins"],
      uncollectedResourceTypes: ["CHAT_TRANSCRIPTS"],
    }),
  );

  const wide = inventory.accountWide!;
  wide.cloudtrail!.trails.push(
    loggingTrail({
      name: "every-field-trail",
      ownerAccountId: "111122223333",
      s3KeyPrefix: "every-field",
      status: {
        isLogging: true,
        latestDeliveryError: "AccessDenied",
        latestDigestDeliveryError: "AccessDenied",
        latestDeliveryTime: "2026-01-01T00:00:00Z",
      },
      eventSelectors: {
        classic: [
          { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: ["kms.amazonaws.com"] },
        ],
        advanced: [
          {
            name: "every field selector",
            fieldSelectors: [
              {
                field: "eventCategory",
                equals: ["Management"],
                notEquals: ["Data"],
                startsWith: ["M"],
                notStartsWith: ["D"],
              },
            ],
          },
        ],
      },
      details: {
        status: { state: "read", action: "cloudtrail:GetTrailStatus" },
        eventSelectors: {
          state: "unreadable",
          action: "cloudtrail:GetEventSelectors",
          errorKind: "access-denied",
          errorCode: "AccessDeniedException",
          memberView: false,
        },
        logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
        kmsKey: { state: "not-needed", why: "no verdict reads it" },
      },
    }),
  );
  wide.cloudtrail!.describedRegions = [...(wide.cloudtrail!.describedRegions ?? []), "us-east-1"];
  wide.tlsSamples = [...(wide.tlsSamples ?? []), tlsSample({ observations: [tlsObservation()] })];
  wide.macie = [...(wide.macie ?? []), macieRegion()];
  wide.kmsKeys = [
    ...(wide.kmsKeys ?? []),
    kmsKey({
      keyManager: "CUSTOMER",
      description: "every field key",
      aliases: ["alias/every-field"],
      accountId: "111122223333",
      keyState: "PendingDeletion",
      deletionDate: "2026-02-01T00:00:00Z",
    }),
  ];
  wide.buckets = [...(wide.buckets ?? []), s3Bucket({ name: "every-field-bucket" })];
  wide.kinesisStreams = [...(wide.kinesisStreams ?? []), kinesisStream()];
  wide.firehoseStreams = [
    ...(wide.firehoseStreams ?? []),
    firehoseStream({ deliveryStreamType: "KinesisStreamAsSource", sourceStreamArn: kinesisStream().arn }),
  ];
  wide.taggedResources = [
    ...(wide.taggedResources ?? []),
    taggedResource({ tags: [{ key: "team", value: "tagged" }] }),
  ];
  return inventory;
}

/** `regions.0.users.3.userName` → `regions[].users[].userName`. */
function join(at: string, key: string, inList: boolean): string {
  if (inList) return `${at}[]`;
  return at ? `${at}.${key}` : key;
}

/** Every path under `value` that holds a string, list elements written `[]`. */
function stringPaths(value: unknown, at = "", into = new Set<string>()): Set<string> {
  if (typeof value === "string") into.add(at);
  else if (Array.isArray(value)) value.forEach((item) => stringPaths(item, join(at, "", true), into));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) stringPaths(item, join(at, key, false), into);
  }
  return into;
}

/**
 * The string paths of the service's part whose values come out of its walkers. The inventory is
 * read through a Proxy that records each string read with its path and the ARN of the record it
 * was read from (its own, else the nearest enclosing record's). A read alone is not enough (walkers
 * read ARNs and Regions to name results, and ids to filter): a returned field must carry the value,
 * about that record (its ARN, or a pseudo-ARN under it), so that a member cluster's group id is
 * not mistaken for the group's own name.
 */
function walkedPaths(descriptor: ServiceDescriptor, inventory: Inventory): Set<string> {
  const reads: { path: string; value: string; owner?: string }[] = [];
  const wrap = (value: unknown, at: string, owner: string | undefined): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const own: unknown = Reflect.get(value, "arn");
    const arn = typeof own === "string" ? own : owner;
    return new Proxy(value, {
      get(target, key, receiver) {
        const found: unknown = Reflect.get(target, key, receiver);
        if (typeof key === "symbol" || typeof found === "function") return found;
        const path = join(at, key, Array.isArray(target) && /^\d+$/.test(key));
        if (typeof found === "string") reads.push({ path, value: found, owner: arn });
        return wrap(found, path, arn);
      },
    });
  };
  const proxied = { ...inventory, [descriptor.part]: wrap(inventory[descriptor.part], "", undefined) } as Inventory;
  const fields = [...descriptor.textFields(proxied, { describeArn }), ...descriptor.urlFields(proxied)];
  return new Set(
    reads
      .filter(({ value, owner }) =>
        fields.some((f) => f.value === value && (owner === undefined || f.resourceArn.startsWith(owner))),
      )
      .map(({ path }) => path),
  );
}

/** Whether `outer` is `path` or holds it (an exemption of a part exempts the fields beneath it). */
function holds(outer: string, path: string): boolean {
  return path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
}

interface Coverage {
  /** String fields neither walked nor exempted. */
  unchecked: string[];
  /** Exemptions that name no string field of the inventory. */
  unknownExemptions: string[];
  /** Exemptions of fields the walkers do return. */
  walkedButExempt: string[];
}

function coverage(descriptor: ServiceDescriptor, inventory: Inventory): Coverage {
  const paths = stringPaths(inventory[descriptor.part]);
  const walked = walkedPaths(descriptor, inventory);
  const exempt = Object.keys(descriptor.textFieldExemptions);
  return {
    unchecked: [...paths].filter((p) => !walked.has(p) && !exempt.some((e) => holds(e, p))).sort(),
    unknownExemptions: exempt.filter((e) => ![...paths].some((p) => holds(e, p))),
    walkedButExempt: exempt.filter((e) => [...walked].some((p) => holds(e, p))),
  };
}

describe("every string field of a service's inventory is walked or exempted by name", () => {
  const inventory = everyField();

  it.each(SERVICE_DESCRIPTORS.map((d) => [d.id, d] as const))("%s", (_id, descriptor) => {
    expect(inventory[descriptor.part]).toBeDefined();
    expect(coverage(descriptor, inventory)).toEqual({ unchecked: [], unknownExemptions: [], walkedButExempt: [] });
  });

  it("gives every exemption a reason", () => {
    for (const descriptor of SERVICE_DESCRIPTORS) {
      for (const [path, reason] of Object.entries(descriptor.textFieldExemptions)) {
        expect(reason.trim(), `${descriptor.id} ${path}`).not.toBe("");
      }
    }
  });

  // Each row is a descriptor that went wrong in one way; the check must say exactly how.
  it.each([
    {
      name: "a walker that drops the descriptions",
      descriptor: {
        ...elasticache,
        textFields: (inv: Inventory, context: Parameters<ServiceDescriptor["textFields"]>[1]) =>
          elasticache.textFields(inv, context).filter((f) => f.field !== "Description"),
      },
      expected: {
        unchecked: ["regions[].replicationGroups[].description", "regions[].serverlessCaches[].description"],
        unknownExemptions: [],
        walkedButExempt: [],
      },
    },
    {
      name: "an exemption of a field that does not exist",
      descriptor: {
        ...elasticache,
        textFieldExemptions: { ...elasticache.textFieldExemptions, "regions[].replicationGroups[].nickname": "typo" },
      },
      expected: { unchecked: [], unknownExemptions: ["regions[].replicationGroups[].nickname"], walkedButExempt: [] },
    },
    {
      name: "an exemption of a field that is walked",
      descriptor: {
        ...elasticache,
        textFieldExemptions: { ...elasticache.textFieldExemptions, "regions[].users[].userName": "contradiction" },
      },
      expected: { unchecked: [], unknownExemptions: [], walkedButExempt: ["regions[].users[].userName"] },
    },
  ])("notices $name", ({ descriptor, expected }) => {
    expect(coverage(descriptor, inventory)).toEqual(expected);
  });
});
