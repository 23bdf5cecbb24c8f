import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import type { Identity } from "@/lib/security/identity";
import { encodeAuditCursor, type AuditStore } from "@/lib/snapshot/audit";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import {
  listAudit,
  muteDetail,
  mutePatchDetail,
  notificationTestDetail,
  orgScanDetail,
  parseAuditQuery,
  recordAudit,
  scanDetail,
  scheduleDetail,
} from "./audit";

const NOW = new Date("2026-12-01T09:30:00.000Z");
const alice: Identity = { method: "session", name: "Alice Martin", subject: "idp|alice", role: "operator" };

async function sqlite(): Promise<SqliteSnapshotStore> {
  return new SqliteSnapshotStore(path.join(await mkdtemp(path.join(tmpdir(), "safekeep-audit-read-")), "safekeep.db"));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("recordAudit", () => {
  it("stores the event with the identity as the server named it", async () => {
    const store = await sqlite();
    expect(
      await recordAudit(
        store,
        alice,
        "mute.create",
        { target: "mute-a1b2c3d4e5f6", detail: "Finding 0123; until 2027-03-01", address: "192.0.2.7" },
        NOW,
      ),
    ).toBe(true);
    const { items } = await listAudit(store, { limit: 10 });
    expect(items).toEqual([
      {
        id: expect.any(String),
        at: NOW.toISOString(),
        actor: { name: "Alice Martin", subject: "idp|alice", method: "session", role: "operator" },
        action: "mute.create",
        target: "mute-a1b2c3d4e5f6",
        outcome: "ok",
        detail: "Finding 0123; until 2027-03-01",
        address: "192.0.2.7",
      },
    ]);
    store.close();
  });

  it("never throws into the request: a failed write is logged without the person's name, and answers false", async () => {
    const errors = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const broken: AuditStore = {
      appendAudit: async () => {
        throw new Error("SQLITE_BUSY: database is locked");
      },
      listAudit: async () => ({ items: [], nextCursor: null }),
    };
    await expect(recordAudit(broken, alice, "scan.start", { target: "scan-1" }, NOW)).resolves.toBe(false);
    // A store that keeps no audit log (an older test double) is the same: logged, not thrown.
    await expect(recordAudit({}, alice, "sign-out", {}, NOW)).resolves.toBe(false);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(errors.mock.calls[0]![0]).toBe("audit.write-failed");
    expect(errors.mock.calls[0]![1]).toMatchObject({ action: "scan.start", target: "scan-1" });
    expect(JSON.stringify(errors.mock.calls)).not.toContain("Alice");
  });

  it("answers an empty page from a store that keeps no audit log", async () => {
    expect(await listAudit({}, { limit: 5 })).toEqual({ items: [], nextCursor: null });
  });
});

describe("parseAuditQuery", () => {
  const cursor = encodeAuditCursor({ at: NOW.toISOString(), id: "3f1c2b9e-7d4a-4e5b-9c8d-1a2b3c4d5e6f" });
  it.each([
    ["", { limit: 50 }],
    ["limit=200&action=mute.lift", { limit: 200, action: "mute.lift" }],
    [`limit=1&before=${cursor}&actor=idp%7Calice`, { limit: 1, before: cursor, actor: "idp|alice" }],
    ["action=", { limit: 50 }],
  ])("reads %j", (query, expected) => {
    expect(parseAuditQuery(new URLSearchParams(query))).toEqual({ ok: true, query: expected });
  });

  it.each([
    ["limit=0", /^limit:/],
    ["limit=201", /^limit:/],
    ["limit=ten", /^limit:/],
    ["limit=1.5", /^limit:/],
    ["before=abc", /^before:/],
    ["action=scan.delete", /^action: must be one of sign-in, /],
    ["action=sign-in&action=sign-out", /^action: given more than once/],
    ["actor=%0Aroot", /^actor:/],
    ["sort=at", /^sort: unknown parameter/],
  ])("refuses %j", (query, message) => {
    const parsed = parseAuditQuery(new URLSearchParams(query));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});

describe("details", () => {
  it("describe each change from ids and field names, never free text from the request", () => {
    expect(scanDetail({ services: ["elasticache", "iam"], regions: ["eu-west-1", "us-east-1"] })).toBe(
      "services: elasticache, iam; regions: eu-west-1, us-east-1",
    );
    expect(scanDetail({ services: ["kms"] })).toBe("services: kms; regions: the server's Region");
    expect(orgScanDetail({ org: true, services: ["iam"], regions: "all" })).toBe(
      "accounts: every active account of the Organization; services: iam; regions: all",
    );
    const accounts = Array.from({ length: 12 }, (_, i) => String(111122223330 + i));
    expect(orgScanDetail({ accounts, services: ["iam"] })).toMatch(
      /^accounts: 111122223330, .*111122223339 and 2 more;/,
    );

    const finding = { kind: "finding", findingId: "0123456789abcdef0123456789abcdef" } as const;
    expect(muteDetail({ target: finding, expiresAt: "2027-03-01T23:59:59.000Z" })).toBe(
      "Finding 0123456789abcdef0123456789abcdef; until 2027-03-01T23:59:59.000Z",
    );
    expect(
      muteDetail({
        target: {
          kind: "rule",
          controlId: "elasticache.rg-at-rest-encryption",
          region: "eu-west-1",
          accountId: "111122223333",
        },
        expiresAt: "2027-03-01T23:59:59.000Z",
      }),
    ).toBe(
      "Control elasticache.rg-at-rest-encryption, Region eu-west-1, account 111122223333; until 2027-03-01T23:59:59.000Z",
    );
    // The reason and owner are the person's words: only that they changed is recorded.
    expect(mutePatchDetail({ reason: "because the vendor said so", owner: "bob@example.com" })).toBe(
      "changed reason, owner",
    );
    expect(mutePatchDetail({ expiresAt: "2027-04-01T10:00:00+02:00" })).toBe(
      "changed expiresAt; until 2027-04-01T08:00:00.000Z",
    );

    const nightly = { cron: "0 3 * * *", timezone: "Europe/Paris", selection: { org: true as const }, enabled: false };
    expect(scheduleDetail(nightly)).toBe("cron 0 3 * * * (Europe/Paris); every active account; paused");
    expect(scheduleDetail({ ...nightly, selection: { accounts: ["111122223333"] }, enabled: true })).toBe(
      "cron 0 3 * * * (Europe/Paris); accounts 111122223333; enabled",
    );
    expect(
      notificationTestDetail([
        { channel: "slack", outcome: "delivered" },
        { channel: "webhook", outcome: "failed" },
      ]),
    ).toBe("slack: delivered, webhook: failed");
  });
});
