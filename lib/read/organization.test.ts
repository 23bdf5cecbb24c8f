import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { scoreLevel } from "@/lib/posture/score";
import { control, exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { organizationOverview, ouFilterFrom, WORST_COUNT, type AccountRow } from "./organization";

const PAYMENTS_OU = "ou-ab12-payments";
const SANDBOX_OU = "ou-ab12-sandbox1";
const ROOT = "r-ab12";

const PROD = "111122223333";
const STAGING = "444455556666";
const SANDBOX = "777788889999";
const LEGACY = "222233334444";

/**
 * The demo account's inventory scanned as another member account of an Organization, evaluated by
 * the real controls: realistic scores, a failing critical control (the root user has access keys),
 * a partly unverified account-wide score.
 */
function memberScan(
  id: string,
  account: Inventory["account"],
  finishedAt: string,
  services: Inventory["services"] = demoInventory.services,
): Snapshot {
  return buildSnapshot({ ...demoInventory, source: "aws", account, services, finishedAt }, CONTROLS, {
    id,
    now: new Date(finishedAt),
  });
}

let prod: Snapshot;
let stagingPartial: Snapshot;
beforeAll(() => {
  prod = memberScan(
    "prod-2",
    { id: PROD, partition: "aws", name: "prod-payments", ou: PAYMENTS_OU },
    "2026-11-27T10:00:00.000Z",
  );
  // Scanned for two services only: the others were not evaluated and must not look scored.
  stagingPartial = memberScan(
    "staging-1",
    { id: STAGING, partition: "aws", name: "staging-payments", ou: PAYMENTS_OU },
    "2026-11-26T10:00:00.000Z",
    ["iam", "elasticache"],
  );
});

/** A sandbox where nothing of Cognito and nothing critical could be read: no overall score at all. */
function unjudgedSandbox(): Snapshot {
  return exampleSnapshot("sandbox-1", "2026-11-25T10:00:00.000Z", (s) => {
    s.account = { id: SANDBOX, partition: "aws", name: "sandbox", ou: SANDBOX_OU };
    s.score = null;
    s.scoreUnverified = 100;
    s.services = s.services.map((service) =>
      service.id === "cognito"
        ? { ...service, score: null, unverified: 100, counts: { ...service.counts, error: 1 } }
        : service,
    );
    s.controls.push(
      control(
        "xc.root-access-keys",
        "account",
        "critical",
        ["iam:GetAccountSummary"],
        [{ arn: `arn:aws:iam::${SANDBOX}:root`, region: "global", status: "error" }],
      ),
    );
  });
}

let dir: string;
let store: SqliteSnapshotStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "safekeep-org-"));
  store = new SqliteSnapshotStore(path.join(dir, "safekeep.db"));
});
afterEach(() => store.close());

const byAccount = (rows: AccountRow[], id: string) => rows.find((r) => r.accountId === id)!;

describe("organizationOverview", () => {
  it("shows each account's newest snapshot: scores per service, critical findings, scan time", async () => {
    // An older, better-scoring prod scan: the overview must show the newest one, not the best one.
    await store.put(
      memberScan(
        "prod-1",
        { id: PROD, partition: "aws", name: "prod-payments", ou: PAYMENTS_OU },
        "2026-11-20T10:00:00.000Z",
        ["iam"],
      ),
    );
    await store.put(prod);
    await store.put(stagingPartial);
    await store.put(unjudgedSandbox());

    const overview = await organizationOverview(store, { kind: "all" });
    expect(overview.totalAccounts).toBe(3);
    expect(overview.ous).toEqual([PAYMENTS_OU, SANDBOX_OU]);
    // By name: prod-payments, sandbox, staging-payments.
    expect(overview.rows.map((r) => r.accountId)).toEqual([PROD, SANDBOX, STAGING]);

    const p = byAccount(overview.rows, PROD);
    expect(p).toMatchObject({
      snapshotId: "prod-2",
      name: "prod-payments",
      ou: PAYMENTS_OU,
      scannedAt: "2026-11-27T10:00:00.000Z",
      score: prod.score,
      scoreUnverified: prod.scoreUnverified,
    });
    // The demo's root user has an access key: one failing result of a critical control.
    expect(p.critical).toEqual({ failing: 1, unchecked: 0 });
    const accountWide = prod.services.find((s) => s.id === "account")!;
    expect(accountWide.unverified).toBeGreaterThan(0);
    expect(p.cells.find((c) => c.service === "account")).toEqual({
      service: "account",
      state: "scored",
      score: accountWide.score,
      level: scoreLevel(accountWide.score),
      unverified: accountWide.unverified,
    });

    // Services outside the partial scan are "not evaluated", with no score of any kind.
    const staging = byAccount(overview.rows, STAGING);
    expect(staging.cells.map((c) => [c.service, c.state])).toEqual([
      ["account", "not-evaluated"],
      ["iam", "scored"],
      ["elasticache", "scored"],
      ["cognito", "not-evaluated"],
      ["personalize", "not-evaluated"],
      ["connect", "not-evaluated"],
    ]);
    for (const cell of staging.cells.filter((c) => c.state === "not-evaluated"))
      expect(cell).not.toHaveProperty("score");

    // A service where nothing could be judged is unscored and fully unverified; a critical control
    // that could not be read is counted as unchecked, not as zero findings.
    const sandbox = byAccount(overview.rows, SANDBOX);
    expect(sandbox.cells.find((c) => c.service === "cognito")).toEqual({
      service: "cognito",
      state: "unscored",
      unverified: 100,
    });
    expect(sandbox.critical).toEqual({ failing: 0, unchecked: 1 });

    // The sandbox has no overall score: "not scored", never ranked as a 0 among the worst.
    expect(overview.worst.map((r) => r.accountId)).toEqual(
      [p, staging].sort((a, b) => a.score! - b.score!).map((r) => r.accountId),
    );
    expect(overview.notScored.map((r) => r.accountId)).toEqual([SANDBOX]);
    expect(overview.filterMessage).toBeUndefined();
    expect(overview.notice).toBeUndefined();
  });

  it("ranks at most the five lowest scores, the more unverified first at equal scores", async () => {
    const scores: [string, number, number][] = [
      ["100000000001", 80, 0],
      ["100000000002", 35, 0],
      ["100000000003", 35, 40],
      ["100000000004", 91, 0],
      ["100000000005", 12, 5],
      ["100000000006", 70, 0],
      ["100000000007", 64, 0],
    ];
    for (const [id, score, unverified] of scores) {
      await store.put(
        exampleSnapshot(`s-${id}`, "2026-11-20T10:00:00.000Z", (s) => {
          s.account = { id, partition: "aws" };
          s.score = score;
          s.scoreUnverified = unverified;
        }),
      );
    }
    const { worst } = await organizationOverview(store, { kind: "all" });
    expect(worst).toHaveLength(WORST_COUNT);
    expect(worst.map((r) => [r.accountId, r.score])).toEqual([
      ["100000000005", 12],
      ["100000000003", 35],
      ["100000000002", 35],
      ["100000000007", 64],
      ["100000000006", 70],
    ]);
  });

  it("keeps one organizational unit, says when none of the accounts sits in it, and ignores a malformed filter", async () => {
    await store.put(prod);
    await store.put(stagingPartial);
    await store.put(unjudgedSandbox());
    // Scanned on its own: no OU recorded, so only the unfiltered view shows it.
    await store.put(exampleSnapshot("legacy-1", "2026-11-21T10:00:00.000Z", (s) => void (s.account.id = LEGACY)));

    const payments = await organizationOverview(store, ouFilterFrom(PAYMENTS_OU));
    expect(payments.rows.map((r) => r.accountId)).toEqual([PROD, STAGING]);
    expect(payments.notScored).toEqual([]);
    expect(payments.totalAccounts).toBe(4);
    expect(payments.ous).toEqual([PAYMENTS_OU, SANDBOX_OU]);
    expect(payments.filterMessage).toBeUndefined();

    const unknown = await organizationOverview(store, ouFilterFrom("ou-ab12-nothere1"));
    expect(unknown.rows).toEqual([]);
    expect(unknown.worst).toEqual([]);
    expect(unknown.filterMessage).toBe(
      "No account with a stored snapshot sits in organizational unit ou-ab12-nothere1.",
    );

    const malformed = await organizationOverview(store, ouFilterFrom("ou-<script>"));
    expect(malformed.filter).toEqual({ kind: "malformed" });
    expect(malformed.rows.map((r) => r.accountId)).toEqual([LEGACY, PROD, SANDBOX, STAGING]);
    expect(malformed.filterMessage).toMatch(/^The organizational unit filter was ignored/);
  });

  it("passes over an account's unreadable newer record to its newest readable one, and says so", async () => {
    await store.put(prod);
    const raw = new Database(path.join(dir, "safekeep.db"));
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("prod-torn", "aws", PROD, "2026-11-29T00:00:00.000Z", 99, '{"schemaVersion":1,');
    raw.close();
    const overview = await organizationOverview(store, { kind: "all" });
    expect(overview.rows.map((r) => [r.accountId, r.snapshotId, r.score])).toEqual([[PROD, "prod-2", prod.score]]);
    expect(overview.notice).toMatch(/^Snapshot prod-torn of account 111122223333 .* could not be read/);
  });

  it("is empty, with nothing to say, when nothing is stored", async () => {
    const overview = await organizationOverview(store, { kind: "all" });
    expect(overview).toMatchObject({ rows: [], worst: [], notScored: [], ous: [], totalAccounts: 0 });
    expect(overview.filterMessage).toBeUndefined();
  });
});

describe("ouFilterFrom", () => {
  it.each([
    [undefined, { kind: "all" }],
    ["", { kind: "all" }],
    [PAYMENTS_OU, { kind: "ou", ou: PAYMENTS_OU }],
    [ROOT, { kind: "ou", ou: ROOT }],
    ["OU-AB12-PAYMENTS", { kind: "malformed" }],
    ["ou-ab12", { kind: "malformed" }],
    ["ou-ab12-payments/../x", { kind: "malformed" }],
    [[PAYMENTS_OU, ROOT], { kind: "malformed" }],
  ])("%j → %j", (value, expected) => {
    expect(ouFilterFrom(value)).toEqual(expected);
  });
});
