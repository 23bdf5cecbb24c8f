import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  paginateLookupEvents,
} from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectTrails, sampleTlsDetails } from "@/lib/aws/cloudtrail/collect";
import { control as kmsControl } from "@/lib/controls/account/cloudtrail-kms";
import { control as validationControl } from "@/lib/controls/account/cloudtrail-log-file-validation";
import { control as loggingControl } from "@/lib/controls/account/cloudtrail-multiregion-logging";
import { demoInventory } from "@/lib/demo/inventory";
import type { CloudTrailInventory, CollectionError, Inventory, TlsSample, Trail } from "@/lib/inventory";
import {
  accountLoggingInventory,
  classicSelector,
  loggingTrail,
  managementAdvancedSelector,
  TEST_ACCOUNT,
  tlsObservation,
  tlsSample,
} from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault, Scenario } from "../types";
import { asSeenByMember, cloudtrail } from "./cloudtrail";
import { FAKE_SERVICES } from "./index";

let fake: FakeAws;

const REGIONS = ["us-east-1", "eu-west-1"];

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
const CONTEXT = { accountId: TEST_ACCOUNT };

/**
 * A trail as the collector returns it: owner from the ARN, and how each detail was obtained. A
 * stopped trail's selectors are not asked for.
 */
function collected(trail: Trail): Trail {
  const stopped = trail.status?.isLogging === false;
  const { eventSelectors, ...rest } = trail;
  return {
    ...rest,
    ...(stopped ? {} : { eventSelectors }),
    ownerAccountId: trail.arn.split(":")[4],
    details: {
      status: { state: "read", action: "cloudtrail:GetTrailStatus" },
      eventSelectors: stopped
        ? { state: "not-needed", why: "the trail is not logging" }
        : { state: "read", action: "cloudtrail:GetEventSelectors" },
      logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
      kmsKey: { state: "read", action: "cloudtrail:DescribeTrails" },
    },
  };
}
const COLLECTED: CloudTrailInventory = { ...CLOUDTRAIL, trails: CLOUDTRAIL.trails.map(collected) };

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
    const { inventory, errors } = await collectTrails(clientFor, REGIONS, CONTEXT);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(COLLECTED);
    // Status once per trail, selectors once per logging trail, in its home Region.
    expect(fake.counts()).toMatchObject({
      "cloudtrail:DescribeTrails": 2,
      "cloudtrail:GetTrailStatus": 4,
      "cloudtrail:GetEventSelectors": 3,
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
    const { inventory, errors } = await sampleTlsDetails(clientFor, TARGETS);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(TLS_SAMPLES);
  });

  it("pages LookupEvents at 50 events", async () => {
    const observations = Array.from({ length: 120 }, (_, i) =>
      tlsObservation({ eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString().replace(".000Z", "Z") }),
    );
    fake.setScenario(scenario([], [tlsSample({ observations })]));
    const { inventory } = await sampleTlsDetails(clientFor, [TARGETS[0]!]);
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
    const { inventory, errors } = await collectTrails(clientFor, [...REGIONS, "af-south-1"], CONTEXT);
    expect(inventory).toEqual(COLLECTED);
    expect(errors).toEqual([
      expect.objectContaining({
        region: "af-south-1",
        action: "cloudtrail:DescribeTrails",
        kind: "credentials-rejected",
      }),
    ]);
  });

  it("keeps a Region the inventory skipped for the account-wide service unavailable", async () => {
    const base = scenario();
    fake.setScenario({
      inventory: { ...base.inventory, skippedRegions: [{ region: "eu-west-1", service: "account", reason: "x" }] },
    });
    const { inventory, errors } = await collectTrails(clientFor, REGIONS, CONTEXT);
    expect(errors.map((e) => [e.region, e.kind])).toEqual([["eu-west-1", "credentials-rejected"]]);
    expect(inventory.describedRegions).toEqual(["us-east-1"]);
  });

  it("turns an injected access denial of DescribeTrails into an undescribed Region", async () => {
    fake.setScenario(scenario([{ action: "cloudtrail:DescribeTrails", region: "eu-west-1", kind: "access-denied" }]));
    const { inventory, errors } = await collectTrails(clientFor, REGIONS, CONTEXT);
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
      trails: [without(MULTI, "eu-west-1"), LOCAL, without(ORG, "eu-west-1")].map(collected),
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
      const { inventory, errors } = await collectTrails(clientFor, REGIONS, CONTEXT);
      expect(errors).toEqual([
        expect.objectContaining({
          service: "account",
          region: "eu-west-1",
          action: fault.action,
          kind,
          resource: EU.arn,
        }),
      ]);
      const { [part]: _failed, ...eu } = collected(EU);
      const details = collected(EU).details!;
      const unreadable = { state: "unreadable", action: fault.action, errorKind: kind, memberView: false };
      expect(inventory.trails).toEqual([
        ...[MULTI, LOCAL, ORG].map(collected),
        { ...eu, details: { ...details, [part]: expect.objectContaining(unreadable) } },
      ]);
    },
  );

  it("reports an injected LookupEvents failure for its target only", async () => {
    fake.setScenario(scenario([{ action: "cloudtrail:LookupEvents", region: "eu-west-1", kind: "access-denied" }]));
    const { inventory, errors } = await sampleTlsDetails(clientFor, TARGETS);
    expect(inventory).toEqual(TLS_SAMPLES.filter((s) => s.region === "us-east-1"));
    expect(errors).toEqual([
      expect.objectContaining({ region: "eu-west-1", action: "cloudtrail:LookupEvents", kind: "access-denied" }),
      expect.objectContaining({ region: "eu-west-1", action: "cloudtrail:LookupEvents", kind: "access-denied" }),
    ]);
  });
});

describe("an organization trail of another account, seen from a member account", () => {
  /** The management account's organization trail, whose details this member may not read. */
  const MEMBER_VIEW = asSeenByMember({ ...ORG, seenInRegions: REGIONS });
  const memberScenario = (trails: Trail[]): Scenario => ({
    inventory: accountLoggingInventory({ cloudtrail: { trails, describedRegions: REGIONS } }, { regions: REGIONS }),
  });
  const ANSWER = `AccountID in ARN is wrong, you can only access resources with AccountID ${TEST_ACCOUNT}.`;
  const CONTROLS = [loggingControl, kmsControl, validationControl];

  /** What the scan makes of it: the collector's inventory, evaluated by the runner. */
  async function scanned(regions = REGIONS, account = TEST_ACCOUNT) {
    const { inventory: cloudtrailInventory, errors } = await collectTrails(clientFor, regions, { accountId: account });
    const inventory: Inventory = accountLoggingInventory(
      { cloudtrail: cloudtrailInventory },
      { regions, errors, account: { id: account, partition: "aws" } },
    );
    return { inventory, outcomes: evaluateInventory(inventory, CONTROLS, { now: new Date("2026-06-01T00:00:00Z") }) };
  }

  it("lists it in every Region, finds it by ARN only, and refuses its status and selectors", async () => {
    fake.setScenario(memberScenario([MEMBER_VIEW]));
    for (const region of REGIONS) {
      const listed = await clientFor(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      expect(listed.trailList).toEqual([
        expect.objectContaining({ TrailARN: ORG.arn, IsOrganizationTrail: true, IsMultiRegionTrail: true }),
      ]);
    }
    const home = clientFor("us-east-1");
    await expect(home.send(new GetTrailStatusCommand({ Name: ORG.arn }))).rejects.toMatchObject({
      name: "CloudTrailARNInvalidException",
      message: ANSWER,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(home.send(new GetEventSelectorsCommand({ TrailName: ORG.arn }))).rejects.toMatchObject({
      name: "CloudTrailARNInvalidException",
      message: ANSWER,
    });
    await expect(home.send(new GetTrailStatusCommand({ Name: ORG.name }))).rejects.toMatchObject({
      name: "TrailNotFoundException",
    });
  });

  it("answers the error the inventory recorded, such as TrailNotFoundException", async () => {
    fake.setScenario(memberScenario([asSeenByMember(ORG, "TrailNotFoundException")]));
    await expect(clientFor("us-east-1").send(new GetTrailStatusCommand({ Name: ORG.arn }))).rejects.toMatchObject({
      name: "TrailNotFoundException",
      message: `Unknown trail: ${ORG.arn} for the user: ${TEST_ACCOUNT}`,
    });
  });

  it("is kept by the collector with its lookups recorded as member-view errors (a fixed point)", async () => {
    fake.setScenario(memberScenario([MEMBER_VIEW]));
    const { inventory, errors } = await collectTrails(clientFor, REGIONS, CONTEXT);
    expect(inventory.trails).toEqual([MEMBER_VIEW]);
    const refused = (action: string): CollectionError => ({
      service: "account",
      region: "us-east-1",
      action,
      kind: "other",
      message: `member account view of 999988887777's organization trail: CloudTrailARNInvalidException: ${ANSWER}`,
      resource: ORG.arn,
    });
    expect(errors).toEqual([refused("cloudtrail:GetTrailStatus"), refused("cloudtrail:GetEventSelectors")]);
  });

  it("makes every CloudTrail control incomplete on it, never a pass or a fail", async () => {
    fake.setScenario(memberScenario([MEMBER_VIEW]));
    const { outcomes } = await scanned();
    // Besides the rows below, each failed lookup of the trail stands as its own Region row (naming the
    // call and the trail), so nothing it hides goes unmentioned.
    const rows = outcomes.flatMap((o) =>
      o.results.filter((r) => r.resourceType !== "Region").map((r) => [o.control.meta.id, r.resourceArn, r.status]),
    );
    const lookupRows = outcomes.flatMap((o) =>
      o.results.filter((r) => r.resourceType === "Region").map((r) => [r.evidence.action, r.evidence.resource]),
    );
    expect(new Set(lookupRows.map((row) => row.join(" ")))).toEqual(
      new Set([`cloudtrail:GetTrailStatus ${ORG.arn}`, `cloudtrail:GetEventSelectors ${ORG.arn}`]),
    );
    expect(rows).toEqual([
      ["xc.cloudtrail-multiregion-logging", `arn:aws:cloudtrail::${TEST_ACCOUNT}:account`, "error"],
      ["xc.cloudtrail-kms", ORG.arn, "error"],
      ["xc.cloudtrail-log-file-validation", ORG.arn, "error"],
    ]);
    const [logging] = outcomes;
    expect(logging?.results[0]?.reason).toMatch(/cloudtrail:GetTrailStatus failed in us-east-1 \(member account view/);
    expect(logging?.results[0]?.evidence.unreadTrails).toEqual([ORG.arn]);
  });

  it("passes the member on its own readable multi-Region trail beside it", async () => {
    fake.setScenario(memberScenario([{ ...MULTI, seenInRegions: REGIONS }, MEMBER_VIEW]));
    const { outcomes } = await scanned();
    const account = outcomes[0]?.results.find((r) => r.resourceType === "Account");
    expect(account).toMatchObject({ status: "pass", evidence: { judgedTrail: MULTI.arn, unreadTrails: [ORG.arn] } });
  });

  it("passes the member on the organization trail when the member may read it", async () => {
    fake.setScenario(memberScenario([{ ...ORG, seenInRegions: REGIONS }]));
    const { outcomes } = await scanned();
    expect(outcomes[0]?.results).toEqual([
      expect.objectContaining({
        status: "pass",
        evidence: expect.objectContaining({ judgedTrail: ORG.arn, ownerAccountId: "999988887777" }),
      }),
    ]);
  });

  it("switches the demo account to a member that may not read its organization trail", async () => {
    const orgTrail = (inventory: Inventory) =>
      inventory.accountWide!.cloudtrail!.trails.find((t) => t.isOrganizationTrail)!;
    const demo = { ...demoInventory, errors: [] };
    const aw = demo.accountWide!;
    const switched: Inventory = {
      ...demo,
      accountWide: {
        ...aw,
        cloudtrail: {
          ...aw.cloudtrail!,
          trails: aw.cloudtrail!.trails.map((t) => (t.isOrganizationTrail ? asSeenByMember(t) : t)),
        },
      },
    };
    fake.setScenario({ inventory: switched });
    const { inventory, outcomes } = await scanned(demo.regions, demo.account.id);
    const org = orgTrail(demo);
    expect(orgTrail(inventory)).toMatchObject({ arn: org.arn, details: { status: { memberView: true } } });
    expect(inventory.errors.map((e) => [e.action, e.resource])).toEqual([
      ["cloudtrail:GetTrailStatus", org.arn],
      ["cloudtrail:GetEventSelectors", org.arn],
    ]);
    // The demo's pass came from its organization trail: now it waits on it (the account's own
    // write-only trail would only warn), and the organization trail's own rows are incomplete.
    const byControl = Object.fromEntries(
      outcomes.map((o) => [
        o.control.meta.id,
        o.results.filter((r) => r.resourceType !== "Region").map((r) => [r.resourceArn, r.status]),
      ]),
    );
    expect(byControl["xc.cloudtrail-multiregion-logging"]).toEqual([
      [`arn:aws:cloudtrail::${demo.account.id}:account`, "error"],
    ]);
    for (const id of ["xc.cloudtrail-kms", "xc.cloudtrail-log-file-validation"]) {
      expect(byControl[id]).toContainEqual([org.arn, "error"]);
      // The account's own trail is judged as before: no KMS key and no validation fail.
      expect(byControl[id]).toContainEqual([expect.stringContaining("northwind-account-audit"), "fail"]);
    }
  });
});
