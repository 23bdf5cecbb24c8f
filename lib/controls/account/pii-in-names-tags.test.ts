import { describe, expect, it } from "vitest";
import {
  authorization,
  buildElastiCacheRegion,
  buildInventory,
  iamInventory,
  iamRole,
  iamUser,
  replicationGroup,
  serverlessCache,
  taggedResource,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import type { Inventory, ReplicationGroup, Tag } from "@/lib/inventory";
import { control } from "./pii-in-names-tags";

const now = new Date("2026-06-01T00:00:00Z");
const SCANNER = { useFipsEndpoint: false, homeRegion: TEST_REGION };

function cacheInventory(groups: ReplicationGroup[], tags: { arn: string; tags: Tag[] }[] = []): Inventory {
  return buildInventory({
    services: ["account", "elasticache"],
    elasticache: { regions: [buildElastiCacheRegion({ replicationGroups: groups })] },
    accountWide: {
      scanner: SCANNER,
      taggedResources: tags.map((t) => taggedResource({ arn: t.arn, tags: t.tags })),
    },
  });
}

/** The result rows about resources (not the per-region summary). */
function findingRows(inventory: Inventory) {
  return control.evaluate(inventory, { now }).filter((r) => r.resourceType !== "Region");
}

describe("xc.pii-in-names-tags", () => {
  it.each([
    {
      name: "card number in a replication group id",
      group: { id: "cust-4111111111111111" },
      raw: "4111111111111111",
      status: "fail",
      reason: ["Replication group cust-•••• 1111", "a payment card number (•••• 1111)", "ReplicationGroupId"],
    },
    {
      name: "IBAN in a description",
      group: { description: "Refunds to DE89 3704 0044 0532 0130 00" },
      raw: "0532 0130",
      status: "fail",
      reason: ["an IBAN (•••• 3000)", "Description"],
    },
    {
      name: "UK National Insurance number",
      group: { description: "holder AB123456C" },
      raw: "AB123456C",
      status: "fail",
      reason: ["a UK National Insurance number (•••• 456C)"],
    },
    {
      name: "Spanish DNI",
      group: { id: "titular-12345678Z" },
      raw: "12345678Z",
      status: "fail",
      reason: ["a Spanish DNI number (•••• 678Z)"],
    },
    {
      name: "customer e-mail address",
      group: { description: "Cache for jane.doe@corp.org" },
      raw: "jane.doe@corp.org",
      status: "warn",
      reason: ["an e-mail address (j•••@corp.org)", "Description"],
    },
    {
      name: "E.164 phone number",
      group: { description: "On call +14155552671" },
      raw: "4155552671",
      status: "warn",
      reason: ["a phone number (•••• 2671)"],
    },
    {
      name: "formatted phone number (low confidence)",
      group: { description: "Hotline (415) 555-2671" },
      raw: "555-2671",
      status: "warn",
      reason: ["a phone number (•••• 2671)"],
    },
    {
      name: "account number after its context word",
      group: { id: "acct-no-40271935" },
      raw: "40271935",
      status: "warn",
      reason: ["a number that looks like an account number (•••• 1935)"],
    },
    {
      name: "several findings, worst first",
      group: { description: "jane@corp.org paid with 4111 1111 1111 1111" },
      raw: "jane@corp.org",
      status: "fail",
      reason: ["a payment card number (•••• 1111) and an e-mail address (j•••@corp.org)"],
    },
    {
      name: "another account's id (informational)",
      group: { description: "Replica of 444455556666" },
      raw: "",
      status: "pass",
      reason: ["another AWS account's id (•••• 6666)", "not personal data"],
    },
  ])("$name → $status", ({ group, raw, status, reason }) => {
    const [result] = findingRows(cacheInventory([replicationGroup(group)]));
    expect(result?.status).toBe(status);
    for (const part of reason) expect(result?.reason).toContain(part);
    // The ARN is the resource's identifier and keeps its name; reason and evidence never show it raw.
    if (raw) expect(JSON.stringify([result?.reason, result?.evidence])).not.toContain(raw);
  });

  it.each([
    ["plain name", { id: "orders-cache", description: "Orders" }],
    ["allow-listed e-mail domain", { description: "Owned by ops@example.com" }],
    ["own account id", { description: `Backups for ${TEST_ACCOUNT}` }],
    ["account id inside an ARN", { description: "Replicates arn:aws:iam::444455556666:role/replicator" }],
    ["date stamp", { id: "orders-20260101" }],
    ["Luhn-invalid card-shaped number", { description: "4111 1111 1111 1112" }],
    ["dated automatic backup whose digits pass Luhn", { id: "automatic.orders-4001-2026-01-15-03-00" }],
    ["long digit run without a context word", { id: "acct-holder-x40271935" }],
  ])("no finding: %s", (_name, group) => {
    expect(findingRows(cacheInventory([replicationGroup(group)]))).toEqual([]);
  });

  it("keeps evidence to the field, detectors and masked values, with no hash without the installation key", () => {
    const [result] = findingRows(cacheInventory([replicationGroup({ description: "jane@corp.org +14155552671" })]));
    expect(result?.evidence).toEqual({
      field: "Description",
      detector: ["email", "phone"],
      masked: ["j•••@corp.org", "•••• 2671"],
    });
  });

  it("adds keyed hashes under the installation key: the same value matches, another key does not", () => {
    const inventory = cacheInventory([replicationGroup({ description: "jane@corp.org +14155552671" })]);
    const keyed = (hashKey: Uint8Array) =>
      control.evaluate(inventory, { now, hashKey }).find((r) => r.resourceType !== "Region");
    const [result, again, other] = [keyed(Buffer.alloc(32, 1)), keyed(Buffer.alloc(32, 1)), keyed(Buffer.alloc(32, 2))];
    expect(Object.keys(result?.evidence ?? {}).sort()).toEqual(["detector", "field", "hash", "masked"]);
    expect(result?.evidence).toMatchObject({
      field: "Description",
      detector: ["email", "phone"],
      masked: ["j•••@corp.org", "•••• 2671"],
    });
    expect(result?.evidence.hash).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
    expect(again?.evidence.hash).toEqual(result?.evidence.hash);
    expect(other?.evidence.hash).not.toEqual(result?.evidence.hash);
  });

  it("flags the value of a tag whose key announces personal data, and masks a personal tag key", () => {
    const arn = replicationGroup().arn;
    const results = findingRows(
      cacheInventory(
        [replicationGroup()],
        [
          {
            arn,
            tags: [
              { key: "sort-code", value: "40-27-19" },
              { key: "customer-id", value: "C-42" },
              { key: "routing-table", value: "40271935" },
              { key: "jane@corp.org", value: "owner" },
              { key: "team", value: "payments" },
            ],
          },
        ],
      ),
    );
    // A context key makes a long number a finding; a short or non-numeric value, or a key that merely
    // contains a context word (`routing-table`), makes nothing.
    expect(results.map((r) => [r.status, r.evidence.field])).toEqual([
      ["warn", 'tag "sort-code"'],
      ["warn", 'tag key "j•••@corp.org"'],
    ]);
    expect(results[0]?.reason).toContain("a value under a tag key that announces personal data (••••)");
    expect(JSON.stringify(results.map((r) => [r.reason, r.evidence]))).not.toContain("jane@corp.org");
  });

  it("warns 'employee identity in Name field' for IAM users named by e-mail, unless allow-listed", () => {
    const results = findingRows(
      iamInventory({
        authorization: authorization({
          users: [iamUser({ name: "jane.doe@corp.org" }), iamUser({ name: "ops@example.com" })],
        }),
      }),
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe("warn");
    expect(results[0]?.reason).toContain("employee identity in Name field");
    expect(results[0]?.reason).toContain("IAM user j•••@corp.org");
    expect(results[0]?.region).toBe("global");
  });

  it("uses the ordinary warning for e-mail addresses elsewhere in IAM", () => {
    const [result] = findingRows(
      iamInventory({ authorization: authorization({ roles: [iamRole({ name: "jane@corp.org" })] }) }),
    );
    expect(result?.status).toBe("warn");
    expect(result?.reason).not.toContain("employee identity");
  });

  it("downgrades a published test card number to warn only in a resource tagged env=test", () => {
    const tested = replicationGroup({ id: "checkout-test", description: "card 4111111111111111" });
    const prod = replicationGroup({ id: "checkout-prod", description: "card 4111111111111111" });
    const results = findingRows(
      cacheInventory([tested, prod], [{ arn: tested.arn, tags: [{ key: "env", value: "test" }] }]),
    );
    const byName = Object.fromEntries(results.map((r) => [r.resourceArn, r.status]));
    expect(byName[tested.arn]).toBe("warn");
    expect(byName[prod.arn]).toBe("fail");
    // A real (non-test) card stays a failure even in a test resource.
    const real = replicationGroup({ id: "checkout-test", description: "card 4532015112830366" });
    const [realResult] = findingRows(
      cacheInventory([real], [{ arn: real.arn, tags: [{ key: "env", value: "test" }] }]),
    );
    expect(realResult?.status).toBe("fail");
  });

  it("summarises clean resources in one pass row per region", () => {
    const inventory = buildInventory({
      services: ["account", "elasticache", "iam"],
      elasticache: {
        regions: [
          buildElastiCacheRegion({
            replicationGroups: [
              replicationGroup({ id: "orders-cache", description: "Orders" }),
              replicationGroup({ id: "cust-4111111111111111" }),
            ],
            serverlessCaches: [serverlessCache({ name: "catalog", description: undefined })],
          }),
        ],
      },
      iam: { authorization: authorization({ users: [iamUser({ name: "deploy-bot" })] }) },
    });
    const results = control.evaluate(inventory, { now });
    expect(results.map((r) => [r.status, r.region, r.resourceType])).toEqual([
      ["fail", TEST_REGION, "Replication group"],
      ["pass", TEST_REGION, "Region"],
      ["pass", "global", "Region"],
    ]);
    expect(results[1]?.reason).toBe(
      `2 other resource(s) in ${TEST_REGION} (3 field(s) checked) hold no personal data in names, descriptions or tags.`,
    );
    expect(results[1]?.evidence).toEqual({ resourcesChecked: 2, fieldsChecked: 3 });
    expect(results[1]?.resourceArn).toBe(`arn:aws:account:${TEST_REGION}:${TEST_ACCOUNT}:*`);
    expect(results[2]?.reason).toBe(
      "1 resource(s) in global (1 field(s) checked) hold no personal data in names, descriptions or tags.",
    );
  });

  it("yields nothing when nothing was collected", () => {
    expect(control.evaluate(buildInventory({ services: ["account"] }), { now })).toEqual([]);
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });

  it("requires the calls whose names it reads", () => {
    expect(control.meta.requires).toEqual(
      expect.arrayContaining([
        "elasticache:DescribeReplicationGroups",
        "iam:GetAccountAuthorizationDetails",
        "tag:GetResources",
      ]),
    );
  });
});
