import { describe, expect, it } from "vitest";
import { STATUSES } from "@/lib/controls/types";
import { ACCOUNT, ec, exampleSnapshot } from "./fixtures";
import {
  groupRowsInMemory,
  MAX_GROUPS,
  parseFindingGroupsQuery,
  parseGroupBy,
  type FindingGroup,
  type FindingsGroupQuery,
  type GroupBy,
} from "./findings-groups";
import { DEFAULT_STATUSES, findingRowsOf, type FindingFilters } from "./findings-query";
import type { Mute } from "./mute";

const parse = (query: string) => parseFindingGroupsQuery(new URLSearchParams(query));
function problem(query: string): string {
  const parsed = parse(query);
  if (parsed.ok) throw new Error(`${query} was accepted`);
  return parsed.issues.map((i) => `${i.path.map(String).join(".") || "query"}: ${i.message}`).join("; ");
}

describe("parseFindingGroupsQuery", () => {
  it.each([
    ["control", { kind: "control" }],
    ["resource", { kind: "resource" }],
    ["region", { kind: "region" }],
    ["account", { kind: "account" }],
    ["service", { kind: "service" }],
    ["severity", { kind: "severity" }],
    ["owner", { kind: "owner" }],
    ["tag:team", { kind: "tag", tagKey: "team" }],
    // Everything after the first ":" is the key, colons and spaces included.
    ["tag:aws:cloudformation:stack-name", { kind: "tag", tagKey: "aws:cloudformation:stack-name" }],
    ["tag: cost center", { kind: "tag", tagKey: " cost center" }],
    [`tag:${"k".repeat(128)}`, { kind: "tag", tagKey: "k".repeat(128) }],
  ])("reads by=%s", (by, expected) => {
    expect(parseGroupBy(by)).toEqual({ ok: true, by: expected });
  });

  it("reads the filters exactly as the findings query does", () => {
    const parsed = parse("by=region&status=fail&service=iam,cognito&owner=payments,-&tag=env:prod&q=Sess&muted=false");
    expect(parsed).toEqual({
      ok: true,
      by: { kind: "region" },
      request: {
        filters: {
          statuses: ["fail"],
          services: ["iam", "cognito"],
          tags: ["env:prod"],
          owners: ["payments", "-"],
          q: "Sess",
          muted: false,
        },
        sort: { key: "severity", reverse: false },
        limit: 50,
      },
    });
    // Empty values are "not given", as a cleared form field sends them (the page's form sends `sort=`).
    expect(parse("by=owner&sort=&cursor=&owner=")).toMatchObject({
      ok: true,
      request: { filters: { statuses: DEFAULT_STATUSES } },
    });
  });

  it.each([
    ["", /^by: required; must be one of control, resource, region, account, service, severity, owner or tag:<key>$/],
    ["by=", /^by: required; /],
    ["by=name", /^by: must be one of control, resource, region, account, service, severity, owner or tag:<key>$/],
    ["by=Control", /^by: must be one of /],
    ["by=tag", /^by: must be one of /],
    ["by=tag:", /^by: tag:<key>: must name a tag key$/],
    [`by=tag:${"k".repeat(129)}`, /^by: tag:<key>: a tag key is at most 128 characters$/],
    ["by=tag:own%0Aer", /^by: tag:<key>: must not hold control characters$/],
    ["by=region&by=control", /^by: given more than once; give one grouping$/],
    ["by=region&sort=-severity", /^sort: does not apply to groups/],
    ["by=region&limit=10", /^limit: does not apply to groups/],
    ["by=region&cursor=abc", /^cursor: does not apply to groups/],
    ["by=region&status=open", /^status\.0: Invalid option/],
    ["by=region&owner=a%00b", /^owner\.0: must not hold control characters$/],
    ["by=region&page=2", /^query: Unrecognized key: "page"$/],
  ])("refuses %s, naming the parameter", (query, message) => {
    expect(problem(query)).toMatch(message);
  });
});

// ---------------------------------------------------------------------------------------------
// In memory (the reference the store contract holds both stores to)

/** The example account with names and tags as a team would tag it; platform-ops has an empty `team` tag. */
const snapshot = exampleSnapshot("s1", "2026-11-20T10:05:00.000Z", (s) => {
  s.account = { id: ACCOUNT, partition: "aws", name: "Payments prod" };
  const named: Record<string, { name: string; tags?: { key: string; value: string }[] }> = {
    "sessions-prod": { name: "Sessions-Prod", tags: [{ key: "owner", value: "payments" }] },
    checkout: { name: "checkout", tags: [{ key: "owner", value: "payments" }] },
    "carts-eu": { name: "carts-eu", tags: [{ key: "owner", value: "growth" }] },
    "us-east-1_Xk82": { name: "customers", tags: [{ key: "owner", value: "identity" }] },
    "1k7d": { name: "web-client", tags: [{ key: "owner", value: "identity" }] },
    "platform-ops": { name: "platform-ops", tags: [{ key: "team", value: "" }] },
  };
  for (const control of s.controls)
    for (const result of control.results) {
      const found = named[result.resourceArn.split(/[:/]/).at(-1)!];
      if (found) Object.assign(result, found);
    }
});
const rows = findingRowsOf(snapshot);

const query = (filters: Partial<FindingFilters> = {}, mutes: Mute[] = []): FindingsGroupQuery => ({
  snapshotIds: ["s1"],
  filters: { statuses: DEFAULT_STATUSES, ...filters },
  mutes,
});
/** Groups as `key label count worst fail/warn/error`, one string each, in the answer's order. */
const brief = (groups: FindingGroup[]) =>
  groups.map(
    (g) =>
      `${g.key} | ${g.label} | ${g.count} ${g.worst} ${g.fail}/${g.warn}/${g.error}${g.muted ? ` muted ${g.muted}` : ""}`,
  );
const group = (by: GroupBy, filters?: Partial<FindingFilters>, mutes?: Mute[]) =>
  groupRowsInMemory(rows, query(filters, mutes), by);

describe("groupRowsInMemory", () => {
  it("counts per control, worst severity first, then the larger count, then the key byte by byte", () => {
    const { groups, total, more } = group({ kind: "control" });
    expect(brief(groups)).toEqual([
      "elasticache.rg-authentication | elasticache.rg-authentication | 4 high 3/1/0",
      "elasticache.rg-transit-encryption | elasticache.rg-transit-encryption | 1 high 1/0/0",
      "iam.admin-users-with-keys | iam.admin-users-with-keys | 1 high 1/0/0",
      "xc.credentials-in-urls | xc.credentials-in-urls | 1 high 1/0/0",
      "cognito.user-pool-mfa | cognito.user-pool-mfa | 2 medium 1/1/0",
      "personalize.s3-bucket-encryption | personalize.s3-bucket-encryption | 1 low 0/1/0",
    ]);
    expect([total, more]).toEqual([10, false]);
  });

  it("counts per Region, severity and service, with the product's labels", () => {
    expect(brief(group({ kind: "region" }).groups)).toEqual([
      "us-east-1 | us-east-1 | 5 high 4/1/0",
      "ap-southeast-2 | ap-southeast-2 | 2 high 1/1/0",
      "global | global | 2 high 1/1/0",
      "eu-west-1 | eu-west-1 | 1 high 1/0/0",
    ]);
    expect(brief(group({ kind: "severity" }).groups)).toEqual([
      "high | High | 7 high 6/1/0",
      "medium | Medium | 2 medium 1/1/0",
      "low | Low | 1 low 0/1/0",
    ]);
    expect(brief(group({ kind: "service" }, { statuses: STATUSES }).groups)).toEqual([
      "elasticache | Amazon ElastiCache | 7 high 4/1/0",
      "account | Account-wide | 2 high 1/0/0",
      "iam | AWS IAM and STS | 2 high 1/0/0",
      "cognito | Amazon Cognito | 3 medium 1/1/0",
      "personalize | Amazon Personalize | 1 low 0/1/0",
    ]);
  });

  it("keys a resource by its ARN and labels it by name (the ARN when unnamed), one group per resource", () => {
    const { groups, total } = group({ kind: "resource" }, { statuses: STATUSES });
    const client = groups.find((g) => g.label === "web-client");
    // Two fields of one client are two rows (callback URLs fail, logout URLs pass) of one resource.
    expect(client).toMatchObject({ key: expect.stringMatching(/\/client\/1k7d$/), count: 2, fail: 1 });
    const scratch = ec("us-east-1", "cluster", "scratch");
    expect(groups.find((g) => g.key === scratch)).toMatchObject({ label: scratch, count: 1, worst: "high" });
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(total);
    expect(total).toBe(rows.length);
  });

  it("labels an account by its name, and by its id when the snapshot records none", () => {
    const other = exampleSnapshot("s2", "2026-11-21T10:05:00.000Z", (s) => {
      s.account = { id: "444455556666", partition: "aws" };
    });
    const both = groupRowsInMemory(
      [...rows, ...findingRowsOf(other)],
      { ...query(), snapshotIds: ["s1", "s2"] },
      {
        kind: "account",
      },
    );
    expect(brief(both.groups)).toEqual([
      "123456789012 | Payments prod | 10 high 7/3/0",
      "444455556666 | 444455556666 | 10 high 7/3/0",
    ]);
  });

  it("groups by owner: one group per value, the resources without an owner tag in one group last among equals", () => {
    expect(brief(group({ kind: "owner" }).groups)).toEqual([
      "null | (no owner tag) | 5 high 3/2/0",
      "identity | identity | 2 high 1/1/0",
      "payments | payments | 2 high 2/0/0",
      "growth | growth | 1 high 1/0/0",
    ]);
    // The owner key is the caller's (the setting): `team` has one empty value.
    expect(brief(group({ kind: "owner" }, { ownerKey: "team" }).groups)).toEqual([
      "null | (no team tag) | 9 high 6/3/0",
      " | (empty value) | 1 high 1/0/0",
    ]);
    expect(brief(group({ kind: "owner" }, { ownerKey: "team" }).groups)).toEqual(
      brief(group({ kind: "tag", tagKey: "team" }).groups),
    );
  });

  it("applies every filter before grouping, the owner filter included", () => {
    const { groups, total } = group({ kind: "region" }, { owners: ["payments", "-"], severities: ["high"] });
    expect(brief(groups)).toEqual([
      "us-east-1 | us-east-1 | 3 high 3/0/0",
      "ap-southeast-2 | ap-southeast-2 | 1 high 0/1/0",
      "global | global | 1 high 1/0/0",
    ]);
    expect(total).toBe(5);
    expect(group({ kind: "control" }, { regions: ["mars-north-1"] })).toEqual({ groups: [], total: 0, more: false });
    expect(groupRowsInMemory(rows, { ...query(), snapshotIds: ["another"] }, { kind: "owner" }).total).toBe(0);
  });

  it("counts the rows a mute in force covers, and the muted filter chooses among them", () => {
    const mute: Mute = {
      id: "mute-aaaaaaaaaaaa",
      target: { kind: "rule", controlId: "elasticache.rg-authentication", region: "us-east-1" },
      reason: "Replaced by the new cluster in December",
      owner: "payments",
      expiresAt: "2027-01-31T00:00:00.000Z",
      createdAt: "2026-11-01T00:00:00.000Z",
      createdBy: "alice",
      updatedAt: "2026-11-01T00:00:00.000Z",
      updatedBy: "alice",
    };
    const groups = group({ kind: "control" }, {}, [mute]).groups;
    expect(groups[0]).toMatchObject({ key: "elasticache.rg-authentication", count: 4, muted: 2 });
    expect(groups.slice(1).every((g) => g.muted === undefined)).toBe(true);
    expect(brief(group({ kind: "control" }, { muted: true }, [mute]).groups)).toEqual([
      "elasticache.rg-authentication | elasticache.rg-authentication | 2 high 2/0/0 muted 2",
    ]);
    expect(group({ kind: "control" }, { muted: false }, [mute]).groups[0]).toMatchObject({ count: 2 });
  });

  it("gives at most 200 groups, says more follow, and still counts every row", () => {
    const many = exampleSnapshot("many", "2026-11-22T10:05:00.000Z", (s) => {
      const control = s.controls[0]!;
      const template = control.results[0]!;
      control.results = Array.from({ length: 205 }, (_, i) => ({
        ...template,
        resourceArn: ec("us-east-1", "replicationgroup", `rg-${String(i).padStart(3, "0")}`),
        reason: `Replication group ${i} allows unauthenticated access.`,
      }));
    });
    const { groups, total, more } = groupRowsInMemory(
      findingRowsOf(many),
      { ...query(), snapshotIds: ["many"] },
      {
        kind: "resource",
      },
    );
    expect(groups).toHaveLength(MAX_GROUPS);
    expect(more).toBe(true);
    // The control's five results replaced by 205; the other controls' six failing rows stay.
    expect(total).toBe(205 + 6);
    // All high, one row each: by ARN, byte by byte (cognito-idp before elasticache; the IAM user,
    // the medium and the low groups are among those left out).
    expect(groups.slice(0, 3).map((g) => g.key)).toEqual([
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Xk82/client/1k7d",
      ec("us-east-1", "replicationgroup", "checkout"),
      ec("us-east-1", "replicationgroup", "rg-000"),
    ]);
    expect(groups.at(-1)!.key).toBe(ec("us-east-1", "replicationgroup", "rg-197"));
  });

  it("counts a resource with two values for one tag key once, under the least value", () => {
    const twice = rows.map((r) =>
      r.resourceName === "carts-eu"
        ? {
            ...r,
            tags: [
              { key: "owner", value: "growth" },
              { key: "owner", value: "ads" },
            ],
          }
        : r,
    );
    const { groups, total } = groupRowsInMemory(twice, query(), { kind: "owner" });
    expect(groups.find((g) => g.key === "ads")?.count).toBe(1);
    expect(groups.find((g) => g.key === "growth")).toBeUndefined();
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(total);
  });
});
