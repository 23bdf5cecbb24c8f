import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  type Trail as SdkTrail,
} from "@aws-sdk/client-cloudtrail";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  accountOfArn,
  collectTrails,
  maskCallerArn,
  sampleTlsDetails,
  toEventSelectors,
  toTlsObservation,
  toTrail,
  toTrailStatus,
} from "./collect";

const ACCOUNT = "111122223333";
const trailArn = (region: string, name: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;
const ORG_TRAIL = trailArn("us-east-1", "org-trail");
const LOCAL_TRAIL = trailArn("eu-west-1", "eu-only");
/** The organization's management account, which owns the organization trail a member sees. */
const MANAGEMENT = "999988887777";
const MEMBER_VIEW_TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-main`;
const CONTEXT = { accountId: ACCOUNT };

const sdkTrail = (arn: string, extra: Partial<SdkTrail> = {}): SdkTrail => ({
  Name: arn.split("/").pop(),
  TrailARN: arn,
  HomeRegion: arn.split(":")[3],
  IsMultiRegionTrail: false,
  IncludeGlobalServiceEvents: false,
  LogFileValidationEnabled: false,
  IsOrganizationTrail: false,
  S3BucketName: "trail-bucket",
  ...extra,
});

const ct = mockClient(CloudTrailClient);

/** Clients per Region, as the entry point makes them; the mock answers for all of them. */
const clients = new Map<string, CloudTrailClient>();
const clientFor = (region: string) => {
  const client = clients.get(region) ?? new CloudTrailClient({ region });
  clients.set(region, client);
  return client;
};

/** The Region a mocked call was sent to, read from the client that sent it. */
async function regionOf(getClient: () => { config: { region: () => Promise<string> } }): Promise<string> {
  return getClient().config.region();
}

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

beforeEach(() => {
  ct.reset();
  ct.on(DescribeTrailsCommand).resolves({ trailList: [] });
  ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  ct.on(GetEventSelectorsCommand).resolves({
    EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }],
  });
});

describe("reshaping CloudTrail answers", () => {
  it("maps a trail with every field", () => {
    const trail = sdkTrail(ORG_TRAIL, {
      IsMultiRegionTrail: true,
      IsOrganizationTrail: true,
      IncludeGlobalServiceEvents: true,
      LogFileValidationEnabled: true,
      KmsKeyId: "arn:aws:kms:us-east-1:999988887777:key/abcd",
      S3KeyPrefix: "org",
      CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail",
    });
    expect(toTrail({ ...trail, TrailARN: ORG_TRAIL }, "eu-west-1")).toEqual({
      name: "org-trail",
      arn: ORG_TRAIL,
      homeRegion: "us-east-1",
      isMultiRegion: true,
      isOrganizationTrail: true,
      includeGlobalServiceEvents: true,
      logFileValidationEnabled: true,
      kmsKeyId: "arn:aws:kms:us-east-1:999988887777:key/abcd",
      s3BucketName: "trail-bucket",
      s3KeyPrefix: "org",
      seenInRegions: ["eu-west-1"],
      ownerAccountId: ACCOUNT,
      details: {
        status: { state: "not-needed", why: "not asked yet" },
        eventSelectors: { state: "not-needed", why: "not asked yet" },
        logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
        kmsKey: { state: "read", action: "cloudtrail:DescribeTrails" },
      },
    });
  });

  it("takes the owner account from the ARN: another account's for an organization trail seen from a member", () => {
    expect(toTrail({ TrailARN: MEMBER_VIEW_TRAIL, IsOrganizationTrail: true }, "eu-west-1").ownerAccountId).toBe(
      MANAGEMENT,
    );
    expect(accountOfArn("arn:aws:s3:::bucket")).toBeUndefined();
  });

  it("defaults missing booleans to false and falls back to the listing Region", () => {
    const trail = toTrail({ TrailARN: LOCAL_TRAIL }, "eu-west-1");
    expect(trail).toMatchObject({
      name: LOCAL_TRAIL,
      homeRegion: "eu-west-1",
      isMultiRegion: false,
      isOrganizationTrail: false,
      includeGlobalServiceEvents: false,
      logFileValidationEnabled: false,
      kmsKeyId: undefined,
    });
  });

  it("maps a trail status, keeping delivery errors", () => {
    expect(
      toTrailStatus({
        IsLogging: true,
        LatestDeliveryError: "AccessDenied",
        LatestDigestDeliveryError: "NoSuchBucket",
        LatestDeliveryTime: new Date("2026-05-01T10:00:00Z"),
      }),
    ).toEqual({
      isLogging: true,
      latestDeliveryError: "AccessDenied",
      latestDigestDeliveryError: "NoSuchBucket",
      latestDeliveryTime: "2026-05-01T10:00:00.000Z",
    });
    expect(toTrailStatus({})).toEqual({ isLogging: false });
  });

  it("maps classic and advanced event selectors", () => {
    expect(
      toEventSelectors({
        EventSelectors: [
          {
            ReadWriteType: "WriteOnly",
            IncludeManagementEvents: true,
            ExcludeManagementEventSources: ["kms.amazonaws.com"],
          },
          { ReadWriteType: "All" },
        ],
        AdvancedEventSelectors: [
          {
            Name: "Management",
            FieldSelectors: [
              { Field: "eventCategory", Equals: ["Management"] },
              { Field: "readOnly", Equals: ["false"] },
              { Field: "eventSource", NotEquals: ["rdsdata.amazonaws.com"], NotStartsWith: ["x"], StartsWith: ["y"] },
              { Field: undefined },
            ],
          },
        ],
      }),
    ).toEqual({
      classic: [
        {
          readWriteType: "WriteOnly",
          includeManagementEvents: true,
          excludeManagementEventSources: ["kms.amazonaws.com"],
        },
        { readWriteType: "All", includeManagementEvents: undefined, excludeManagementEventSources: [] },
      ],
      advanced: [
        {
          name: "Management",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Management"] },
            { field: "readOnly", equals: ["false"] },
            { field: "eventSource", notEquals: ["rdsdata.amazonaws.com"], notStartsWith: ["x"], startsWith: ["y"] },
          ],
        },
      ],
    });
    expect(toEventSelectors({})).toEqual({ classic: [], advanced: [] });
  });

  it.each([
    ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/a•••"],
    ["arn:aws:iam::111122223333:user/ops/team/alice", "arn:aws:iam::111122223333:user/ops/team/a•••"],
    [
      "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/jane.doe@example.com",
      "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/j•••",
    ],
    ["arn:aws-us-gov:sts::111122223333:federated-user/bob", "arn:aws-us-gov:sts::111122223333:federated-user/b•••"],
    ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:root"],
    ["not-an-arn", "•••"],
  ])("masks caller %s", (arn, masked) => {
    expect(maskCallerArn(arn)).toBe(masked);
  });

  it("reads only TLS details, the masked caller and the user agent from an event", () => {
    const record = {
      eventTime: "2026-05-01T10:00:00Z",
      eventSource: "iam.amazonaws.com",
      userIdentity: { arn: "arn:aws:iam::111122223333:user/alice@example.com", accessKeyId: "AKIAIOSFODNN7EXAMPLE" },
      userAgent: "aws-cli/2.15.0 Python/3.11",
      sourceIPAddress: "203.0.113.7",
      requestParameters: { userName: "bob@example.com", password: "hunter2" },
      tlsDetails: {
        tlsVersion: "TLSv1.2",
        cipherSuite: "ECDHE-RSA-AES128-GCM-SHA256",
        clientProvidedHostHeader: "iam-fips.amazonaws.com",
      },
    };
    const observation = toTlsObservation(
      { CloudTrailEvent: JSON.stringify(record) },
      { eventSource: "iam.amazonaws.com", region: "us-east-1" },
    );
    expect(observation).toEqual({
      eventSource: "iam.amazonaws.com",
      region: "us-east-1",
      eventTime: "2026-05-01T10:00:00Z",
      tlsVersion: "TLSv1.2",
      cipherSuite: "ECDHE-RSA-AES128-GCM-SHA256",
      clientProvidedHostHeader: "iam-fips.amazonaws.com",
      caller: "arn:aws:iam::111122223333:user/a•••",
      userAgent: "aws-cli/2.15.0 Python/3.11",
    });
    const stored = JSON.stringify(observation);
    for (const secret of ["bob@example.com", "hunter2", "203.0.113.7", "AKIAIOSFODNN7EXAMPLE", "alice"]) {
      expect(stored).not.toContain(secret);
    }
  });

  it("skips events without TLS details or with unreadable JSON", () => {
    const target = { eventSource: "sts.amazonaws.com", region: "us-east-1" };
    expect(toTlsObservation({ CloudTrailEvent: JSON.stringify({ eventSource: "sts.amazonaws.com" }) }, target)).toBe(
      undefined,
    );
    expect(toTlsObservation({ CloudTrailEvent: "{not json" }, target)).toBeUndefined();
    expect(toTlsObservation({}, target)).toBeUndefined();
  });

  it("falls back to the event's own time and the target's source", () => {
    const observation = toTlsObservation(
      {
        EventTime: new Date("2026-04-01T00:00:00Z"),
        CloudTrailEvent: JSON.stringify({ tlsDetails: { tlsVersion: "TLSv1" } }),
      },
      { eventSource: "connect.amazonaws.com", region: "eu-west-2" },
    );
    expect(observation).toMatchObject({
      eventSource: "connect.amazonaws.com",
      eventTime: "2026-04-01T00:00:00.000Z",
      tlsVersion: "TLSv1",
      caller: undefined,
      userAgent: undefined,
    });
  });
});

describe("collectTrails", () => {
  it("asks every Region with shadow trails, merges trails by ARN and records where each was seen", async () => {
    ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      const shadow = sdkTrail(ORG_TRAIL, { IsMultiRegionTrail: true, IsOrganizationTrail: true });
      return { trailList: region === "eu-west-1" ? [shadow, sdkTrail(LOCAL_TRAIL)] : [shadow] };
    });

    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1", "eu-west-1", "ap-south-1"], CONTEXT);

    expect(errors).toEqual([]);
    expect(ct).toHaveReceivedCommandWith(DescribeTrailsCommand, { includeShadowTrails: true });
    expect(ct).toHaveReceivedCommandTimes(DescribeTrailsCommand, 3);
    expect(inventory.describedRegions).toEqual(["us-east-1", "eu-west-1", "ap-south-1"]);
    expect(inventory.trails.map((t) => [t.arn, t.seenInRegions])).toEqual([
      [ORG_TRAIL, ["us-east-1", "eu-west-1", "ap-south-1"]],
      [LOCAL_TRAIL, ["eu-west-1"]],
    ]);
    expect(inventory.trails[0]).toMatchObject({
      isMultiRegion: true,
      isOrganizationTrail: true,
      status: { isLogging: true },
      eventSelectors: { classic: [{ readWriteType: "All", includeManagementEvents: true }], advanced: [] },
    });
  });

  it("asks for status and selectors once per trail, by ARN, in the trail's home Region", async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [sdkTrail(ORG_TRAIL, { IsMultiRegionTrail: true }), sdkTrail(LOCAL_TRAIL)],
    });
    const sentTo: string[] = [];
    ct.on(GetTrailStatusCommand).callsFake(async (input: { Name: string }, getClient) => {
      sentTo.push(`${input.Name} @ ${await regionOf(getClient)}`);
      return { IsLogging: input.Name === ORG_TRAIL };
    });

    const { inventory } = await collectTrails(clientFor, ["us-east-1", "eu-west-1"], CONTEXT);

    expect(sentTo.sort()).toEqual([`${LOCAL_TRAIL} @ eu-west-1`, `${ORG_TRAIL} @ us-east-1`]);
    expect(ct).toHaveReceivedCommandTimes(GetTrailStatusCommand, 2);
    expect(inventory.trails.map((t) => t.status?.isLogging)).toEqual([true, false]);
    // The stopped trail's selectors are not asked: no verdict reads what a stopped trail would record.
    expect(ct).toHaveReceivedCommandTimes(GetEventSelectorsCommand, 1);
    expect(ct).toHaveReceivedCommandWith(GetEventSelectorsCommand, { TrailName: ORG_TRAIL });
    expect(inventory.trails.map((t) => [t.details?.status.state, t.details?.eventSelectors])).toEqual([
      ["read", { state: "read", action: "cloudtrail:GetEventSelectors" }],
      ["read", { state: "not-needed", why: "the trail is not logging" }],
    ]);
    expect(inventory.trails[1]?.eventSelectors).toBeUndefined();
  });

  it("makes only the DescribeTrails calls when no Region has a trail (call budget)", async () => {
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1", "eu-west-1"], CONTEXT);
    expect(errors).toEqual([]);
    expect(inventory).toEqual({ trails: [], describedRegions: ["us-east-1", "eu-west-1"] });
    expect(ct.calls()).toHaveLength(2);
  });

  it("ignores trails listed without an ARN", async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: "nameless" }, sdkTrail(LOCAL_TRAIL)] });
    const { inventory } = await collectTrails(clientFor, ["eu-west-1"], CONTEXT);
    expect(inventory.trails.map((t) => t.arn)).toEqual([LOCAL_TRAIL]);
  });

  describe("failed calls", () => {
    it("records a Region whose DescribeTrails was denied and keeps the others' trails", async () => {
      ct.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
        if ((await regionOf(getClient)) === "eu-west-1") {
          throw awsError(
            "AccessDeniedException",
            "User: arn:aws:sts::111122223333:assumed-role/Scanner/s is not authorized to perform: cloudtrail:DescribeTrails",
            400,
          );
        }
        return { trailList: [sdkTrail(ORG_TRAIL, { IsMultiRegionTrail: true })] };
      });

      const { inventory, errors } = await collectTrails(clientFor, ["us-east-1", "eu-west-1"], CONTEXT);

      expect(errors).toEqual([
        {
          service: "account",
          region: "eu-west-1",
          action: "cloudtrail:DescribeTrails",
          kind: "access-denied",
          message: "insufficient permissions: cloudtrail:DescribeTrails",
        },
      ]);
      expect(inventory.describedRegions).toEqual(["us-east-1"]);
      expect(inventory.trails.map((t) => [t.arn, t.seenInRegions])).toEqual([[ORG_TRAIL, ["us-east-1"]]]);
    });

    it("reports a Region that is not enabled as region-unavailable", async () => {
      ct.on(DescribeTrailsCommand).rejects(
        awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
      );
      const { inventory, errors } = await collectTrails(clientFor, ["me-south-1"], CONTEXT);
      expect(errors.map((e) => [e.kind, e.region, e.action])).toEqual([
        ["credentials-rejected", "me-south-1", "cloudtrail:DescribeTrails"],
      ]);
      expect(inventory).toEqual({ trails: [], describedRegions: [] });
    });

    it("keeps a trail whose status call failed, with status undefined and the error recorded", async () => {
      ct.on(DescribeTrailsCommand).resolves({ trailList: [sdkTrail(ORG_TRAIL, { IsMultiRegionTrail: true })] });
      ct.on(GetTrailStatusCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400));

      const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);

      expect(errors).toEqual([
        {
          service: "account",
          region: "us-east-1",
          action: "cloudtrail:GetTrailStatus",
          kind: "throttled",
          message: "throttled: ThrottlingException: Rate exceeded",
          resource: ORG_TRAIL,
        },
      ]);
      expect(inventory.trails).toHaveLength(1);
      expect(inventory.trails[0]?.status).toBeUndefined();
      expect(inventory.trails[0]?.eventSelectors).toBeDefined();
      expect(inventory.trails[0]?.details?.status).toEqual({
        state: "unreadable",
        action: "cloudtrail:GetTrailStatus",
        errorKind: "throttled",
        errorCode: "ThrottlingException",
        memberView: false,
      });
    });

    it("keeps a trail whose selectors call failed, with selectors undefined", async () => {
      ct.on(DescribeTrailsCommand).resolves({ trailList: [sdkTrail(LOCAL_TRAIL)] });
      ct.on(GetEventSelectorsCommand).rejects(awsError("InternalFailure", "Something broke", 500));

      const { inventory, errors } = await collectTrails(clientFor, ["eu-west-1"], CONTEXT);

      expect(errors).toEqual([
        {
          service: "account",
          region: "eu-west-1",
          action: "cloudtrail:GetEventSelectors",
          kind: "other",
          message: "InternalFailure: Something broke",
          resource: LOCAL_TRAIL,
        },
      ]);
      expect(inventory.trails[0]?.status).toEqual({ isLogging: true });
      expect(inventory.trails[0]?.eventSelectors).toBeUndefined();
    });

    it("drops a trail deleted between DescribeTrails and its status call", async () => {
      ct.on(DescribeTrailsCommand).resolves({
        trailList: [sdkTrail(LOCAL_TRAIL), sdkTrail(trailArn("eu-west-1", "kept"))],
      });
      ct.on(GetTrailStatusCommand, { Name: LOCAL_TRAIL }).rejects(
        awsError("TrailNotFoundException", "Unknown trail", 400),
      );

      const { inventory, errors } = await collectTrails(clientFor, ["eu-west-1"], CONTEXT);

      expect(errors).toEqual([]);
      expect(inventory.trails.map((t) => t.name)).toEqual(["kept"]);
    });

    it("reports a home Region whose endpoint does not resolve", async () => {
      ct.on(DescribeTrailsCommand).resolves({ trailList: [sdkTrail(LOCAL_TRAIL)] });
      ct.on(GetTrailStatusCommand).rejects(
        Object.assign(new Error("getaddrinfo ENOTFOUND cloudtrail.eu-west-1.amazonaws.com"), { code: "ENOTFOUND" }),
      );
      const { inventory, errors } = await collectTrails(clientFor, ["eu-west-1"], CONTEXT);
      expect(errors.map((e) => [e.kind, e.action])).toEqual([["region-unavailable", "cloudtrail:GetTrailStatus"]]);
      // The Region answered nothing: the selectors are not asked there again.
      expect(ct).toHaveReceivedCommandTimes(GetEventSelectorsCommand, 0);
      expect(inventory.trails[0]?.details?.eventSelectors).toEqual({
        state: "not-needed",
        why: "its home Region answered region-unavailable",
      });
    });
  });
});

/**
 * An organization trail as DescribeTrails shows it to a member account (111122223333): owned by the
 * management account, listed in every Region as a shadow trail. LogFileValidationEnabled and KmsKeyId
 * come with the listing.
 */
const memberViewTrail = (extra: Partial<SdkTrail> = {}): SdkTrail => ({
  Name: "org-main",
  S3BucketName: "org-cloudtrail-logs-444455556666",
  S3KeyPrefix: "o-a1b2c3d4e5",
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: "us-east-1",
  TrailARN: MEMBER_VIEW_TRAIL,
  LogFileValidationEnabled: true,
  KmsKeyId: "arn:aws:kms:us-east-1:444455556666:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  HasCustomEventSelectors: true,
  HasInsightSelectors: false,
  IsOrganizationTrail: true,
  ...extra,
});

/** What members have been seen to get for another account's trail (see isMemberView in collect.ts). */
const MEMBER_VIEW_ANSWERS = [
  {
    code: "CloudTrailARNInvalidException",
    error: awsError(
      "CloudTrailARNInvalidException",
      `AccountID in ARN is wrong, you can only access resources with AccountID ${ACCOUNT}.`,
      400,
    ),
    kind: "other",
    detail: `CloudTrailARNInvalidException: AccountID in ARN is wrong, you can only access resources with AccountID ${ACCOUNT}.`,
  },
  {
    code: "TrailNotFoundException",
    error: awsError("TrailNotFoundException", `Unknown trail: ${MEMBER_VIEW_TRAIL} for the user: ${ACCOUNT}`, 400),
    kind: "other",
    detail: `TrailNotFoundException: Unknown trail: ${MEMBER_VIEW_TRAIL} for the user: ${ACCOUNT}`,
  },
  {
    code: "InsufficientDependencyServiceAccessPermissionException",
    error: awsError(
      "InsufficientDependencyServiceAccessPermissionException",
      "The caller is not the management account.",
      400,
    ),
    kind: "other",
    detail: "InsufficientDependencyServiceAccessPermissionException: The caller is not the management account.",
  },
] as const;

describe("an organization trail seen from a member account", () => {
  beforeEach(() => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [memberViewTrail()] });
  });

  it.each(MEMBER_VIEW_ANSWERS)(
    "keeps the trail when its status and selectors answer $code, as an expected error of each lookup",
    async ({ code, error, kind, detail }) => {
      ct.on(GetTrailStatusCommand).rejects(error);
      ct.on(GetEventSelectorsCommand).rejects(error);

      const { inventory, errors } = await collectTrails(clientFor, ["us-east-1", "eu-west-1"], CONTEXT);

      const [trail] = inventory.trails;
      expect(inventory.trails).toHaveLength(1);
      expect(trail).toMatchObject({
        arn: MEMBER_VIEW_TRAIL,
        ownerAccountId: MANAGEMENT,
        isOrganizationTrail: true,
        isMultiRegion: true,
        logFileValidationEnabled: true,
        kmsKeyId: "arn:aws:kms:us-east-1:444455556666:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        seenInRegions: ["us-east-1", "eu-west-1"],
      });
      expect(trail?.status).toBeUndefined();
      expect(trail?.eventSelectors).toBeUndefined();
      const selectorsAction = "cloudtrail:GetEventSelectors";
      const refused = (action: string) => ({
        state: "unreadable",
        action,
        errorKind: kind,
        errorCode: code,
        memberView: true,
      });
      expect(trail?.details).toEqual({
        status: refused("cloudtrail:GetTrailStatus"),
        eventSelectors: refused(selectorsAction),
        logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
        kmsKey: { state: "read", action: "cloudtrail:DescribeTrails" },
      });
      const message = `member account view of ${MANAGEMENT}'s organization trail: ${detail}`;
      const error_ = (action: string) => ({
        service: "account",
        region: "us-east-1",
        action,
        kind,
        message,
        resource: MEMBER_VIEW_TRAIL,
      });
      expect(errors).toEqual([error_("cloudtrail:GetTrailStatus"), error_(selectorsAction)]);
      // By ARN in the home Region, as AWS asks members to: never by name.
      expect(ct).toHaveReceivedCommandWith(GetTrailStatusCommand, { Name: MEMBER_VIEW_TRAIL });
      expect(ct).toHaveReceivedCommandWith(GetEventSelectorsCommand, { TrailName: MEMBER_VIEW_TRAIL });
    },
  );

  it("keeps the status a member may read when only the selectors are refused", async () => {
    ct.on(GetTrailStatusCommand).resolves({
      IsLogging: true,
      LatestDeliveryTime: new Date("2026-11-20T08:00:00Z"),
      StartLoggingTime: new Date("2025-01-01T00:00:00Z"),
    });
    ct.on(GetEventSelectorsCommand).rejects(MEMBER_VIEW_ANSWERS[0].error);

    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);

    expect(inventory.trails[0]?.status).toEqual({ isLogging: true, latestDeliveryTime: "2026-11-20T08:00:00.000Z" });
    expect(inventory.trails[0]?.details?.status).toEqual({ state: "read", action: "cloudtrail:GetTrailStatus" });
    expect(inventory.trails[0]?.details?.eventSelectors).toMatchObject({ state: "unreadable", memberView: true });
    expect(errors.map((e) => [e.action, e.resource])).toEqual([["cloudtrail:GetEventSelectors", MEMBER_VIEW_TRAIL]]);
  });

  it("reads the trail's details like any other when the member may", async () => {
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);
    expect(errors).toEqual([]);
    expect(inventory.trails[0]).toMatchObject({ ownerAccountId: MANAGEMENT, status: { isLogging: true } });
    expect(inventory.trails[0]?.details?.eventSelectors).toEqual({
      state: "read",
      action: "cloudtrail:GetEventSelectors",
    });
  });

  it("keeps an access denial an access denial: the scanning role may lack the action", async () => {
    ct.on(GetTrailStatusCommand).rejects(
      awsError(
        "AccessDeniedException",
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/Scanner/s is not authorized to perform: cloudtrail:GetTrailStatus on resource: ${MEMBER_VIEW_TRAIL}`,
        400,
      ),
    );
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "cloudtrail:GetTrailStatus",
        kind: "access-denied",
        message: "insufficient permissions: cloudtrail:GetTrailStatus",
        resource: MEMBER_VIEW_TRAIL,
      },
    ]);
    expect(inventory.trails[0]?.details?.status).toMatchObject({ state: "unreadable", memberView: false });
  });

  it("keeps throttling of another account's trail a throttling error, not the member view", async () => {
    ct.on(GetTrailStatusCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400));
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "cloudtrail:GetTrailStatus",
        kind: "throttled",
        message: "throttled: ThrottlingException: Rate exceeded",
        resource: MEMBER_VIEW_TRAIL,
      },
    ]);
    expect(inventory.trails[0]?.details?.status).toMatchObject({ state: "unreadable", memberView: false });
  });

  it("still drops the scanned account's own trail that answers not found (deleted meanwhile)", async () => {
    ct.on(DescribeTrailsCommand).resolves({ trailList: [memberViewTrail(), sdkTrail(ORG_TRAIL)] });
    ct.on(GetTrailStatusCommand).rejects(awsError("TrailNotFoundException", "Unknown trail", 400));
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], CONTEXT);
    expect(inventory.trails.map((t) => t.arn)).toEqual([MEMBER_VIEW_TRAIL]);
    expect(errors.map((e) => [e.action, e.resource])).toEqual([["cloudtrail:GetTrailStatus", MEMBER_VIEW_TRAIL]]);
  });

  it("treats the same trail as the scanned account's own when the management account is scanned", async () => {
    ct.on(GetTrailStatusCommand).rejects(awsError("TrailNotFoundException", "Unknown trail", 400));
    const { inventory, errors } = await collectTrails(clientFor, ["us-east-1"], { accountId: MANAGEMENT });
    expect(inventory.trails).toEqual([]);
    expect(errors).toEqual([]);
  });
});

const event = (tlsVersion: string, caller = "arn:aws:iam::111122223333:user/alice") => ({
  CloudTrailEvent: JSON.stringify({
    eventTime: "2026-05-01T10:00:00Z",
    userIdentity: { arn: caller },
    userAgent: "Boto3/1.34.0",
    tlsDetails: { tlsVersion, cipherSuite: "ECDHE-RSA-AES128-GCM-SHA256", clientProvidedHostHeader: "h" },
    requestParameters: { secretValue: "do-not-keep" },
  }),
});

describe("sampleTlsDetails", () => {
  it("asks one page of 50 events per event source and keeps only events with TLS details", async () => {
    ct.on(LookupEventsCommand).resolves({
      Events: [event("TLSv1.2"), event("TLSv1"), { CloudTrailEvent: JSON.stringify({ eventName: "x" }) }],
      NextToken: "more-pages-are-never-read",
    });

    const { inventory, errors } = await sampleTlsDetails(clientFor, [
      { eventSource: "elasticache.amazonaws.com", region: "eu-west-1" },
    ]);

    expect(errors).toEqual([]);
    expect(ct).toHaveReceivedCommandTimes(LookupEventsCommand, 1);
    expect(ct).toHaveReceivedCommandWith(LookupEventsCommand, {
      LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "elasticache.amazonaws.com" }],
      MaxResults: 50,
    });
    expect(inventory).toHaveLength(1);
    expect(inventory[0]?.observations.map((o) => [o.tlsVersion, o.caller])).toEqual([
      ["TLSv1.2", "arn:aws:iam::111122223333:user/a•••"],
      ["TLSv1", "arn:aws:iam::111122223333:user/a•••"],
    ]);
    expect(JSON.stringify(inventory)).not.toContain("do-not-keep");
  });

  it("keeps an empty sample when a source has no events", async () => {
    ct.on(LookupEventsCommand).resolves({ Events: [] });
    const { inventory } = await sampleTlsDetails(clientFor, [
      { eventSource: "personalize.amazonaws.com", region: "us-east-1" },
    ]);
    expect(inventory).toEqual([{ eventSource: "personalize.amazonaws.com", region: "us-east-1", observations: [] }]);
  });

  it("samples each target once in its own Region, Regions side by side (the pacer keeps LookupEvents at 2/s)", async () => {
    const sent: string[] = [];
    ct.on(LookupEventsCommand).callsFake(
      async (input: { LookupAttributes: Array<{ AttributeValue: string }> }, getClient) => {
        sent.push(`${await regionOf(getClient)} ${input.LookupAttributes[0]?.AttributeValue}`);
        return { Events: [] };
      },
    );

    const { inventory } = await sampleTlsDetails(clientFor, [
      { eventSource: "iam.amazonaws.com", region: "us-east-1" },
      { eventSource: "sts.amazonaws.com", region: "us-east-1" },
      { eventSource: "elasticache.amazonaws.com", region: "us-east-1" },
      { eventSource: "elasticache.amazonaws.com", region: "eu-west-1" },
    ]);

    expect(sent.sort()).toEqual([
      "eu-west-1 elasticache.amazonaws.com",
      "us-east-1 elasticache.amazonaws.com",
      "us-east-1 iam.amazonaws.com",
      "us-east-1 sts.amazonaws.com",
    ]);
    // In target order, whatever answered first.
    expect(inventory.map((sample) => `${sample.region} ${sample.eventSource}`)).toEqual([
      "us-east-1 iam.amazonaws.com",
      "us-east-1 sts.amazonaws.com",
      "us-east-1 elasticache.amazonaws.com",
      "eu-west-1 elasticache.amazonaws.com",
    ]);
  });

  it("turns a failed lookup into an error for that target and samples the others", async () => {
    ct.on(LookupEventsCommand).resolves({ Events: [event("TLSv1.3")] });
    ct.on(LookupEventsCommand, {
      LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "sts.amazonaws.com" }],
    }).rejects(
      awsError(
        "AccessDeniedException",
        "User: arn:aws:sts::111122223333:assumed-role/Scanner/s is not authorized to perform: cloudtrail:LookupEvents because of an explicit deny in a service control policy",
        400,
      ),
    );

    const { inventory, errors } = await sampleTlsDetails(clientFor, [
      { eventSource: "iam.amazonaws.com", region: "us-east-1" },
      { eventSource: "sts.amazonaws.com", region: "us-east-1" },
    ]);

    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "cloudtrail:LookupEvents",
        kind: "access-denied",
        message: "insufficient permissions: cloudtrail:LookupEvents (explicit deny in a service control policy)",
      },
    ]);
    expect(inventory.map((s) => [s.eventSource, s.observations.length])).toEqual([["iam.amazonaws.com", 1]]);
  });

  it("reports throttling that outlasted the SDK's retries", async () => {
    ct.on(LookupEventsCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400));
    const { inventory, errors } = await sampleTlsDetails(clientFor, [
      { eventSource: "connect.amazonaws.com", region: "eu-west-2" },
    ]);
    expect(inventory).toEqual([]);
    expect(errors.map((e) => [e.kind, e.region, e.action])).toEqual([
      ["throttled", "eu-west-2", "cloudtrail:LookupEvents"],
    ]);
  });
});
