import Database from "better-sqlite3";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { STATUSES } from "@/lib/controls/types";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { parseFindingsQuery, type FindingsRequest } from "@/lib/snapshot/findings-query";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import type { SnapshotStore } from "@/lib/snapshot/store";
import type { GroupBy } from "@/lib/snapshot/findings-groups";
import { readFindingGroups, readFindings, type FindingsAnswer } from "./findings";

const OTHER = "444455556666";

beforeAll(async () => {
  // The demo account's personal-data hashes are keyed by the installation key under the data directory.
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-findings-read-")));
});

const opened: SqliteSnapshotStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function sqlite(): Promise<{ store: SqliteSnapshotStore; file: string }> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "safekeep-findings-read-")), "safekeep.db");
  const store = new SqliteSnapshotStore(file);
  opened.push(store);
  return { store, file };
}

/** The same records through the interface alone: no index, no history fast path. */
function withoutIndex(store: SnapshotStore): SnapshotStore {
  return { put: (s) => store.put(s), get: (id) => store.get(id), list: () => store.list() };
}

function scan(id: string, accountId: string, finishedAt: string, edit: (s: Snapshot) => void = () => undefined) {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws" };
    edit(s as Snapshot);
  });
}

function request(query: string): FindingsRequest {
  const parsed = parseFindingsQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.request;
}

function ok(answer: FindingsAnswer) {
  if (!answer.ok) throw new Error(`${answer.status} ${answer.message}`);
  return answer;
}

/** Every page of a request, following the cursors. */
async function everyPage(store: SnapshotStore, query: string) {
  const items = [];
  let cursor = "";
  for (;;) {
    const answer = ok(await readFindings(store, request(`${query}${cursor ? `&cursor=${cursor}` : ""}`)));
    items.push(...answer.page.items);
    if (!answer.page.nextCursor) return items;
    cursor = answer.page.nextCursor;
  }
}

const day = (n: number) => `2026-11-${String(n).padStart(2, "0")}T10:00:00.000Z`;

describe("readFindings", () => {
  it("reads the newest readable snapshot of every account, passing over a torn newer record and saying so", async () => {
    const { store, file } = await sqlite();
    await store.put(scan("a-old", ACCOUNT, day(20)));
    await store.put(scan("a-new", ACCOUNT, day(27)));
    await store.put(scan("b-only", OTHER, day(25)));
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("b-torn", "aws", OTHER, day(28), 99, '{"schemaVersion":1,');
    raw.close();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const answer = ok(await readFindings(store, request("status=fail,warn,error,pass,not-applicable&limit=500")));
      expect(answer.snapshots.map((s) => s.id)).toEqual(["a-new", "b-only"]);
      expect(new Set(answer.page.items.map((i) => i.snapshotId))).toEqual(new Set(["a-new", "b-only"]));
      expect(answer.page.total).toBe(2 * scan("x", ACCOUNT, day(1)).controls.flatMap((c) => c.results).length);
      expect(answer.notice).toMatch(/^Snapshot b-torn of account 444455556666 .* could not be read/);
      // account= narrows what is read as well as the rows: the other account's problem is not mentioned.
      const one = ok(await readFindings(store, request(`account=${ACCOUNT}`)));
      expect(one.snapshots.map((s) => s.id)).toEqual(["a-new"]);
      expect(one.notice).toBeUndefined();
      expect(one.page.items.every((i) => i.accountId === ACCOUNT)).toBe(true);
    } finally {
      stderr.mockRestore();
    }
  });

  it("reads one snapshot when asked, says when it is unknown (404) or cannot be read (500)", async () => {
    const { store, file } = await sqlite();
    await store.put(scan("a-old", ACCOUNT, day(20), (s) => void (s.controls[0]!.results[1]!.status = "fail")));
    await store.put(scan("a-new", ACCOUNT, day(27)));
    const old = ok(await readFindings(store, request("snapshot=a-old&control=elasticache.rg-authentication")));
    expect(old.snapshots.map((s) => s.id)).toEqual(["a-old"]);
    expect(old.page.items.map((i) => i.snapshotId)).toEqual(["a-old", "a-old", "a-old", "a-old", "a-old"]);
    expect(await readFindings(store, request("snapshot=nope"))).toEqual({
      ok: false,
      status: 404,
      message: "No snapshot with id nope.",
    });
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("torn", "aws", ACCOUNT, day(29), 99, "{");
    raw.close();
    expect(await readFindings(store, request("snapshot=torn"))).toMatchObject({ ok: false, status: 500 });
  });

  it("reads the demo account when nothing was ever stored, or when asked for it", async () => {
    const { store } = await sqlite();
    const demoFailing = demoSnapshot()
      .controls.flatMap((c) => c.results)
      .filter((r) => ["fail", "warn", "error"].includes(r.status)).length;
    for (const query of ["", "snapshot=demo"]) {
      const answer = ok(await readFindings(store, request(query)));
      expect(answer.snapshots).toEqual([
        { id: "demo", source: "demo", accountId: demoSnapshot().account.id, finishedAt: demoSnapshot().finishedAt },
      ]);
      expect(answer.page.total).toBe(demoFailing);
      expect(answer.page.items[0]?.severity).toBe("critical");
    }
    await store.put(scan("real", ACCOUNT, day(20)));
    expect(ok(await readFindings(store, request(""))).snapshots.map((s) => s.id)).toEqual(["real"]);
  });

  it("refuses a cursor from another sort (400) or from before a newer scan (409), and continues otherwise", async () => {
    const { store } = await sqlite();
    await store.put(scan("a1", ACCOUNT, day(20)));
    const first = ok(await readFindings(store, request("limit=2&sort=-region")));
    const cursor = first.page.nextCursor!;
    const second = ok(await readFindings(store, request(`limit=2&sort=-region&cursor=${cursor}`)));
    expect(second.page.items[0]).not.toEqual(first.page.items[0]);
    expect(await readFindings(store, request(`limit=2&sort=region&cursor=${cursor}`))).toMatchObject({
      ok: false,
      status: 400,
    });
    await store.put(scan("a2", ACCOUNT, day(21)));
    expect(await readFindings(store, request(`limit=2&sort=-region&cursor=${cursor}`))).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringMatching(/^cursor: .*newer scan/),
    });
  });

  it("answers a store without an index exactly as the index does, first seen included", async () => {
    const { store } = await sqlite();
    await store.put(scan("a1", ACCOUNT, day(20)));
    await store.put(
      scan("a2", ACCOUNT, day(21), (s) => {
        s.controls[0]!.results[1]!.status = "fail";
        s.controls[0]!.results[1]!.name = "checkout";
      }),
    );
    await store.put(scan("b1", OTHER, day(22)));
    const plain = withoutIndex(store);
    for (const query of [
      "limit=3",
      `limit=2&status=${STATUSES.join(",")}&sort=firstSeen`,
      "limit=4&sort=-resource&q=CHECKOUT",
      "limit=1&snapshot=a1&sort=status",
      "limit=5&service=elasticache,iam&region=us-east-1,global&sort=account",
    ]) {
      const indexed = await everyPage(store, query);
      expect(indexed.length, query).toBeGreaterThan(0);
      expect(await everyPage(plain, query), query).toEqual(indexed);
    }
    const firstSeen = (await everyPage(store, "control=elasticache.rg-authentication&account=123456789012")).map(
      (i) => [i.resourceName ?? i.resourceArn.split(":").at(-1), i.firstSeen],
    );
    expect(firstSeen).toEqual(
      expect.arrayContaining([
        ["checkout", day(21)],
        ["sessions-prod", day(20)],
      ]),
    );
  });
});

describe("readFindingGroups", () => {
  it("groups the same scope as the list, with the owner key passed in, from the index or from the records alike", async () => {
    const { store } = await sqlite();
    const tagged = (id: string, accountId: string, at: string) =>
      scan(id, accountId, at, (s) => {
        for (const result of s.controls.flatMap((c) => c.results))
          if (/:(sessions-prod|checkout)$/.test(result.resourceArn)) result.tags = [{ key: "team", value: "payments" }];
      });
    await store.put(tagged("a1", ACCOUNT, day(20)));
    await store.put(tagged("a2", ACCOUNT, day(21)));
    await store.put(tagged("b1", OTHER, day(22)));
    const plain = withoutIndex(store);
    const cases: [string, GroupBy][] = [
      ["", { kind: "owner" }],
      ["owner=payments", { kind: "control" }],
      ["owner=-&severity=high", { kind: "region" }],
      [`account=${OTHER}&status=${STATUSES.join(",")}`, { kind: "resource" }],
      ["snapshot=a1", { kind: "tag", tagKey: "team" }],
    ];
    for (const [query, by] of cases) {
      const indexed = await readFindingGroups(store, request(query), by, new Date(), "team");
      if (!indexed.ok) throw new Error(indexed.message);
      expect(indexed.groups.total, query).toBeGreaterThan(0);
      expect(await readFindingGroups(plain, request(query), by, new Date(), "team"), query).toEqual(indexed);
      // The list of the same request counts the same rows.
      const listed = await readFindings(store, request(query), new Date(), "team");
      expect(listed.ok && listed.page.total, query).toBe(indexed.groups.total);
    }
    const owners = await readFindingGroups(store, request(""), { kind: "owner" }, new Date(), "team");
    expect(owners.ok && owners.snapshots.map((s) => s.id)).toEqual(["b1", "a2"]);
    expect(owners.ok && owners.groups.groups.map((g) => [g.key, g.count])).toEqual([
      [null, 16],
      ["payments", 4],
    ]);
    expect(await readFindingGroups(store, request("snapshot=nope"), { kind: "owner" })).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});
