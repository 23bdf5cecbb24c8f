import { describe, expect, it } from "vitest";
import type { Status } from "@/lib/controls/types";
import type { ServiceId } from "@/lib/inventory/common";
import { AccountMismatchError, compareSnapshots, withMuteEnds, type Change } from "./compare";
import { ACCOUNT, baseline, ec, exampleSnapshot, pool, REGIONS, user, type ControlInput } from "./fixtures";
import type { Mute } from "./mute";
import { snapshotSchema, type Snapshot, type SnapshotInput } from "./schema";

function parse(input: SnapshotInput): Snapshot {
  return snapshotSchema.parse(input);
}

/** The newer snapshot: the baseline with `edit` applied. */
function later(edit: (s: SnapshotInput) => void = () => undefined): Snapshot {
  const s = baseline();
  s.id = "to";
  s.startedAt = "2026-11-27T10:00:00.000Z";
  s.finishedAt = "2026-11-27T10:05:00.000Z";
  edit(s);
  return parse(s);
}

function ctl(s: SnapshotInput, id: string): ControlInput {
  const found = s.controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

function setStatus(s: SnapshotInput, id: string, arn: string, status: Status) {
  for (const r of ctl(s, id).results) if (r.resourceArn === arn) r.status = status;
}

function drop(s: SnapshotInput, predicate: (c: ControlInput, r: ControlInput["results"][number]) => boolean) {
  for (const c of s.controls) c.results = c.results.filter((r) => !predicate(c, r));
}

function keepRegions(s: SnapshotInput, regions: string[]) {
  s.regions = regions;
  drop(s, (_c, r) => r.region !== "global" && !regions.includes(r.region));
}

/** A Region-wide error row, as the runner writes it when a list call failed there. */
function errorRow(s: SnapshotInput, id: string, region: string, action: string) {
  const [service] = action.split(":");
  ctl(s, id).results.push({
    resourceArn: `arn:aws:${service}:${region}:${ACCOUNT}:*`,
    resourceType: "Region",
    region,
    status: "error",
    reason: `Could not evaluate resources in ${region}: ${action} failed.`,
    evidence: { action, errorKind: "access-denied" },
  });
}

function denied(s: SnapshotInput, service: ServiceId, region: string, action: string) {
  s.coverage.errors.push({ service, region, action, kind: "access-denied", message: `not authorized: ${action}` });
  s.coverage.deniedActions = [...new Set([...s.coverage.deniedActions, action])];
}

const short = (arn: string) => arn.split(/[:/]/).pop();
/** Every counted change as "change control resource[ field]", in the comparison's order, still-failing left out. */
function changes(from: Snapshot, to: Snapshot): string[] {
  return compareSnapshots(from, to)
    .findings.filter((f) => f.change !== "stillFailing")
    .map((f) => `${f.change} ${f.control} ${short(f.resourceArn)}`);
}

const FROM = parse(baseline());
const FAILING_IN_FROM = FROM.controls.flatMap((c) => c.results).filter((r) => ["fail", "warn"].includes(r.status));

describe("compareSnapshots", () => {
  it("finds no change between a snapshot and itself", () => {
    const self = compareSnapshots(FROM, FROM);
    expect(self.counts).toEqual({
      new: 0,
      notCheckedBefore: 0,
      changed: 0,
      notRechecked: 0,
      fixed: 0,
      stillFailing: FAILING_IN_FROM.length,
    });
    expect(self.comparable).toBe(true);
    expect(self.scopeNotes).toEqual([]);
  });

  const cases: { name: string; edit: (s: SnapshotInput) => void; expected: string[] }[] = [
    {
      name: "judged again and passing, or judged not applicable: fixed",
      edit: (s) => {
        setStatus(s, "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "sessions-prod"), "pass");
        setStatus(s, "cognito.user-pool-mfa", pool("us-east-1", "Xk82"), "not-applicable");
      },
      expected: ["fixed elasticache.rg-authentication sessions-prod", "fixed cognito.user-pool-mfa us-east-1_Xk82"],
    },
    {
      name: "fail to warning, and a control whose severity changed: changed",
      edit: (s) => {
        setStatus(s, "elasticache.rg-authentication", ec("eu-west-1", "replicationgroup", "carts-eu"), "warn");
        ctl(s, "personalize.s3-bucket-encryption").severity = "medium";
      },
      expected: [
        "changed elasticache.rg-authentication carts-eu",
        "changed personalize.s3-bucket-encryption exports-au",
      ],
    },
    {
      name: "failing now and passing or absent (where the earlier scan could have listed it) before: new",
      edit: (s) => {
        setStatus(s, "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "checkout"), "fail");
        ctl(s, "iam.admin-users-with-keys").results.push({
          resourceArn: user("bob"),
          resourceType: "User",
          region: "global",
          status: "fail",
          reason: "bob has admin rights and an access key.",
          evidence: {},
        });
        ctl(s, "xc.credentials-in-urls").results[1]!.status = "warn";
      },
      expected: [
        "new elasticache.rg-authentication checkout",
        "new iam.admin-users-with-keys bob",
        "new xc.credentials-in-urls 1k7d",
      ],
    },
    {
      name: "failing before, error now: not re-checked",
      edit: (s) => setStatus(s, "cognito.user-pool-mfa", pool("ap-southeast-2", "Nc5t"), "error"),
      expected: ["notRechecked cognito.user-pool-mfa ap-southeast-2_Nc5t"],
    },
    {
      name: "fewer Regions: what was in the others is not re-checked, never fixed",
      edit: (s) => keepRegions(s, ["us-east-1", "eu-west-1", "eu-central-1"]),
      expected: [
        "notRechecked elasticache.rg-authentication orders-au",
        "notRechecked cognito.user-pool-mfa ap-southeast-2_Nc5t",
      ],
    },
    {
      name: "fewer Regions: an account-wide finding found through a Region not scanned again is not re-checked",
      edit: (s) => {
        keepRegions(s, ["us-east-1", "eu-west-1", "eu-central-1"]);
        drop(s, (_c, r) => r.resourceArn === "arn:aws:s3:::exports-au");
      },
      expected: [
        "notRechecked elasticache.rg-authentication orders-au",
        "notRechecked cognito.user-pool-mfa ap-southeast-2_Nc5t",
        "notRechecked personalize.s3-bucket-encryption exports-au",
      ],
    },
    {
      name: "a denied list call: its error rows and every control that needs it in that Region are not re-checked",
      edit: (s) => {
        const action = "elasticache:DescribeReplicationGroups";
        denied(s, "elasticache", "us-east-1", action);
        drop(s, (_c, r) => r.resourceArn.includes(":replicationgroup:") && r.region === "us-east-1");
        errorRow(s, "elasticache.rg-authentication", "us-east-1", action);
        errorRow(s, "elasticache.rg-transit-encryption", "us-east-1", action);
      },
      expected: [
        "notRechecked elasticache.rg-authentication sessions-prod",
        "notRechecked elasticache.rg-transit-encryption checkout",
      ],
    },
    {
      name: "a failed call without an error row of the control still blocks the proof that a resource is gone",
      edit: (s) => {
        denied(s, "elasticache", "us-east-1", "elasticache:DescribeReplicationGroups");
        drop(s, (c, r) => c.id === "elasticache.rg-transit-encryption" && short(r.resourceArn) === "checkout");
      },
      expected: ["notRechecked elasticache.rg-transit-encryption checkout"],
    },
    {
      name: "a failed call in another Region does not block the proof",
      edit: (s) => {
        denied(s, "elasticache", "eu-west-1", "elasticache:DescribeReplicationGroups");
        drop(s, (c, r) => c.id === "elasticache.rg-transit-encryption" && short(r.resourceArn) === "checkout");
      },
      expected: ["fixed elasticache.rg-transit-encryption checkout"],
    },
    {
      name: "a service not scanned: its findings, and cross-service rows about its resources, are not re-checked",
      edit: (s) => {
        s.services = s.services.map((x) => (x.id === "cognito" ? { ...x, evaluated: false, score: null } : x));
        s.controls = s.controls.filter((c) => c.service !== "cognito");
        drop(s, (_c, r) => r.resourceArn.includes(":cognito-idp:"));
      },
      expected: [
        "notRechecked xc.credentials-in-urls 1k7d",
        "notRechecked cognito.user-pool-mfa ap-southeast-2_Nc5t",
        "notRechecked cognito.user-pool-mfa us-east-1_Xk82",
      ],
    },
    {
      name: "a resource verifiably gone (Region and service scanned, every call succeeded): fixed",
      edit: (s) => drop(s, (_c, r) => short(r.resourceArn) === "scratch" || short(r.resourceArn) === "platform-ops"),
      expected: ["fixed elasticache.rg-authentication scratch", "fixed iam.admin-users-with-keys platform-ops"],
    },
    {
      name: "gone from a Region that was skipped or rejected the credentials: not re-checked",
      edit: (s) => {
        drop(s, (_c, r) => ["scratch", "carts-eu"].includes(short(r.resourceArn) ?? ""));
        s.coverage.skippedRegions.push({ region: "us-east-1", service: "elasticache", reason: "not available" });
        s.coverage.errors.push({
          service: "cognito",
          region: "eu-west-1",
          action: "cognito-idp:ListUserPools",
          kind: "credentials-rejected",
          message: "The security token included in the request is invalid.",
        });
      },
      expected: [
        "notRechecked elasticache.rg-authentication carts-eu",
        "notRechecked elasticache.rg-authentication scratch",
      ],
    },
    {
      name: "the control itself no longer evaluated: not re-checked",
      edit: (s) => {
        s.controls = s.controls.filter((c) => c.id !== "iam.admin-users-with-keys");
      },
      expected: ["notRechecked iam.admin-users-with-keys platform-ops"],
    },
    {
      name: "errors that were not failures before are not counted at all",
      edit: (s) => {
        setStatus(s, "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "checkout"), "error");
        errorRow(s, "cognito.user-pool-mfa", "eu-central-1", "cognito-idp:ListUserPools");
        denied(s, "cognito", "eu-central-1", "cognito-idp:ListUserPools");
      },
      expected: [],
    },
  ];

  it.each(cases)("$name", ({ edit, expected }) => {
    const to = later(edit);
    expect(changes(FROM, to)).toEqual(expected);
    const comparison = compareSnapshots(FROM, to);
    expect(comparison.counts.fixed + comparison.counts.notRechecked + comparison.counts.changed).toBe(
      expected.filter((e) => !e.startsWith("new ")).length,
    );
    // Every finding failing before is accounted for exactly once.
    const accounted = comparison.findings.filter((f) => f.before === "fail" || f.before === "warn");
    expect(accounted).toHaveLength(FAILING_IN_FROM.length);
  });

  it("counts results that could not be judged now, and were not failing before, apart from every change", () => {
    const comparison = compareSnapshots(
      FROM,
      later((s) => {
        setStatus(s, "elasticache.rg-authentication", ec("us-east-1", "replicationgroup", "checkout"), "error");
        setStatus(s, "cognito.user-pool-mfa", pool("ap-southeast-2", "Nc5t"), "error");
        errorRow(s, "cognito.user-pool-mfa", "eu-central-1", "cognito-idp:ListUserPools");
      }),
    );
    // checkout passed before and the Region-wide row is new: 2 unjudged; Nc5t failed before: not re-checked.
    expect(comparison.unjudged).toBe(2);
    expect(comparison.counts.notRechecked).toBe(1);
    expect(comparison.findings.some((f) => f.after === "error" && f.change !== "notRechecked")).toBe(false);
    expect(compareSnapshots(FROM, FROM).unjudged).toBe(0);
  });

  it("matches rows of one resource by field, and only unmatched ones change", () => {
    const to = later((s) => {
      ctl(s, "xc.credentials-in-urls").results.reverse();
    });
    expect(changes(FROM, to)).toEqual([]);
  });

  it("pairs rows that share one id (no field) by status first, so a fail is never paired with a pass", () => {
    // Snapshots from before rows carried a field: two rows of one client, one failing, one passing.
    const unfielded = (statuses: Status[]) => (s: SnapshotInput) => {
      const c = ctl(s, "xc.credentials-in-urls");
      c.results = statuses.map((status) => ({ ...c.results[0]!, field: undefined, status }));
    };
    const from = later(unfielded(["fail", "pass"]));
    expect(changes(from, later(unfielded(["pass", "fail"])))).toEqual([]);
    expect(changes(from, later(unfielded(["fail"])))).toEqual([]);
    expect(changes(from, later(unfielded(["pass", "pass"])))).toEqual(["fixed xc.credentials-in-urls 1k7d"]);
    expect(changes(from, later(unfielded(["fail", "warn"])))).toEqual(["new xc.credentials-in-urls 1k7d"]);
    // The second row of the id is told apart in the output.
    const ids = compareSnapshots(from, later(unfielded(["fail", "warn"])))
      .findings.filter((f) => f.control === "xc.credentials-in-urls")
      .map((f) => f.id);
    expect(ids.map((id) => id.replace(/^[0-9a-f]{32}/, "ID"))).toEqual(["ID#2", "ID"]);
  });

  it("says when the scopes differ, and in which way", () => {
    const to = later((s) => {
      keepRegions(s, ["us-east-1", "eu-west-1", "eu-central-1"]);
      s.services = s.services.map((x) => (x.id === "connect" ? { ...x, evaluated: false, score: null } : x));
      denied(s, "elasticache", "us-east-1", "elasticache:DescribeReplicationGroups");
    });
    const comparison = compareSnapshots(FROM, to, { labels: { from: "the previous snapshot", to: "this one" } });
    expect(comparison.comparable).toBe(false);
    expect(comparison.scopeNotes).toEqual([
      "The previous snapshot covered 8 Regions, this one 3 of them: 5 not re-checked (us-east-2, us-west-2, ca-central-1, ap-northeast-1, ap-southeast-2).",
      "This one did not evaluate Amazon Connect: its findings are not re-checked.",
      "This one could not read elasticache:DescribeReplicationGroups (access-denied) in us-east-1: findings that depend on it are not re-checked.",
    ]);
    expect(comparison.from).toEqual({ id: "from", finishedAt: FROM.finishedAt, regions: REGIONS, score: 75 });
    expect(comparison.to.regions).toEqual(["us-east-1", "eu-west-1", "eu-central-1"]);
    const back = compareSnapshots(to, FROM);
    expect(back.scopeNotes.join(" ")).toMatch(
      /also covered us-east-2, .*failures there are not checked before, not new/,
    );
    expect(back.counts.fixed).toBe(0);
    expect(back.counts.new).toBe(0);
    expect(back.counts.notCheckedBefore).toBe(2); // orders-au and Nc5t, in ap-southeast-2
  });

  it("refuses snapshots of two accounts", () => {
    const other = later((s) => {
      s.account.id = "210987654321";
    });
    expect(() => compareSnapshots(FROM, other)).toThrow(AccountMismatchError);
    expect(() => compareSnapshots(FROM, other)).toThrow(/different AWS accounts \(123456789012 and 210987654321\)/);
  });

  it("explains every not re-checked and every fixed-by-absence finding", () => {
    const to = later((s) => {
      keepRegions(s, ["us-east-1", "eu-west-1"]);
      drop(s, (_c, r) => short(r.resourceArn) === "scratch");
    });
    const byChange = (change: Change) => compareSnapshots(FROM, to).findings.filter((f) => f.change === change);
    expect(byChange("notRechecked").map((f) => f.detail)).toEqual([
      "Absent from snapshot to, not proven gone: Region ap-southeast-2 not scanned.",
      "Absent from snapshot to, not proven gone: Region ap-southeast-2 not scanned.",
    ]);
    expect(byChange("fixed").map((f) => f.detail)).toEqual(["Gone: snapshot to listed us-east-1 completely."]);
  });
});

/**
 * The other direction: the earlier scan is the narrow one. What it could not judge or could not list
 * and fails now is "not checked before", with the reason; only what it judged, or could have listed
 * and did not, is "new". (Scan errors were once listed as new resources.)
 */
describe("compareSnapshots: failing now, not judged before", () => {
  const narrowed = (edit: (s: SnapshotInput) => void) => {
    const s = baseline();
    edit(s);
    return parse(s);
  };
  const TO = later();
  const newOnes = (from: Snapshot) =>
    compareSnapshots(from, TO).findings.filter((f) => f.change === "new" || f.change === "notCheckedBefore");

  it.each([
    {
      name: "a list call denied before (error rows, resources behind it absent)",
      edit: (s: SnapshotInput) => {
        const action = "elasticache:DescribeReplicationGroups";
        denied(s, "elasticache", "us-east-1", action);
        drop(s, (_c, r) => r.resourceArn.includes(":replicationgroup:") && r.region === "us-east-1");
        errorRow(s, "elasticache.rg-authentication", "us-east-1", action);
        errorRow(s, "elasticache.rg-transit-encryption", "us-east-1", action);
      },
      expected: [
        "notCheckedBefore elasticache.rg-authentication sessions-prod",
        "notCheckedBefore elasticache.rg-transit-encryption checkout",
      ],
      detail:
        /^Absent from snapshot from, not proven new: the control could not be evaluated in us-east-1 \(elasticache:DescribeReplicationGroups\)\.$/,
    },
    {
      name: "the resource judged error before",
      edit: (s: SnapshotInput) => setStatus(s, "cognito.user-pool-mfa", pool("us-east-1", "Xk82"), "error"),
      expected: ["notCheckedBefore cognito.user-pool-mfa us-east-1_Xk82"],
      detail: /^Could not be checked in snapshot from: /,
    },
    {
      name: "a Region not scanned before",
      edit: (s: SnapshotInput) =>
        keepRegions(
          s,
          REGIONS.filter((r) => r !== "ap-southeast-2"),
        ),
      expected: [
        "notCheckedBefore elasticache.rg-authentication orders-au",
        "notCheckedBefore cognito.user-pool-mfa ap-southeast-2_Nc5t",
      ],
      detail: /not proven new: Region ap-southeast-2 not scanned\.$/,
    },
    {
      name: "a service not evaluated before",
      edit: (s: SnapshotInput) => {
        s.services = s.services.map((x) => (x.id === "iam" ? { ...x, evaluated: false, score: null } : x));
        s.controls = s.controls.filter((c) => c.service !== "iam");
      },
      expected: ["notCheckedBefore iam.admin-users-with-keys platform-ops"],
      detail: /not proven new: control iam.admin-users-with-keys was not evaluated\.$/,
    },
    {
      name: "absent before where the earlier scan listed everything: new",
      edit: (s: SnapshotInput) => drop(s, (_c, r) => short(r.resourceArn) === "scratch"),
      expected: ["new elasticache.rg-authentication scratch"],
      detail: undefined,
    },
    {
      name: "passing before: new",
      edit: (s: SnapshotInput) => setStatus(s, "iam.admin-users-with-keys", user("platform-ops"), "pass"),
      expected: ["new iam.admin-users-with-keys platform-ops"],
      detail: undefined,
    },
  ])("$name", ({ edit, expected, detail }) => {
    const found = newOnes(narrowed(edit));
    expect(found.map((f) => `${f.change} ${f.control} ${short(f.resourceArn)}`)).toEqual(expected);
    for (const f of found) {
      if (detail) expect(f.detail).toMatch(detail);
      else expect(f.detail).toBeUndefined();
    }
  });

  it("the error rows of the earlier scan are themselves listed nowhere", () => {
    const from = narrowed((s) => {
      denied(s, "elasticache", "us-east-1", "elasticache:DescribeReplicationGroups");
      errorRow(s, "elasticache.rg-authentication", "us-east-1", "elasticache:DescribeReplicationGroups");
    });
    const comparison = compareSnapshots(from, TO);
    expect(comparison.findings.filter((f) => f.resourceArn.endsWith(":*"))).toEqual([]);
    expect(comparison.counts.new).toBe(0);
  });
});

describe("withMuteEnds", () => {
  const from = exampleSnapshot("m1", "2026-11-01T00:00:00.000Z");
  const to = exampleSnapshot("m2", "2026-12-01T00:00:00.000Z");
  const sessions = to.controls[0]!.results.find((r) => r.resourceArn.endsWith(":sessions-prod"))!;
  const base: Mute = {
    id: "mute-aaaaaaaaaaaa",
    target: { kind: "finding", findingId: sessions.findingId },
    reason: "Accepted during the migration",
    owner: "payments",
    expiresAt: "2026-11-15T00:00:00.000Z",
    createdAt: "2026-10-01T00:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-10-01T00:00:00.000Z",
    updatedBy: "alice",
  };
  const flagged = (mutes: Mute[]) =>
    withMuteEnds(compareSnapshots(from, to), to, mutes).findings.filter((f) => f.muteEnded);

  it("flags a failing finding whose mute expired between the two scans", () => {
    const found = flagged([base]);
    expect(found.map((f) => [f.resourceArn, f.after, f.muteEnded])).toEqual([
      [
        sessions.resourceArn,
        "fail",
        { id: base.id, how: "expired", at: base.expiresAt, reason: base.reason, owner: "payments" },
      ],
    ]);
  });

  it("says lifted when it was lifted, and flags nothing for a mute still in force, one made later, or a passing finding", () => {
    expect(flagged([{ ...base, liftedAt: "2026-11-10T00:00:00.000Z" }])[0]?.muteEnded?.how).toBe("lifted");
    expect(flagged([{ ...base, expiresAt: "2027-01-01T00:00:00.000Z" }])).toEqual([]);
    expect(flagged([{ ...base, createdAt: "2026-11-05T00:00:00.000Z" }])).toEqual([]);
    const checkout = to.controls[0]!.results.find((r) => r.status === "pass")!;
    expect(flagged([{ ...base, target: { kind: "finding", findingId: checkout.findingId } }])).toEqual([]);
  });
});
