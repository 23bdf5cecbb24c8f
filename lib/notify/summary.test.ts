import { describe, expect, it } from "vitest";
import { compareSnapshots, withMuteEnds } from "@/lib/snapshot/compare";
import { ACCOUNT, control, exampleSnapshot, user } from "@/lib/snapshot/fixtures";
import type { Mute } from "@/lib/snapshot/mute";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { changeSummary } from "./summary";

const T1 = "2026-11-20T10:05:00.000Z";
const T2 = "2026-11-21T10:05:00.000Z";

const rootKeys = (status: "pass" | "fail") =>
  control(
    "iam.root-access-keys",
    "iam",
    "critical",
    ["iam:GetAccountSummary"],
    [{ arn: `arn:aws:iam::${ACCOUNT}:root`, region: "global", status }],
  );

function pair(editFrom: (s: SnapshotInput) => void, editTo: (s: SnapshotInput) => void) {
  const from = exampleSnapshot("snap-1", T1, editFrom);
  const to = exampleSnapshot("snap-2", T2, editTo);
  return { from, to, comparison: compareSnapshots(from, to) };
}

const options = { minSeverity: "high" as const, scoreDrop: 5 };

function mute(overrides: Partial<Mute>): Mute {
  return {
    id: "mute-aaaaaaaaaaaa",
    target: { kind: "rule", controlId: "iam.root-access-keys" },
    reason: "Break-glass key, rotated by the security team",
    owner: "security",
    expiresAt: "2027-01-01T00:00:00.000Z",
    createdAt: "2026-11-01T00:00:00.000Z",
    createdBy: "local user",
    updatedAt: "2026-11-01T00:00:00.000Z",
    updatedBy: "local user",
    ...overrides,
  };
}

describe("changeSummary", () => {
  it("says nothing when nothing changed", () => {
    const { to, comparison } = pair(
      () => undefined,
      () => undefined,
    );
    expect(changeSummary(comparison, { ...options, snapshot: to })).toBeUndefined();
  });

  it("lists a new critical failure with its name, control title and link", () => {
    const { to, comparison } = pair(
      (s) => s.controls.push(rootKeys("pass")),
      (s) => {
        s.controls.push(rootKeys("fail"));
        s.account.name = "payments-prod";
      },
    );
    const message = changeSummary(comparison, {
      ...options,
      snapshot: to,
      dashboardUrl: "https://safekeep.example.com",
    });
    expect(message).toMatchObject({
      event: "scan.changes",
      account: { id: ACCOUNT, name: "payments-prod" },
      snapshotId: "snap-2",
      previousSnapshotId: "snap-1",
      scannedAt: T2,
      comparable: true,
      newFindings: { count: 1, muted: 0 },
      fixed: { count: 0, listed: [] },
      score: { before: 75, after: 75, drop: 0, dropped: false },
      link: `https://safekeep.example.com/?snapshot=snap-2&account=${ACCOUNT}`,
    });
    expect(message!.newFindings.listed).toEqual([
      {
        findingId: expect.stringMatching(/^[0-9a-f]{32}$/),
        controlId: "iam.root-access-keys",
        controlTitle: "iam.root-access-keys",
        service: "iam",
        severity: "critical",
        status: "fail",
        resourceArn: `arn:aws:iam::${ACCOUNT}:root`,
        region: "global",
        link: `https://safekeep.example.com/services/iam/controls/iam.root-access-keys?snapshot=snap-2&account=${ACCOUNT}`,
      },
    ]);
  });

  it("leaves out findings below the minimum severity, and reports them when it is lowered", () => {
    // cognito.user-pool-mfa is medium: a new failure there is below "high".
    const { to, comparison } = pair(
      () => undefined,
      (s) => {
        s.controls.find((c) => c.id === "cognito.user-pool-mfa")!.results[1]!.status = "fail";
      },
    );
    expect(changeSummary(comparison, { ...options, snapshot: to })).toBeUndefined();
    expect(changeSummary(comparison, { ...options, minSeverity: "medium", snapshot: to })?.newFindings.count).toBe(1);
  });

  it("counts only verified fixes as fixed; what was not re-checked is counted apart", () => {
    const { to, comparison } = pair(
      () => undefined,
      (s) => {
        // platform-ops judged again and passing: fixed. eu-west-1 not scanned: carts-eu not re-checked.
        s.controls.find((c) => c.id === "iam.admin-users-with-keys")!.results[0]!.status = "pass";
        s.regions = s.regions.filter((r) => r !== "eu-west-1");
        for (const c of s.controls) c.results = c.results.filter((r) => r.region !== "eu-west-1");
      },
    );
    const message = changeSummary(comparison, { ...options, snapshot: to })!;
    expect(message.fixed.count).toBe(1);
    expect(message.fixed.listed[0]).toMatchObject({ resourceArn: user("platform-ops"), status: "pass" });
    expect(message.notRechecked).toBe(1);
    expect(message.comparable).toBe(false);
    expect(message.scopeNotes.join(" ")).toMatch(/eu-west-1/);
  });

  it.each([
    [80, 75, 5, true],
    [80, 76, 5, false],
    [80, 70, 10, true],
    [null, 40, 5, false],
    [80, null, 5, false],
  ])("score %s → %s with a threshold of %i: reported %s", (before, after, threshold, reported) => {
    const { to, comparison } = pair(
      (s) => void (s.score = before),
      (s) => void (s.score = after),
    );
    const message = changeSummary(comparison, { ...options, scoreDrop: threshold, snapshot: to });
    if (!reported) expect(message).toBeUndefined();
    else expect(message?.score).toMatchObject({ before, after, drop: before! - after!, dropped: true });
  });

  it("leaves a new finding a mute in force covers out of the list, and counts it", () => {
    const { to, comparison } = pair(
      (s) => s.controls.push(rootKeys("pass")),
      (s) => s.controls.push(rootKeys("fail")),
    );
    expect(changeSummary(comparison, { ...options, snapshot: to, mutes: [mute({})] })).toBeUndefined();
    // A mute lifted before the scan covers nothing.
    const lifted = mute({ liftedAt: "2026-11-15T00:00:00.000Z" });
    expect(changeSummary(comparison, { ...options, snapshot: to, mutes: [lifted] })?.newFindings).toMatchObject({
      count: 1,
      muted: 0,
    });
  });

  it("reports findings failing again because their mute expired between the scans", () => {
    const { to, comparison } = pair(
      (s) => s.controls.push(rootKeys("fail")),
      (s) => s.controls.push(rootKeys("fail")),
    );
    const expired = mute({ expiresAt: "2026-11-21T00:00:00.000Z" });
    const withEnds = withMuteEnds(comparison, to, [expired]);
    const message = changeSummary(withEnds, { ...options, snapshot: to, mutes: [expired] })!;
    expect(message.newFindings.count).toBe(0);
    expect(message.muteEnded).toMatchObject({
      count: 1,
      listed: [{ controlId: "iam.root-access-keys", muteId: expired.id, how: "expired", at: expired.expiresAt }],
    });
    // The mute's reason and owner are the team's words about a risk: they stay in Safekeep.
    expect(JSON.stringify(message)).not.toContain("Break-glass");
  });
});
