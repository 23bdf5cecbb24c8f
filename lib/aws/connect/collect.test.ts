import {
  ConnectClient,
  ConnectServiceException,
  DescribeInstanceCommand,
  ListApprovedOriginsCommand,
  ListInstancesCommand,
  ListInstanceStorageConfigsCommand,
  ListIntegrationAssociationsCommand,
  ListSecurityProfilesCommand,
  type InstanceStorageConfig as SdkInstanceStorageConfig,
  type InstanceSummary as SdkInstanceSummary,
} from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { MAX_CONCURRENT_CALLS } from "../harness";
import { beforeEach, describe, expect, it } from "vitest";
import {
  collectConnectRegionWithClient,
  STORAGE_RESOURCE_TYPES,
  toConnectInstance,
  toIntegration,
  toSecurityProfile,
  toStorageConfig,
  toTags,
  withDescription,
} from "./collect";

const REGION = "us-east-1";
const ACCOUNT = "111122223333";
const INSTANCE_ID = "aaaaaaaa-1111-2222-3333-444444444444";
const instanceArn = (id: string) => `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${id}`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

// SDK-shaped fixtures, as the Connect API returns them.
const sdkSummary = (id: string, extra: Partial<SdkInstanceSummary> = {}): SdkInstanceSummary => ({
  Id: id,
  Arn: instanceArn(id),
  IdentityManagementType: "SAML",
  InstanceAlias: "support-centre",
  InstanceStatus: "ACTIVE",
  ServiceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_x`,
  InstanceAccessUrl: "https://support-centre.my.connect.aws",
  ...extra,
});
const sdkS3Config = (bucket: string, withKey = true): SdkInstanceStorageConfig => ({
  AssociationId: `assoc-${bucket}`,
  StorageType: "S3",
  S3Config: {
    BucketName: bucket,
    BucketPrefix: "connect/recordings",
    EncryptionConfig: withKey ? { EncryptionType: "KMS", KeyId: KEY_ARN } : undefined,
  },
});

const client = new ConnectClient({ region: REGION });
const connect = mockClient(ConnectClient);

/** An SDK-style error: what the SDK throws after its own retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts } });
}

/** One ACTIVE instance whose every list is empty unless a test says otherwise. */
function oneInstance() {
  connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [sdkSummary(INSTANCE_ID)] });
  connect.on(DescribeInstanceCommand).resolves({
    Instance: { ...sdkSummary(INSTANCE_ID), Tags: { team: "support" } },
  });
  connect.on(ListInstanceStorageConfigsCommand).resolves({ StorageConfigs: [] });
  connect.on(ListApprovedOriginsCommand).resolves({ Origins: [] });
  connect.on(ListIntegrationAssociationsCommand).resolves({ IntegrationAssociationSummaryList: [] });
  connect.on(ListSecurityProfilesCommand).resolves({ SecurityProfileSummaryList: [] });
}

beforeEach(() => {
  connect.reset();
  connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [] });
});

describe("reshaping SDK objects", () => {
  it("maps an instance summary, leaving every per-instance list empty", () => {
    expect(toConnectInstance(sdkSummary(INSTANCE_ID), REGION)).toEqual({
      id: INSTANCE_ID,
      arn: instanceArn(INSTANCE_ID),
      region: REGION,
      alias: "support-centre",
      identityManagementType: "SAML",
      status: "ACTIVE",
      serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_x`,
      accessUrl: "https://support-centre.my.connect.aws",
      tags: [],
      storageConfigs: [],
      unsupportedResourceTypes: [],
      approvedOrigins: [],
      integrations: [],
      securityProfiles: [],
    });
  });

  it("takes tags and fresher fields from DescribeInstance, keeping the summary's where it is silent", () => {
    const listed = toConnectInstance(sdkSummary(INSTANCE_ID), REGION);
    const described = withDescription(listed, {
      Id: INSTANCE_ID,
      InstanceStatus: "CREATION_FAILED",
      Tags: { team: "support", env: "prod" },
    });
    expect(described).toMatchObject({
      status: "CREATION_FAILED",
      alias: "support-centre",
      identityManagementType: "SAML",
      tags: [
        { key: "team", value: "support" },
        { key: "env", value: "prod" },
      ],
    });
    expect(withDescription(listed, undefined)).toBe(listed);
    expect(toTags(undefined)).toEqual([]);
  });

  it("maps an S3 storage config with its KMS key, under the type that was asked for", () => {
    expect(toStorageConfig(sdkS3Config("recordings"), "CALL_RECORDINGS")).toEqual({
      associationId: "assoc-recordings",
      resourceType: "CALL_RECORDINGS",
      storageType: "S3",
      s3: {
        bucketName: "recordings",
        bucketPrefix: "connect/recordings",
        encryption: { type: "KMS", keyId: KEY_ARN },
      },
      kinesisVideo: undefined,
      kinesisStreamArn: undefined,
      firehoseArn: undefined,
    });
    expect(toStorageConfig(sdkS3Config("plain", false), "ATTACHMENTS").s3?.encryption).toBeUndefined();
  });

  it("maps Kinesis Video, Kinesis and Firehose storage configs", () => {
    expect(
      toStorageConfig(
        {
          AssociationId: "kvs",
          StorageType: "KINESIS_VIDEO_STREAM",
          KinesisVideoStreamConfig: {
            Prefix: "live",
            RetentionPeriodHours: 24,
            EncryptionConfig: { EncryptionType: "KMS", KeyId: KEY_ARN },
          },
        },
        "MEDIA_STREAMS",
      ),
    ).toMatchObject({
      storageType: "KINESIS_VIDEO_STREAM",
      kinesisVideo: { prefix: "live", retentionPeriodHours: 24, encryption: { type: "KMS", keyId: KEY_ARN } },
      s3: undefined,
    });
    const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/ctr`;
    expect(
      toStorageConfig(
        { StorageType: "KINESIS_STREAM", KinesisStreamConfig: { StreamArn: streamArn } },
        "CONTACT_TRACE_RECORDS",
      ),
    ).toMatchObject({ storageType: "KINESIS_STREAM", kinesisStreamArn: streamArn });
    const firehoseArn = `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/agents`;
    expect(
      toStorageConfig(
        { StorageType: "KINESIS_FIREHOSE", KinesisFirehoseConfig: { FirehoseArn: firehoseArn } },
        "AGENT_EVENTS",
      ),
    ).toMatchObject({ storageType: "KINESIS_FIREHOSE", firehoseArn });
  });

  it("maps integrations and security profiles", () => {
    expect(
      toIntegration({
        IntegrationAssociationId: "ia-1",
        IntegrationType: "APPLICATION",
        IntegrationArn: "arn:aws:app-integrations:us-east-1:111122223333:application/crm",
        SourceApplicationUrl: "https://crm.example.com",
        SourceApplicationName: "CRM",
      }),
    ).toEqual({
      type: "APPLICATION",
      arn: "arn:aws:app-integrations:us-east-1:111122223333:application/crm",
      sourceApplicationUrl: "https://crm.example.com",
      sourceApplicationName: "CRM",
    });
    expect(toSecurityProfile({ Id: "p-1", Arn: "arn:p-1", Name: "Admin" })).toEqual({
      id: "p-1",
      arn: "arn:p-1",
      name: "Admin",
    });
  });
});

describe("collectConnectRegionWithClient", () => {
  it("makes exactly one call in a Region without instances (call budget)", async () => {
    const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);
    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: REGION, instances: [] });
    expect(connect.calls()).toHaveLength(1);
    expect(connect).toHaveReceivedCommandWith(ListInstancesCommand, { MaxResults: 10 });
  });

  it("collects an instance with every list, and makes 17 calls for it (call budget)", async () => {
    oneInstance();
    connect.on(ListInstanceStorageConfigsCommand, { ResourceType: "CALL_RECORDINGS" }).resolves({
      StorageConfigs: [sdkS3Config("recordings")],
    });
    connect.on(ListApprovedOriginsCommand).resolves({ Origins: ["https://crm.example.com", ""] });
    connect.on(ListIntegrationAssociationsCommand).resolves({
      IntegrationAssociationSummaryList: [
        { IntegrationType: "APPLICATION", SourceApplicationUrl: "https://app.example" },
      ],
    });
    connect.on(ListSecurityProfilesCommand).resolves({
      SecurityProfileSummaryList: [{ Id: "p-1", Arn: "arn:p-1", Name: "Admin" }, { Name: "no id" }],
    });

    const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

    expect(errors).toEqual([]);
    const [instance] = inventory.instances;
    expect(instance).toMatchObject({
      id: INSTANCE_ID,
      tags: [{ key: "team", value: "support" }],
      storageConfigs: [{ resourceType: "CALL_RECORDINGS", s3: { bucketName: "recordings" } }],
      unsupportedResourceTypes: [],
      approvedOrigins: ["https://crm.example.com"],
      integrations: [{ type: "APPLICATION", sourceApplicationUrl: "https://app.example" }],
      securityProfiles: [{ id: "p-1", name: "Admin" }],
    });
    expect(instance?.uncollected).toBeUndefined();
    expect(instance?.uncollectedResourceTypes).toBeUndefined();
    expect(connect.calls()).toHaveLength(1 + 17);
    expect(connect).toHaveReceivedCommandTimes(ListInstanceStorageConfigsCommand, 13);
  });

  it("asks for each of the 13 storage resource types with the call budget's page sizes", async () => {
    oneInstance();
    await collectConnectRegionWithClient(client, REGION);

    const asked = connect.commandCalls(ListInstanceStorageConfigsCommand).map((call) => call.args[0].input);
    expect(asked.map((input) => input.ResourceType)).toEqual([...STORAGE_RESOURCE_TYPES]);
    expect(STORAGE_RESOURCE_TYPES).toHaveLength(13);
    for (const input of asked) expect(input).toMatchObject({ InstanceId: INSTANCE_ID, MaxResults: 10 });
    expect(connect).toHaveReceivedCommandWith(ListApprovedOriginsCommand, { InstanceId: INSTANCE_ID, MaxResults: 25 });
    expect(connect).toHaveReceivedCommandWith(ListIntegrationAssociationsCommand, {
      InstanceId: INSTANCE_ID,
      MaxResults: 100,
    });
    expect(connect).toHaveReceivedCommandWith(ListSecurityProfilesCommand, {
      InstanceId: INSTANCE_ID,
      MaxResults: 1000,
    });
    expect(connect).toHaveReceivedCommandWith(DescribeInstanceCommand, { InstanceId: INSTANCE_ID });
  });

  it("follows NextToken pages of instances, storage configs and approved origins", async () => {
    oneInstance();
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [sdkSummary("i-1")], NextToken: "inst-2" });
    connect.on(ListInstancesCommand, { NextToken: "inst-2" }).resolves({ InstanceSummaryList: [sdkSummary("i-2")] });
    connect
      .on(ListInstanceStorageConfigsCommand, { InstanceId: "i-1", ResourceType: "CALL_RECORDINGS" })
      .resolves({ StorageConfigs: [sdkS3Config("rec-a")], NextToken: "sc-2" });
    connect
      .on(ListInstanceStorageConfigsCommand, { InstanceId: "i-1", ResourceType: "CALL_RECORDINGS", NextToken: "sc-2" })
      .resolves({ StorageConfigs: [sdkS3Config("rec-b")] });
    connect
      .on(ListApprovedOriginsCommand, { InstanceId: "i-2" })
      .resolves({ Origins: ["https://a"], NextToken: "o-2" });
    connect
      .on(ListApprovedOriginsCommand, { InstanceId: "i-2", NextToken: "o-2" })
      .resolves({ Origins: ["https://b"], NextToken: "o-3" });
    connect
      .on(ListApprovedOriginsCommand, { InstanceId: "i-2", NextToken: "o-3" })
      .resolves({ Origins: ["https://c"] });

    const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.instances.map((i) => i.id)).toEqual(["i-1", "i-2"]);
    expect(inventory.instances[0]?.storageConfigs.map((c) => c.s3?.bucketName)).toEqual(["rec-a", "rec-b"]);
    expect(inventory.instances[1]?.approvedOrigins).toEqual(["https://a", "https://b", "https://c"]);
    expect(connect).toHaveReceivedCommandTimes(ListInstancesCommand, 2);
    expect(connect).toHaveReceivedCommandWith(ListInstancesCommand, { NextToken: "inst-2", MaxResults: 10 });
  });

  it("lets calls of different APIs overlap, never more than the Region's limit at once (the pacer keeps each API's quota)", async () => {
    let inFlight = 0;
    let peak = 0;
    const inFlightApis = new Set<string>();
    let overlappingApis = 0;
    const slowAnswer = (api: string, answer: object) => async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      inFlightApis.add(api);
      overlappingApis = Math.max(overlappingApis, inFlightApis.size);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      inFlightApis.delete(api);
      return answer;
    };
    connect
      .on(ListInstancesCommand)
      .resolves({ InstanceSummaryList: [sdkSummary("i-1"), sdkSummary("i-2"), sdkSummary("i-3")] });
    connect.on(DescribeInstanceCommand).callsFake(slowAnswer("describe", { Instance: {} }));
    connect.on(ListInstanceStorageConfigsCommand).callsFake(slowAnswer("storage", { StorageConfigs: [] }));
    connect.on(ListApprovedOriginsCommand).callsFake(slowAnswer("origins", { Origins: [] }));
    connect
      .on(ListIntegrationAssociationsCommand)
      .callsFake(slowAnswer("integrations", { IntegrationAssociationSummaryList: [] }));
    connect.on(ListSecurityProfilesCommand).callsFake(slowAnswer("profiles", { SecurityProfileSummaryList: [] }));

    const { inventory } = await collectConnectRegionWithClient(client, REGION);
    expect(inventory.instances).toHaveLength(3);
    expect(peak).toBe(MAX_CONCURRENT_CALLS);
    expect(overlappingApis).toBeGreaterThan(1);
    expect(connect.calls()).toHaveLength(1 + 3 * 17);
  });

  it("keeps each instance's storage types in order, one call after another", async () => {
    oneInstance();
    const order: string[] = [];
    connect.on(ListInstanceStorageConfigsCommand).callsFake(async (input: { ResourceType: string }) => {
      order.push(input.ResourceType);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { StorageConfigs: [] };
    });
    await collectConnectRegionWithClient(client, REGION);
    expect(order).toEqual([...STORAGE_RESOURCE_TYPES]);
  });

  it("keeps an instance whose creation failed, with its status, and asks nothing more about it", async () => {
    oneInstance();
    connect.on(ListInstancesCommand).resolves({
      InstanceSummaryList: [sdkSummary("broken", { InstanceStatus: "CREATION_FAILED" }), sdkSummary(INSTANCE_ID)],
    });

    const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.instances.map((i) => [i.id, i.status])).toEqual([
      ["broken", "CREATION_FAILED"],
      [INSTANCE_ID, "ACTIVE"],
    ]);
    expect(connect).not.toHaveReceivedCommandWith(DescribeInstanceCommand, { InstanceId: "broken" });
    expect(connect).not.toHaveReceivedCommandWith(ListInstanceStorageConfigsCommand, { InstanceId: "broken" });
    expect(connect.calls()).toHaveLength(1 + 17);
  });

  it("leaves out instances listed without their id or ARN", async () => {
    oneInstance();
    connect.on(ListInstancesCommand).resolves({
      InstanceSummaryList: [sdkSummary(INSTANCE_ID), { Arn: "arn:nameless" }, { Id: "no-arn" }],
    });
    const { inventory } = await collectConnectRegionWithClient(client, REGION);
    expect(inventory.instances.map((i) => i.id)).toEqual([INSTANCE_ID]);
  });

  it("never calls ListSecurityKeys or SearchUsers", async () => {
    oneInstance();
    await collectConnectRegionWithClient(client, REGION);
    const sent = new Set(connect.calls().map((call) => (call.args[0] as object).constructor.name));
    expect([...sent].sort()).toEqual([
      "DescribeInstanceCommand",
      "ListApprovedOriginsCommand",
      "ListInstanceStorageConfigsCommand",
      "ListInstancesCommand",
      "ListIntegrationAssociationsCommand",
      "ListSecurityProfilesCommand",
    ]);
  });

  describe("storage types the instance does not support", () => {
    it.each(["InvalidParameterException", "InvalidRequestException", "ResourceNotFoundException"])(
      "records %s for one type as unsupported, not as an error",
      async (name) => {
        oneInstance();
        connect
          .on(ListInstanceStorageConfigsCommand, { ResourceType: "EMAIL_MESSAGES" })
          .rejects(awsError(name, "Resource type not supported for this instance", 400));
        connect
          .on(ListInstanceStorageConfigsCommand, { ResourceType: "CALL_RECORDINGS" })
          .resolves({ StorageConfigs: [sdkS3Config("recordings")] });

        const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

        expect(errors).toEqual([]);
        expect(inventory.instances[0]).toMatchObject({
          unsupportedResourceTypes: ["EMAIL_MESSAGES"],
          storageConfigs: [{ resourceType: "CALL_RECORDINGS" }],
        });
        expect(inventory.instances[0]?.uncollectedResourceTypes).toBeUndefined();
        expect(connect).toHaveReceivedCommandTimes(ListInstanceStorageConfigsCommand, 13);
      },
    );
  });

  describe("failed calls", () => {
    beforeEach(oneInstance);

    it("stops a Region that is not enabled and returns only that error", async () => {
      connect
        .on(ListInstancesCommand)
        .rejects(
          awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
        );

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListInstances",
          kind: "credentials-rejected",
          message:
            "the Region rejected the credentials: UnrecognizedClientException: The security token included in the request is invalid.",
        },
      ]);
      expect(inventory).toEqual({ region: REGION, instances: [] });
      expect(connect.calls()).toHaveLength(1);
    });

    it("reports a denied ListInstances and asks nothing else", async () => {
      connect.on(ListInstancesCommand).rejects(awsError("AccessDeniedException", "denied", 403));
      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);
      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListInstances",
          kind: "access-denied",
          message: "insufficient permissions: connect:ListInstances",
        },
      ]);
      expect(inventory.instances).toEqual([]);
      expect(connect.calls()).toHaveLength(1);
    });

    it("drops a list of instances that failed on a later page rather than keeping half of it", async () => {
      connect
        .on(ListInstancesCommand)
        .resolvesOnce({ InstanceSummaryList: [sdkSummary("i-1")], NextToken: "p2" })
        .rejectsOnce(awsError("ThrottlingException", "Rate exceeded", 429, 8));
      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);
      expect(errors.map((e) => [e.action, e.kind])).toEqual([["connect:ListInstances", "throttled"]]);
      expect(inventory.instances).toEqual([]);
    });

    it("turns access denied on a list into an error naming the action, marks it uncollected, and goes on", async () => {
      const message = `User: arn:aws:iam::${ACCOUNT}:user/x is not authorized to perform: connect:ListApprovedOrigins on resource: ${instanceArn(INSTANCE_ID)}`;
      connect.on(ListApprovedOriginsCommand).rejects(
        new ConnectServiceException({
          name: "AccessDeniedException",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message,
        }),
      );
      connect.on(ListSecurityProfilesCommand).resolves({ SecurityProfileSummaryList: [{ Id: "p-1", Name: "Agent" }] });

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListApprovedOrigins",
          kind: "access-denied",
          message: "insufficient permissions: connect:ListApprovedOrigins",
        },
      ]);
      expect(inventory.instances[0]).toMatchObject({
        approvedOrigins: [],
        uncollected: ["connect:ListApprovedOrigins"],
        securityProfiles: [{ id: "p-1" }],
      });
      expect(connect).toHaveReceivedCommandTimes(ListIntegrationAssociationsCommand, 1);
    });

    it("reports throttling that outlasted the SDK's retries, and collects the rest", async () => {
      connect.on(ListSecurityProfilesCommand).rejects(awsError("TooManyRequestsException", "Rate exceeded", 429, 8));
      connect.on(ListApprovedOriginsCommand).resolves({ Origins: ["https://ok.example"] });

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListSecurityProfiles",
          kind: "throttled",
          message: "throttled: TooManyRequestsException: Rate exceeded",
        },
      ]);
      expect(inventory.instances[0]).toMatchObject({
        approvedOrigins: ["https://ok.example"],
        uncollected: ["connect:ListSecurityProfiles"],
      });
    });

    it("reports any other error with its name and message", async () => {
      connect.on(ListIntegrationAssociationsCommand).rejects(awsError("InternalServiceException", "boom", 500));
      const { errors } = await collectConnectRegionWithClient(client, REGION);
      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListIntegrationAssociations",
          kind: "other",
          message: "InternalServiceException: boom",
        },
      ]);
    });

    it("keeps a listed instance without tags when DescribeInstance fails", async () => {
      connect.on(DescribeInstanceCommand).rejects(awsError("AccessDeniedException", "denied", 403));
      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);
      expect(errors.map((e) => e.action)).toEqual(["connect:DescribeInstance"]);
      expect(inventory.instances[0]).toMatchObject({
        id: INSTANCE_ID,
        identityManagementType: "SAML",
        tags: [],
        uncollected: ["connect:DescribeInstance"],
      });
      expect(connect).toHaveReceivedCommandTimes(ListInstanceStorageConfigsCommand, 13);
    });

    it("drops an instance deleted between ListInstances and DescribeInstance, silently", async () => {
      connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [sdkSummary("gone"), sdkSummary(INSTANCE_ID)] });
      connect
        .on(DescribeInstanceCommand, { InstanceId: "gone" })
        .rejects(awsError("ResourceNotFoundException", "Instance not found", 404));

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors).toEqual([]);
      expect(inventory.instances.map((i) => i.id)).toEqual([INSTANCE_ID]);
      expect(connect).not.toHaveReceivedCommandWith(ListInstanceStorageConfigsCommand, { InstanceId: "gone" });
    });

    it("drops an instance that disappears during its follow-up lists", async () => {
      connect.on(ListSecurityProfilesCommand).rejects(awsError("ResourceNotFoundException", "Instance not found", 404));
      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);
      expect(errors).toEqual([]);
      expect(inventory.instances).toEqual([]);
    });

    it("marks a storage type whose call failed as uncollected, and keeps the other types", async () => {
      connect
        .on(ListInstanceStorageConfigsCommand, { ResourceType: "CHAT_TRANSCRIPTS" })
        .rejects(awsError("ThrottlingException", "Rate exceeded", 429, 8));
      connect
        .on(ListInstanceStorageConfigsCommand, { ResourceType: "CALL_RECORDINGS" })
        .resolves({ StorageConfigs: [sdkS3Config("recordings")] });

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors.map((e) => [e.action, e.kind])).toEqual([["connect:ListInstanceStorageConfigs", "throttled"]]);
      expect(inventory.instances[0]).toMatchObject({
        storageConfigs: [{ resourceType: "CALL_RECORDINGS" }],
        uncollectedResourceTypes: ["CHAT_TRANSCRIPTS"],
        unsupportedResourceTypes: [],
      });
      expect(connect).toHaveReceivedCommandTimes(ListInstanceStorageConfigsCommand, 13);
    });

    it("stops asking storage types after an access denial, and reports it once for all instances", async () => {
      connect.on(ListInstancesCommand).resolves({ InstanceSummaryList: [sdkSummary("i-1"), sdkSummary("i-2")] });
      connect.on(ListInstanceStorageConfigsCommand).rejects(awsError("AccessDeniedException", "denied", 403));

      const { inventory, errors } = await collectConnectRegionWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "connect",
          region: REGION,
          action: "connect:ListInstanceStorageConfigs",
          kind: "access-denied",
          message: "insufficient permissions: connect:ListInstanceStorageConfigs",
        },
      ]);
      for (const instance of inventory.instances) {
        expect(instance.uncollectedResourceTypes).toEqual([...STORAGE_RESOURCE_TYPES]);
        expect(instance.storageConfigs).toEqual([]);
      }
      expect(connect).toHaveReceivedCommandTimes(ListInstanceStorageConfigsCommand, 2);
    });

    it("drops a storage list that failed on a later page", async () => {
      connect
        .on(ListInstanceStorageConfigsCommand, { ResourceType: "CALL_RECORDINGS" })
        .resolvesOnce({ StorageConfigs: [sdkS3Config("rec-a")], NextToken: "p2" })
        .rejectsOnce(awsError("InternalServiceException", "boom", 500));
      const { inventory } = await collectConnectRegionWithClient(client, REGION);
      expect(inventory.instances[0]?.storageConfigs).toEqual([]);
      expect(inventory.instances[0]?.uncollectedResourceTypes).toEqual(["CALL_RECORDINGS"]);
    });

    it("never throws, whatever the client throws", async () => {
      connect.on(ListInstancesCommand).rejects("plain string rejection");
      await expect(collectConnectRegionWithClient(client, REGION)).resolves.toMatchObject({
        errors: [{ action: "connect:ListInstances", kind: "other" }],
      });
    });
  });
});
