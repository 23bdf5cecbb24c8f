import { ConnectClient } from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConnectRegionWithClient, STORAGE_RESOURCE_TYPES } from "@/lib/aws/connect/collect";
import { demoInventory } from "@/lib/demo/inventory";
import type { ConnectInstance, ConnectRegionInventory, Inventory } from "@/lib/inventory";
import {
  buildConnectRegion,
  buildInventory,
  connectFirehoseStorage,
  connectInstance,
  connectIntegration,
  connectKinesisStorage,
  connectMediaStreamStorage,
  connectS3Storage,
  connectSecurityProfile,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault } from "../types";
import { connect } from "./connect";
import { FAKE_SERVICES } from "./index";

const OTHER_REGION = "eu-west-1";

let fake: FakeAws;

function client(region: string) {
  return new ConnectClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

/** One instance with every kind of storage association, some refused types, and every list filled. */
const fullInstance = connectInstance({
  serviceRole: `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_x`,
  tags: [
    { key: "team", value: "support" },
    { key: "env", value: "prod" },
  ],
  // In the order the collector asks the types.
  storageConfigs: [
    connectS3Storage("CALL_RECORDINGS"),
    connectS3Storage("CHAT_TRANSCRIPTS", { encryption: undefined }),
    connectMediaStreamStorage(),
    connectKinesisStorage("CONTACT_TRACE_RECORDS", `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/ctr`),
    connectFirehoseStorage(
      "AGENT_EVENTS",
      `arn:aws:firehose:${TEST_REGION}:${TEST_ACCOUNT}:deliverystream/agent-events`,
    ),
  ],
  unsupportedResourceTypes: ["SCREEN_RECORDINGS", "EMAIL_MESSAGES"],
  approvedOrigins: ["https://crm.example.com", "https://www.example.com"],
  integrations: [
    connectIntegration(),
    connectIntegration({
      type: "CASES_DOMAIN",
      arn: "arn:aws:cases:x",
      sourceApplicationUrl: undefined,
      sourceApplicationName: undefined,
    }),
  ],
  securityProfiles: [connectSecurityProfile("Admin"), connectSecurityProfile("Agent")],
});

/** Listed for 24 hours after a failed creation; the collector asks nothing more about it. */
const failedInstance = connectInstance({
  id: "bbbbbbbb-1111-2222-3333-444444444444",
  alias: "half-made",
  status: "CREATION_FAILED",
});

function scenarioInventory(regions: ConnectRegionInventory[]): Inventory {
  return buildInventory({ services: ["connect"], regions: regions.map((r) => r.region), connect: { regions } });
}

const baseInventory = scenarioInventory([
  buildConnectRegion({ instances: [fullInstance, failedInstance] }),
  buildConnectRegion({ region: OTHER_REGION }),
]);

function withFaults(faults: Fault[], inventory = baseInventory) {
  fake.setScenario({ inventory, faults });
  fake.reset();
}

beforeAll(async () => {
  FAKE_SERVICES[connect.model.signingName] = connect;
  fake = await startFakeAws({ inventory: baseInventory });
});
afterAll(async () => {
  delete FAKE_SERVICES[connect.model.signingName];
  await fake.close();
});

describe("fake Amazon Connect", () => {
  it("round-trips a Region's instances through the real collector", async () => {
    withFaults([]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(baseInventory.connect!.regions[0]);
    const counts = fake.counts();
    // Refused types are asked too (13 calls), and the failed instance costs nothing past ListInstances.
    expect(counts["connect:ListInstanceStorageConfigs"]).toBe(STORAGE_RESOURCE_TYPES.length);
    expect(counts["connect:DescribeInstance"]).toBe(1);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1 + 17);
  });

  it("answers a Region without instances in one call", async () => {
    withFaults([]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(OTHER_REGION), OTHER_REGION);
    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: OTHER_REGION, instances: [] });
    expect(fake.counts()).toEqual({ "connect:ListInstances": 1 });
  });

  it.each(demoInventory.connect!.regions.map((r) => [r.region, r] as const))(
    "round-trips the demo account's Connect inventory of %s",
    async (region, expected) => {
      withFaults([], { ...demoInventory, errors: [] });
      const { inventory, errors } = await collectConnectRegionWithClient(client(region), region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(expected);
    },
  );

  it("pages instances, storage configs, origins, integrations and profiles with the SDK paginators", async () => {
    const instances: ConnectInstance[] = Array.from({ length: 12 }, (_, i) =>
      connectInstance({ id: `instance-${String(i).padStart(2, "0")}` }),
    );
    const big = connectInstance({
      id: "instance-big",
      storageConfigs: Array.from({ length: 23 }, (_, i) => ({
        ...connectS3Storage("CALL_RECORDINGS", { bucketName: `bucket-${i}` }),
        associationId: `assoc-${i}`,
      })),
      approvedOrigins: Array.from({ length: 30 }, (_, i) => `https://origin-${i}.example.com`),
      integrations: Array.from({ length: 101 }, (_, i) =>
        connectIntegration({ arn: `arn:aws:app-integrations:x:${i}` }),
      ),
      securityProfiles: Array.from({ length: 1001 }, (_, i) => connectSecurityProfile(`Profile${i}`)),
    });
    const inventory = scenarioInventory([buildConnectRegion({ instances: [...instances, big] })]);
    withFaults([], inventory);

    const result = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);

    expect(result.errors).toEqual([]);
    expect(result.inventory).toEqual(inventory.connect!.regions[0]);
    const counts = fake.counts();
    expect(counts["connect:ListInstances"]).toBe(2); // 13 instances, 10 a page
    expect(counts["connect:ListInstanceStorageConfigs"]).toBe(13 * 13 + 2); // 23 configs of one type, 10 a page
    expect(counts["connect:ListApprovedOrigins"]).toBe(13 + 1); // 30 origins, 25 a page
    expect(counts["connect:ListIntegrationAssociations"]).toBe(13 + 1); // 101, 100 a page
    expect(counts["connect:ListSecurityProfiles"]).toBe(13 + 1); // 1001, 1000 a page
  });

  it("stops the Region when ListInstances is denied", async () => {
    withFaults([{ action: "connect:ListInstances", kind: "access-denied" }]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);
    expect(inventory).toEqual({ region: TEST_REGION, instances: [] });
    expect(errors).toEqual([
      {
        service: "connect",
        region: TEST_REGION,
        action: "connect:ListInstances",
        kind: "access-denied",
        message: "insufficient permissions: connect:ListInstances",
      },
    ]);
    expect(fake.counts()).toEqual({ "connect:ListInstances": 1 });
  });

  it("stops asking storage types after a denial, and marks them all uncollected", async () => {
    withFaults([{ action: "connect:ListInstanceStorageConfigs", kind: "access-denied" }]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["connect:ListInstanceStorageConfigs", "access-denied"]]);
    const [instance] = inventory.instances;
    expect(instance?.storageConfigs).toEqual([]);
    expect(instance?.uncollectedResourceTypes).toEqual([...STORAGE_RESOURCE_TYPES]);
    expect(instance?.approvedOrigins).toEqual(fullInstance.approvedOrigins);
    expect(fake.counts()["connect:ListInstanceStorageConfigs"]).toBe(1);
  });

  it("marks a denied per-instance list uncollected and goes on", async () => {
    withFaults([{ action: "connect:ListApprovedOrigins", kind: "access-denied" }]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["connect:ListApprovedOrigins", "access-denied"]]);
    expect(inventory.instances[0]).toMatchObject({
      approvedOrigins: [],
      uncollected: ["connect:ListApprovedOrigins"],
      securityProfiles: fullInstance.securityProfiles,
    });
  });

  it("reports throttling and server errors with their kinds", async () => {
    withFaults([
      { action: "connect:ListSecurityProfiles", kind: "throttle" },
      { action: "connect:ListIntegrationAssociations", kind: "server-error" },
    ]);
    const { inventory, errors } = await collectConnectRegionWithClient(client(TEST_REGION), TEST_REGION);
    expect(errors).toEqual([
      {
        service: "connect",
        region: TEST_REGION,
        action: "connect:ListIntegrationAssociations",
        kind: "other",
        message: "InternalServerException: Internal server error",
      },
      {
        service: "connect",
        region: TEST_REGION,
        action: "connect:ListSecurityProfiles",
        kind: "throttled",
        message: "throttled: TooManyRequestsException: Rate exceeded",
      },
    ]);
    expect(inventory.instances[0]?.uncollected).toEqual([
      "connect:ListIntegrationAssociations",
      "connect:ListSecurityProfiles",
    ]);
  });
});
