import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { parseFindingsQuery } from "@/lib/snapshot/findings-query";
import { ACCOUNT, control, ec, exampleSnapshot, pool, user, type ControlInput } from "@/lib/snapshot/fixtures";
import type { MuteMark } from "@/lib/snapshot/mute";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import {
  criticalHighCallOut,
  findingsHref,
  openFindingsByResults,
  topRiskyResources,
  type SeverityFindingCounts,
} from "./open-findings";
import { openFindingsBySeverity } from "./summary";

const MARK: MuteMark = {
  id: "mute-a1b2c3d4e5f6",
  kind: "finding",
  reason: "Scratch cluster, deleted with the Q4 migration.",
  owner: "platform-team",
  expiresAt: "2027-01-31T00:00:00.000Z",
};

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const SESSIONS = ec("us-east-1", "replicationgroup", "sessions-prod");
const CHECKOUT = ec("us-east-1", "replicationgroup", "checkout");
const SCRATCH = ec("us-east-1", "cluster", "scratch");
const CARTS = ec("eu-west-1", "replicationgroup", "carts-eu");
const CLIENT = `${pool("us-east-1", "Xk82")}/client/1k7d`;

function find(s: SnapshotInput, id: string): ControlInput {
  const found = s.controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id} in the fixture`);
  return found;
}

/** Marks the results of `controlId` on `arn` as read with a mute in force over them. */
function muteIn(s: SnapshotInput, controlId: string, arn: string) {
  for (const r of find(s, controlId).results) if (r.resourceArn === arn) r.mute = MARK;
}

/** The example account with the names a scan records, a critical root finding and an at-rest control. */
function account(edit: (s: SnapshotInput) => void = () => undefined) {
  return exampleSnapshot("snap-2026-11-27", "2026-11-27T10:05:00.000Z", (s) => {
    const names: Record<string, string> = {
      [SESSIONS]: "sessions-prod",
      [CHECKOUT]: "checkout",
      // The scratch cluster's name sorts before the others though its ARN (us-east-1) sorts after carts-eu's.
      [SCRATCH]: "analytics-scratch",
      [CARTS]: "carts-eu",
      [user("platform-ops")]: "platform-ops",
      [CLIENT]: "legacy-checkout-widget",
    };
    for (const c of s.controls) for (const r of c.results) if (names[r.resourceArn]) r.name = names[r.resourceArn];
    s.controls.push(
      control(
        "xc.root-access-keys",
        "account",
        "critical",
        ["iam:GetAccountSummary"],
        [{ arn: ROOT, region: "global", status: "fail" }],
      ),
    );
    edit(s);
  });
}

const ZERO: SeverityFindingCounts = { fail: 0, warn: 0, muted: 0, error: 0 };

describe("openFindingsByResults", () => {
  it("counts failing and warning results per severity, where the old count saw one per control", () => {
    const snapshot = account();
    expect(openFindingsByResults(snapshot.controls)).toEqual({
      critical: { ...ZERO, fail: 1 },
      // rg-authentication fails on 3 and warns on 1; transit, admin keys and credentials-in-URLs fail on 1 each.
      high: { ...ZERO, fail: 6, warn: 1 },
      medium: { ...ZERO, fail: 1, warn: 1 },
      low: { ...ZERO, warn: 1 },
      info: ZERO,
    });
    // The same snapshot counted by controls: four failing high controls, whatever their resources.
    expect(openFindingsBySeverity(snapshot.controls).high).toEqual({ fail: 4, warn: 0 });
  });

  it("counts muted results apart, and results that could not be judged apart, never as open or fixed", () => {
    const snapshot = account((s) => {
      muteIn(s, "elasticache.rg-authentication", SCRATCH);
      muteIn(s, "personalize.s3-bucket-encryption", "arn:aws:s3:::exports-au");
      find(s, "cognito.user-pool-mfa").results.push(
        {
          resourceArn: pool("eu-central-1", "Pz3w"),
          resourceType: "AWS::Cognito::UserPool",
          region: "eu-central-1",
          status: "error",
          reason: "cognito-idp:DescribeUserPool was denied, so the pool's MFA setting could not be read.",
          evidence: { action: "cognito-idp:DescribeUserPool" },
        },
        // A mark on an unjudged result (mutes never cover one): still said as could not be judged.
        {
          resourceArn: pool("eu-central-1", "Qr4x"),
          resourceType: "AWS::Cognito::UserPool",
          region: "eu-central-1",
          status: "error",
          reason: "cognito-idp:DescribeUserPool was throttled.",
          evidence: {},
          mute: MARK,
        },
      );
    });
    const counts = openFindingsByResults(snapshot.controls);
    expect(counts.high).toEqual({ fail: 5, warn: 1, muted: 1, error: 0 });
    expect(counts.medium).toEqual({ fail: 1, warn: 1, muted: 0, error: 2 });
    expect(counts.low).toEqual({ fail: 0, warn: 0, muted: 1, error: 0 });
  });

  it("counts the demo account's results, more than its controls", () => {
    const demo = demoSnapshot();
    const byResults = openFindingsByResults(demo.controls);
    const byControls = openFindingsBySeverity(demo.controls);
    const results = demo.controls.flatMap((c) => c.results.map((r) => ({ severity: c.severity, status: r.status })));
    for (const severity of ["critical", "high", "medium", "low", "info"] as const) {
      const here = results.filter((r) => r.severity === severity);
      expect(byResults[severity]).toEqual({
        fail: here.filter((r) => r.status === "fail").length,
        warn: here.filter((r) => r.status === "warn").length,
        muted: 0,
        error: here.filter((r) => r.status === "error").length,
      });
    }
    // The demo has high-severity controls failing on several resources each.
    expect(byResults.high.fail).toBeGreaterThan(byControls.high.fail);
  });
});

describe("findingsHref", () => {
  it("narrows the findings view to the snapshot shown, in a query the findings view accepts", () => {
    const href = findingsHref("snap-2026-11-27", { control: "elasticache.rg-authentication", arn: SESSIONS });
    expect(href).toBe(
      "/findings?snapshot=snap-2026-11-27&control=elasticache.rg-authentication&q=arn%3Aaws%3Aelasticache%3Aus-east-1%3A123456789012%3Areplicationgroup%3Asessions-prod",
    );
    const parsed = parseFindingsQuery(new URL(href, "http://localhost").searchParams);
    expect(parsed.ok && parsed.request.filters).toMatchObject({
      controls: ["elasticache.rg-authentication"],
      q: SESSIONS,
    });

    const listed = findingsHref("demo", { severities: ["critical", "high"], statuses: ["fail"], muted: false });
    const filters = parseFindingsQuery(new URL(listed, "http://localhost").searchParams);
    expect(filters.ok && filters.request).toMatchObject({
      snapshot: "demo",
      filters: { severities: ["critical", "high"], statuses: ["fail"], muted: false },
    });
  });

  it("searches a long ARN by its tail, which the findings view accepts and which still finds it", () => {
    // IAM paths may be up to 512 characters: such an ARN is longer than the search takes.
    const arn = `arn:aws:iam::${ACCOUNT}:role/${"service-role/".repeat(20)}etl-exporter`;
    expect(arn.length).toBeGreaterThan(200);
    const parsed = parseFindingsQuery(new URL(findingsHref("s1", { arn }), "http://localhost").searchParams);
    expect(parsed.ok).toBe(true);
    const q = parsed.ok ? parsed.request.filters.q! : "";
    expect(q).toHaveLength(200);
    expect(arn.endsWith(q)).toBe(true);
  });
});

describe("criticalHighCallOut", () => {
  it("counts failing critical and high results and lists the first five by severity, control, then name", () => {
    const callOut = criticalHighCallOut(account());
    expect(callOut).toMatchObject({ failing: 7, critical: 1, high: 6, resources: 7, unjudged: 0, muted: 0 });
    expect(callOut.top.map((i) => [i.severity, i.controlId, i.name])).toEqual([
      ["critical", "xc.root-access-keys", ROOT],
      ["high", "elasticache.rg-authentication", "analytics-scratch"],
      ["high", "elasticache.rg-authentication", "carts-eu"],
      ["high", "elasticache.rg-authentication", "sessions-prod"],
      ["high", "elasticache.rg-transit-encryption", "checkout"],
    ]);
    expect(callOut.top[1]).toMatchObject({
      resourceArn: SCRATCH,
      region: "us-east-1",
      service: "elasticache",
      href: findingsHref("snap-2026-11-27", { control: "elasticache.rg-authentication", arn: SCRATCH }),
    });
    // The warning on orders-au and the medium and low failures are not in the call-out.
    expect(criticalHighCallOut(account(), 50).top).toHaveLength(7);
  });

  it("counts distinct resources once, however many critical or high controls fail on them", () => {
    const callOut = criticalHighCallOut(
      account((s) =>
        s.controls.push(
          control(
            "elasticache.rg-at-rest-encryption",
            "elasticache",
            "high",
            ["elasticache:DescribeReplicationGroups"],
            [
              { arn: CHECKOUT, region: "us-east-1", status: "fail" },
              { arn: SESSIONS, region: "us-east-1", status: "fail" },
            ],
          ),
        ),
      ),
    );
    expect(callOut).toMatchObject({ failing: 9, high: 8, resources: 7 });
  });

  it("leaves muted failures out of the count and the list, and says how many", () => {
    const callOut = criticalHighCallOut(
      account((s) => {
        muteIn(s, "xc.root-access-keys", ROOT);
        muteIn(s, "elasticache.rg-authentication", SCRATCH);
      }),
    );
    expect(callOut).toMatchObject({ failing: 5, critical: 0, high: 5, muted: 2 });
    expect(callOut.top.map((i) => i.name)).not.toContain("analytics-scratch");
    expect(callOut.top[0]).toMatchObject({ severity: "high", name: "carts-eu" });
  });

  it("says how many results of critical and high controls could not be judged, even with no failure", () => {
    const clean = account((s) => {
      s.controls = s.controls.filter((c) => c.severity !== "critical" && c.severity !== "high");
      s.controls.push(
        {
          ...control(
            "xc.root-mfa",
            "account",
            "critical",
            ["iam:GetAccountSummary"],
            [{ arn: ROOT, region: "global", status: "error", action: "iam:GetAccountSummary" }],
          ),
          status: "error",
        },
        {
          ...control(
            "elasticache.rg-transit-encryption",
            "elasticache",
            "high",
            [],
            [
              { arn: CHECKOUT, region: "us-east-1", status: "pass" },
              { arn: CARTS, region: "eu-west-1", status: "error" },
              { arn: SESSIONS, region: "us-east-1", status: "error" },
            ],
          ),
          status: "pass",
          incomplete: { resources: 2, regions: ["eu-west-1", "us-east-1"] },
        },
        // A stored record of a control in error without result rows still counts as not judged.
        { ...control("iam.admin-users-with-keys", "iam", "high", [], []), status: "error" },
        // Medium-severity errors are not the call-out's.
        control(
          "cognito.advanced-security",
          "cognito",
          "medium",
          [],
          [{ arn: pool("us-east-1", "Xk82"), region: "us-east-1", status: "error" }],
        ),
      );
    });
    expect(criticalHighCallOut(clean)).toEqual({
      failing: 0,
      critical: 0,
      high: 0,
      resources: 0,
      top: [],
      unjudged: 4,
      muted: 0,
    });
  });

  it("finds nothing to call out when every critical and high result passes", () => {
    const passing = account((s) => {
      for (const c of s.controls)
        if (c.severity === "critical" || c.severity === "high") for (const r of c.results) r.status = "pass";
    });
    expect(criticalHighCallOut(passing)).toMatchObject({ failing: 0, unjudged: 0, top: [] });
  });

  it("leads the demo account with its failing root access keys, then its high failures", () => {
    const demo = demoSnapshot();
    const callOut = criticalHighCallOut(demo);
    const failing = demo.controls
      .filter((c) => c.severity === "critical" || c.severity === "high")
      .flatMap((c) => c.results.filter((r) => r.status === "fail"));
    expect(callOut.failing).toBe(failing.length);
    expect(callOut.top).toHaveLength(5);
    expect(callOut.top[0]).toMatchObject({ controlId: "xc.root-access-keys", severity: "critical" });
    expect(callOut.top.slice(1).every((i) => i.severity === "high")).toBe(true);
    // The demo's credentials-in-URLs check could not read some app clients: said, not hidden.
    expect(callOut.unjudged).toBeGreaterThan(0);
  });
});

describe("topRiskyResources", () => {
  it("ranks resources by critical, high, medium and low failures, then warnings", () => {
    const snapshot = account((s) => {
      // checkout and sessions-prod fail a second high control; platform-ops fails a medium one.
      s.controls.push(
        control(
          "elasticache.rg-at-rest-encryption",
          "elasticache",
          "high",
          [],
          [
            { arn: CHECKOUT, region: "us-east-1", status: "fail" },
            { arn: SESSIONS, region: "us-east-1", status: "fail" },
          ],
        ),
        control(
          "connect.api-access-via-roles",
          "connect",
          "medium",
          [],
          [{ arn: user("platform-ops"), region: "global", status: "fail" }],
        ),
        // Many low failures and warnings on the carts group do not outrank one more medium failure.
        control(
          "elasticache.rg-backup-retention",
          "elasticache",
          "low",
          [],
          [{ arn: CARTS, region: "eu-west-1", status: "fail" }],
        ),
        control(
          "elasticache.rg-auto-minor-upgrade",
          "elasticache",
          "low",
          [],
          [{ arn: CARTS, region: "eu-west-1", status: "warn" }],
        ),
      );
    });
    const { top, total } = topRiskyResources(snapshot);
    expect(top.map((r) => r.name)).toEqual([
      ROOT, // 1 critical
      "checkout", // 2 high
      "sessions-prod", // 2 high
      "platform-ops", // 1 high, 1 medium
      "carts-eu", // 1 high, 1 low, 1 warning
    ]);
    // Eleven resources have an open finding: the five above, the scratch cluster, two pools, the client,
    // orders-au and the export bucket.
    expect(total).toBe(11);
    expect(top[2]).toEqual({
      resourceArn: SESSIONS,
      name: "sessions-prod",
      accountId: ACCOUNT,
      accountName: null,
      region: "us-east-1",
      fails: { critical: 0, high: 2, medium: 0, low: 0, info: 0 },
      warns: 0,
      controls: [
        {
          id: "elasticache.rg-at-rest-encryption",
          title: "elasticache.rg-at-rest-encryption",
          severity: "high",
          status: "fail",
        },
        {
          id: "elasticache.rg-authentication",
          title: "elasticache.rg-authentication",
          severity: "high",
          status: "fail",
        },
      ],
      href: findingsHref("snap-2026-11-27", { arn: SESSIONS }),
    });
    expect(top[4]!.fails).toEqual({ critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    expect(top[4]!.warns).toBe(1);
  });

  it("ranks a warning below any failure, and leaves muted and unjudged results out", () => {
    const snapshot = account((s) => {
      muteIn(s, "xc.root-access-keys", ROOT);
      find(s, "elasticache.rg-authentication").results.push({
        resourceArn: ec("us-east-1", "replicationgroup", "ledger"),
        resourceType: "AWS::ElastiCache::ReplicationGroup",
        region: "us-east-1",
        status: "error",
        reason: "elasticache:DescribeUserGroups was denied.",
        evidence: {},
      });
    });
    const { top, total } = topRiskyResources(snapshot, 20);
    const names = top.map((r) => r.name);
    expect(names).not.toContain(ROOT);
    expect(names.some((n) => n.includes("ledger"))).toBe(false);
    expect(total).toBe(10);
    // Failures first (high, then medium), warnings last.
    const firstWarnOnly = top.findIndex((r) => Object.values(r.fails).every((n) => n === 0));
    expect(top.slice(firstWarnOnly).every((r) => Object.values(r.fails).every((n) => n === 0))).toBe(true);
    expect(top.slice(0, firstWarnOnly).map((r) => r.name)).toEqual([
      "analytics-scratch",
      "carts-eu",
      "checkout",
      "legacy-checkout-widget",
      "platform-ops",
      "sessions-prod",
      pool("ap-southeast-2", "Nc5t"),
    ]);
  });

  it("counts each failing field of one resource, and names the resource by the first name known", () => {
    const snapshot = account((s) => {
      const urls = find(s, "xc.credentials-in-urls");
      urls.results[1]!.status = "fail"; // logoutUrls fails too
      for (const r of urls.results) delete r.name;
    });
    const client = topRiskyResources(snapshot, 20).top.find((r) => r.resourceArn === CLIENT)!;
    expect(client.fails.high).toBe(2);
    expect(client.controls).toEqual([
      { id: "xc.credentials-in-urls", title: "xc.credentials-in-urls", severity: "high", status: "fail" },
    ]);
    // No result records a name: the ARN stands in.
    expect(client.name).toBe(CLIENT);
  });

  it("puts the demo account's root user first, and every entry links to its findings", () => {
    const { top, total } = topRiskyResources(demoSnapshot());
    expect(top).toHaveLength(5);
    expect(top[0]).toMatchObject({ resourceArn: "arn:aws:iam::210987654321:root", region: "global" });
    expect(top[0]!.fails.critical).toBe(1);
    expect(total).toBeGreaterThan(5);
    for (const r of top) {
      const parsed = parseFindingsQuery(new URL(r.href, "http://localhost").searchParams);
      expect(parsed.ok && parsed.request).toMatchObject({ snapshot: "demo", filters: { q: r.resourceArn } });
    }
  });
});
