import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  paginateLookupEvents,
} from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectTrails, sampleTlsDetails, type Pacing } from "@/lib/aws/cloudtrail/collect";
import type { CloudTrailInventory, TlsSample, Trail } from "@/lib/inventory";
import {
  accountLoggingInventory,
  classicSelector,
  loggingTrail,
  managementAdvancedSelector,
  TEST_ACCOUNT,
  tlsObservation,
  tlsSample,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault, Scenario } from "../types";
import { cloudtrail } from "./cloudtrail";
import { FAKE_SERVICES } from "./index";

let fake: FakeAws;

const REGIONS = ["us-east-1", "eu-west-1"];
const NO_WAIT: Pacing = { intervalMs: 0, now: () => Date.now(), sleep: async () => {} };

const MULTI = loggingTrail({ seenInRegions: REGIONS });
const LOCAL = loggingTrail({
  name: "local-data-events",
  isMultiRegion: false,
  includeGlobalServiceEvents: false,
  logFileValidationEnabled: false,
  kmsKeyId: undefined,
  status: { isLogging: false, latestDeliveryError: "AccessDenied", latestDigestDeliveryError: "NoSuchBucket" },
  eventSelectors: { classic: [], advanced: [managementAdvancedSelector([{ field: "readOnly", equals: ["false"] }])] },
  seenInRegions: ["us-east-1"],
});
const ORG = loggingTrail({
  name: "org-trail",
  arn: "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail",
  isOrganizationTrail: true,
  s3KeyPrefix: "o-a1b2c3d4e5",
  seenInRegions: REGIONS,
});
const EU = loggingTrail({
  name: "eu-writes",
  homeRegion: "eu-west-1",
  isMultiRegion: false,
  eventSelectors: {
    classic: [classicSelector({ readWriteType: "WriteOnly", excludeManagementEventSources: ["kms.amazonaws.com"] })],
    advanced: [],
  },
  seenInRegions: ["eu-west-1"],
});
/** In the collector's order: Regions in turn, each listing its trails in inventory order. */
const CLOUDTRAIL: CloudTrailInventory = { trails: [MULTI, LOCAL, ORG, EU], describedRegions: REGIONS };

const STS = "sts.amazonaws.com";
const TLS_SAMPLES: TlsSample[] = [
  tlsSample(),
  tlsSample({
    eventSource: STS,
    observations: [
      tlsObservation({
        eventSource: STS,
        tlsVersion: "TLSv1.2",
        cipherSuite: "ECDHE-RSA-AES128-GCM-SHA256",
        caller: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Admin/j•••`,
        clientProvidedHostHeader: "sts.amazonaws.com",
      }),
      tlsObservation({
        eventSource: STS,
        eventTime: "2026-01-01T00:00:01Z",
        caller: `arn:aws:iam::${TEST_ACCOUNT}:root`,
        userAgent: undefined,
        cipherSuite: undefined,
        clientProvidedHostHeader: undefined,
      }),
      tlsObservation({ eventSource: STS, eventTime: "2026-01-01T00:00:02Z", caller: undefined }),
    ],
  }),
  tlsSample({ region: "eu-west-1" }),
  tlsSample({ eventSource: "cognito-idp.amazonaws.com", region: "eu-west-1", observations: [] }),
];
const TARGETS = TLS_SAMPLES.map(({ eventSource, region }) => ({ eventSource, region }));

function scenario(faults?: Fault[], tlsSamples = TLS_SAMPLES): Scenario {
  return { inventory: accountLoggingInventory({ cloudtrail: CLOUDTRAIL, tlsSamples }, { regions: REGIONS }), faults };
}

const clients = new Map<string, CloudTrailClient>();
function clientFor(region: string) {
  const client =
    clients.get(region) ??
    new CloudTrailClient({
      region,
      endpoint: fake.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
  clients.set(region, client);
  return client;
}

beforeAll(async () => {
  FAKE_SERVICES[cloudtrail.model.signingName] = cloudtrail;
  fake = await startFakeAws(scenario());
});
afterAll(async () => {
  for (const client of clients.values()) client.destroy();
  await fake.close();
});

const without = (trail: Trail, region: string): Trail => ({
  ...trail,
  seenInRegions: trail.seenInRegions.filter((r) => r !== region),
});

describe("fake CloudTrail", () => {
  it("round-trips trails, shadow trails, status and selectors through the real collector", async () => {
    fake.setScenario(scenario());
    fake.reset();
    const { inventory, errors } = await collectTrails(clientFor, REGIONS);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(CLOUDTRAIL);
    // Status and selectors once per trail, in its home Region.
    expect(fake.counts()).toMatchObject({
      "cloudtrail:DescribeTrails": 2,
      "cloudtrail:GetTrailStatus": 4,
      "cloudtrail:GetEventSelectors": 4,
    });
  });

  it("lists only home-Region trails without shadow trails, and finds trails by name only at home", async () => {
    fake.setScenario(scenario());
    const eu = await clientFor("eu-west-1").send(new DescribeTrailsCommand({ includeShadowTrails: false }));
    expect(eu.trailList?.map((t) => t.Name)).toEqual(["eu-writes"]);
    await expect(clientFor("eu-west-1").send(new GetTrailStatusCommand({ Name: MULTI.arn }))).resolves.toMatchObject({
      IsLogging: true,
    });
    await expect(clientFor("eu-west-1").send(new GetTrailStatusCommand({ Name: MULTI.name }))).rejects.toMatchObject({
      name: "TrailNotFoundException",
    });
  });

  it("round-trips the TLS samples through LookupEvents and the real sampler", async () => {
    fake.setScenario(scenario());
    const { inventory, errors } = await sampleTlsDetails(clientFor, TARGETS, NO_WAIT);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(TLS_SAMPLES);
  });

  it("pages LookupEvents at 50 events", async () => {
    const observations = Array.from({ length: 120 }, (_, i) =>
      tlsObservation({ eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString().replace(".000Z", "Z") }),
    );
    fake.setScenario(scenario([], [tlsSample({ observations })]));
    const { inventory } = await sampleTlsDetails(clientFor, [TARGETS[0]!], NO_WAIT);
    expect(inventory[0]?.observations).toEqual(observations.slice(0, 50));
    fake.reset();
    const pages = [];
    for await (const page of paginateLookupEvents(
      { client: clientFor("us-east-1"), pageSize: 50 },
      { LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "elasticache.amazonaws.com" }] },
    )) {
      pages.push(page.Events?.length);
    }
    expect(pages).toEqual([50, 50, 20]);
    expect(fake.counts()["cloudtrail:LookupEvents"]).toBe(3);
    await expect(clientFor("us-east-1").send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: "InvalidMaxResultsException",
    });
  });

  it("answers UnrecognizedClientException from an opt-in Region the account has not enabled", async () => {
    fake.setScenario(scenario());
    const { inventory, errors } = await collectTrails(clientFor, [...REGIONS, "af-south-1"]);
    expect(inventory).toEqual(CLOUDTRAIL);
    expect(errors).toEqual([
      expect.objectContaining({
        region: "af-south-1",
        action: "cloudtrail:DescribeTrails",
        kind: "region-unavailable",
      }),
    ]);
  });

  it("keeps a Region the inventory skipped for the account-wide service unavailable", async () => {
    const base = scenario();
    fake.setScenario({
      inventory: { ...base.inventory, skippedRegions: [{ region: "eu-west-1", service: "account", reason: "x" }] },
    });
    const { inventory, errors } = await collectTrails(clientFor, REGIONS);
    expect(errors.map((e) => [e.region, e.kind])).toEqual([["eu-west-1", "region-unavailable"]]);
    expect(inventory.describedRegions).toEqual(["us-east-1"]);
  });

  it("turns an injected access denial of DescribeTrails into an undescribed Region", async () => {
    fake.setScenario(scenario([{ action: "cloudtrail:DescribeTrails", region: "eu-west-1", kind: "access-denied" }]));
    const { inventory, errors } = await collectTrails(clientFor, REGIONS);
    expect(errors).toEqual([
      {
        service: "account",
        region: "eu-west-1",
        action: "cloudtrail:DescribeTrails",
        kind: "access-denied",
        message: "insufficient permissions: cloudtrail:DescribeTrails",
      },
    ]);
    expect(inventory).toEqual({
      trails: [without(MULTI, "eu-west-1"), LOCAL, without(ORG, "eu-west-1")],
      describedRegions: ["us-east-1"],
    });
  });

  it.each([
    {
      fault: { action: "cloudtrail:GetTrailStatus", region: "eu-west-1", kind: "throttle" },
      kind: "throttled",
      part: "status",
    },
    {
      fault: { action: "cloudtrail:GetEventSelectors", region: "eu-west-1", kind: "server-error" },
      kind: "other",
      part: "eventSelectors",
    },
  ] as const)(
    "leaves the $part of the failed trail undefined on an injected $fault.kind",
    async ({ fault, kind, part }) => {
      fake.setScenario(scenario([{ ...fault }]));
      const { inventory, errors } = await collectTrails(clientFor, REGIONS);
      expect(errors).toEqual([
        expect.objectContaining({ service: "account", region: "eu-west-1", action: fault.action, kind }),
      ]);
      const { [part]: _failed, ...eu } = EU;
      expect(inventory.trails).toEqual([MULTI, LOCAL, ORG, eu]);
    },
  );

  it("reports an injected LookupEvents failure for its target only", async () => {
    fake.setScenario(scenario([{ action: "cloudtrail:LookupEvents", region: "eu-west-1", kind: "access-denied" }]));
    const { inventory, errors } = await sampleTlsDetails(clientFor, TARGETS, NO_WAIT);
    expect(inventory).toEqual(TLS_SAMPLES.filter((s) => s.region === "us-east-1"));
    expect(errors).toEqual([
      expect.objectContaining({ region: "eu-west-1", action: "cloudtrail:LookupEvents", kind: "access-denied" }),
      expect.objectContaining({ region: "eu-west-1", action: "cloudtrail:LookupEvents", kind: "access-denied" }),
    ]);
  });
});
