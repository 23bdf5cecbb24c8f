import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createCollectScope } from "../harness";
import { collectTagsInRegion, TAGGED_RESOURCE_TYPES, toTaggedResource } from "./collect";
import { collectTaggedResources } from "./index";

const REGION = "us-east-1";
const arn = (name: string) => `arn:aws:elasticache:${REGION}:111122223333:replicationgroup:${name}`;
const mapping = (name: string, tags: Record<string, string> = { team: "payments" }) => ({
  ResourceARN: arn(name),
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const client = new ResourceGroupsTaggingAPIClient({ region: REGION });

beforeEach(() => {
  tagging.reset();
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
});

describe("toTaggedResource", () => {
  it("maps tags to key/value pairs, keeping aws:* keys for the detector to judge", () => {
    expect(
      toTaggedResource(
        {
          ResourceARN: arn("orders"),
          Tags: [
            { Key: "owner", Value: "ops" },
            { Key: "aws:cloudformation:stack-name", Value: "s" },
          ],
        },
        REGION,
      ),
    ).toEqual({
      arn: arn("orders"),
      region: REGION,
      tags: [
        { key: "owner", value: "ops" },
        { key: "aws:cloudformation:stack-name", value: "s" },
      ],
    });
  });

  it("keeps an empty value and drops a tag without a key", () => {
    const resource = toTaggedResource(
      {
        ResourceARN: arn("x"),
        Tags: [
          { Key: "flag", Value: undefined },
          { Key: undefined, Value: "v" },
        ],
      },
      REGION,
    );
    expect(resource.tags).toEqual([{ key: "flag", value: "" }]);
    expect(toTaggedResource({ ResourceARN: arn("y") }, REGION).tags).toEqual([]);
  });
});

describe("collectTagsInRegion", () => {
  it("asks for the catalog's resource types, 100 per page", async () => {
    await collectTagsInRegion(client, REGION);
    expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, {
      ResourcesPerPage: 100,
      ResourceTypeFilters: [...TAGGED_RESOURCE_TYPES],
    });
    // From the descriptors, in SERVICE_IDS order (the account's keys and trails first).
    expect(TAGGED_RESOURCE_TYPES).toEqual([
      "kms",
      "cloudtrail",
      "elasticache",
      "cognito-idp",
      "cognito-identity",
      "personalize",
      "connect",
    ]);
  });

  it("follows PaginationToken pages to the end", async () => {
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    tagging
      .on(GetResourcesCommand)
      .resolves({ ResourceTagMappingList: [mapping("a"), mapping("b")], PaginationToken: "p2" });
    tagging
      .on(GetResourcesCommand, { PaginationToken: "p2" })
      .resolves({ ResourceTagMappingList: [mapping("c")], PaginationToken: "p3" });
    tagging
      .on(GetResourcesCommand, { PaginationToken: "p3" })
      .resolves({ ResourceTagMappingList: [mapping("d")], PaginationToken: "" });

    const { inventory, errors } = await collectTagsInRegion(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.map((r) => r.arn)).toEqual([arn("a"), arn("b"), arn("c"), arn("d")]);
    expect(inventory[0]).toEqual({ arn: arn("a"), region: REGION, tags: [{ key: "team", value: "payments" }] });
    expect(tagging).toHaveReceivedCommandTimes(GetResourcesCommand, 3);
  });

  it("stops paging when the service repeats its last token", async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: [mapping("a")], PaginationToken: "same" })
      .resolves({ ResourceTagMappingList: [], PaginationToken: "same" });
    const { inventory } = await collectTagsInRegion(client, REGION);
    expect(inventory.map((r) => r.arn)).toEqual([arn("a")]);
    expect(tagging).toHaveReceivedCommandTimes(GetResourcesCommand, 2);
  });

  it("leaves out mappings without an ARN", async () => {
    tagging
      .on(GetResourcesCommand)
      .resolves({ ResourceTagMappingList: [mapping("a"), { Tags: [] }, { ResourceARN: "" }] });
    const { inventory } = await collectTagsInRegion(client, REGION);
    expect(inventory.map((r) => r.arn)).toEqual([arn("a")]);
  });

  it.each([
    {
      name: "access denied",
      error: awsError(
        "AccessDeniedException",
        "User: x is not authorized to perform: tag:GetResources with an explicit deny in a service control policy",
        400,
      ),
      kind: "access-denied",
      message: "insufficient permissions: tag:GetResources (explicit deny in a service control policy)",
    },
    {
      name: "throttled",
      error: awsError("ThrottledException", "Rate exceeded", 400),
      kind: "throttled",
      message: undefined,
    },
    {
      name: "region unavailable",
      error: awsError("UnrecognizedClientException", "The security token included in the request is invalid", 400),
      kind: "credentials-rejected",
      message: undefined,
    },
    { name: "generic", error: awsError("InternalServiceException", "boom", 500), kind: "other", message: undefined },
  ])("$name on a later page yields no resources and one error", async ({ error, kind, message }) => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [mapping("a")], PaginationToken: "p2" });
    tagging.on(GetResourcesCommand, { PaginationToken: "p2" }).rejects(error);
    const { inventory, errors } = await collectTagsInRegion(client, REGION);
    expect(inventory).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ service: "account", region: REGION, action: "tag:GetResources", kind });
    if (message) expect(errors[0]?.message).toBe(message);
  });
});

describe("collectTaggedResources", () => {
  it("collects with a client in the given Region", async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [mapping("a")] });
    const { inventory } = await collectTaggedResources(
      "eu-west-1",
      createCollectScope({ accountId: "111122223333", partition: "aws" }),
    );
    expect(inventory).toEqual([{ arn: arn("a"), region: "eu-west-1", tags: [{ key: "team", value: "payments" }] }]);
    const sender = tagging.commandCalls(GetResourcesCommand)[0]?.thisValue as ResourceGroupsTaggingAPIClient;
    expect(await sender.config.region()).toBe("eu-west-1");
  });
});
