import { parse } from "csv-parse/sync";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { byteStream, csvChunks, FINDING_EXPORT_COLUMNS, jsonChunks } from "@/lib/report/findings-export";
import { parseFindingsQuery, type FindingsRequest } from "@/lib/snapshot/findings-query";
import { ACCOUNT, ec, exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Mute } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { exportFindingsView, startFindingsExport } from "./findings-export";

const NOW = new Date("2026-11-28T09:30:00.000Z");
const OTHER = "444455556666";

beforeAll(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-findings-export-")));
});

const opened: SqliteSnapshotStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function sqlite(): Promise<SqliteSnapshotStore> {
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-findings-export-"));
  const store = new SqliteSnapshotStore(path.join(dir, "safekeep.db"));
  opened.push(store);
  return store;
}

function scan(id: string, accountId: string, finishedAt: string, edit: (s: Snapshot) => void = () => undefined) {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws", name: `Account ${accountId.slice(-4)}` };
    edit(s as Snapshot);
  });
}

function request(query: string): FindingsRequest {
  const parsed = parseFindingsQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.request;
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function csvRecords(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true }) as Record<string, string>[];
}

function mute(overrides: Partial<Mute> & Pick<Mute, "id" | "target">): Mute {
  return {
    reason: "Sessions cache is on an isolated subnet until the migration in Q1.",
    owner: "platform-team",
    expiresAt: "2027-02-01T00:00:00.000Z",
    createdAt: "2026-11-01T08:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-11-01T08:00:00.000Z",
    updatedBy: "alice",
    ...overrides,
  };
}

/** The snapshot store's methods and, beside them, the mutes a mute store would list. */
function storeWithMutes(store: SqliteSnapshotStore, listMutes: () => Promise<Mute[]>) {
  return {
    put: (s: Snapshot) => store.put(s),
    get: (id: string) => store.get(id),
    list: () => store.list(),
    queryFindings: store.queryFindings.bind(store),
    failingSightings: store.failingSightings.bind(store),
    listMutes,
  } satisfies SnapshotStore & { listMutes(): Promise<Mute[]> };
}

function started(answer: Awaited<ReturnType<typeof startFindingsExport>>) {
  if (!answer.ok) throw new Error(`${answer.status} ${answer.message}`);
  return answer;
}

describe("reading the view for an export", { timeout: 30_000 }, () => {
  it("marks the rows a mute in force covers, with its reason, owner and expiry; lapsed mutes mark nothing", async () => {
    const store = await sqlite();
    await store.put(scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    const sessions = ec("us-east-1", "replicationgroup", "sessions-prod");
    const rule = mute({
      id: "mute-rule00000001",
      target: { kind: "rule", controlId: "elasticache.rg-authentication", region: "us-east-1" },
    });
    const lapsed = mute({
      id: "mute-lapsed000001",
      target: { kind: "rule", controlId: "iam.admin-users-with-keys" },
      expiresAt: "2026-11-20T00:00:00.000Z",
    });
    const withMutes = storeWithMutes(store, async () => [rule, lapsed]);

    const csv = await exportFindingsView(withMutes, new URLSearchParams("format=csv"), NOW);
    if (!csv.ok) throw new Error(csv.message);
    const rows = csvRecords(await text(csv.body as ReadableStream<Uint8Array>));
    expect(Object.keys(rows[0]!)).toEqual([...FINDING_EXPORT_COLUMNS]);
    const marked = rows.filter((r) => r.muted === "yes");
    // The rule covers the failing results of its control in us-east-1: sessions-prod and scratch.
    expect(marked.map((r) => r.resourceArn).sort()).toEqual([sessions, ec("us-east-1", "cluster", "scratch")].sort());
    expect(marked[0]).toMatchObject({
      muteReason: rule.reason,
      muteOwner: "platform-team",
      muteExpires: "2027-02-01T00:00:00.000Z",
    });
    const unmarked = rows.filter((r) => r.muted === "no");
    expect(unmarked.length).toBe(rows.length - 2);
    expect(unmarked.find((r) => r.controlId === "iam.admin-users-with-keys")).toMatchObject({
      muted: "no",
      muteReason: "",
      muteOwner: "",
      muteExpires: "",
    });

    const json = await exportFindingsView(withMutes, new URLSearchParams("format=json&muted=true"), NOW);
    if (!json.ok) throw new Error(json.message);
    const doc = JSON.parse(await text(json.body as ReadableStream<Uint8Array>));
    expect(doc).toMatchObject({ generatedAt: NOW.toISOString(), total: 2, complete: true });
    expect(doc.filters).toEqual({ statuses: ["fail", "warn", "error"], muted: true });
    expect(doc.items.map((i: { mute: { id: string } }) => i.mute)).toEqual([
      { id: rule.id, kind: "rule", reason: rule.reason, owner: rule.owner, expiresAt: rule.expiresAt },
      { id: rule.id, kind: "rule", reason: rule.reason, owner: rule.owner, expiresAt: rule.expiresAt },
    ]);
  });

  it("reads the mutes once: a mute lifted while the file streams does not change the rest of it", async () => {
    const store = await sqlite();
    await store.put(scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    const everything = mute({
      id: "mute-every0000001",
      target: { kind: "rule", controlId: "elasticache.rg-authentication" },
    });
    let reads = 0;
    const withMutes = storeWithMutes(store, async () => (reads++ === 0 ? [everything] : []));
    const start = started(
      await startFindingsExport(withMutes, request("control=elasticache.rg-authentication"), NOW, 1),
    );
    const rows = csvRecords(await text(byteStream("csv", csvChunks(start))));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.muted)).toEqual(["yes", "yes", "yes", "yes"]);
    expect(reads).toBe(1);
  });

  it("gives every page in order, the same rows as one large page, and neutralises formulas", async () => {
    const store = await sqlite();
    await store.put(
      scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z", (s) => {
        s.controls[0]!.results[0]!.name = '=HYPERLINK("http://example.com","x")';
      }),
    );
    await store.put(scan("b1", OTHER, "2026-11-26T10:05:00.000Z"));
    const view = request("sort=-resource&status=fail,warn,error,pass");
    const onePage = started(await startFindingsExport(store, view, NOW, 500));
    const paged = started(await startFindingsExport(store, view, NOW, 3));
    const whole = csvRecords(await text(byteStream("csv", csvChunks(onePage))));
    const inPages = csvRecords(await text(byteStream("csv", csvChunks(paged))));
    expect(whole).toHaveLength(paged.total);
    expect(inPages).toEqual(whole);
    const formula = whole.find((r) => r.resourceName?.includes("HYPERLINK"));
    expect(formula?.resourceName).toBe(`'=HYPERLINK("http://example.com","x")`);
  });

  it("stops rather than mix scopes when a newer scan lands mid-export: CSV fails, JSON says it is incomplete", async () => {
    for (const format of ["csv", "json"] as const) {
      const store = await sqlite();
      await store.put(scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z"));
      const start = started(await startFindingsExport(store, request(""), NOW, 2));
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      try {
        const reader = byteStream(format, format === "csv" ? csvChunks(start) : jsonChunks(start)).getReader();
        const decoder = new TextDecoder();
        let received = decoder.decode((await reader.read()).value);
        // The export is under way (its first page read); now a newer scan of the account is stored.
        received += decoder.decode((await reader.read()).value);
        await store.put(scan("a2", ACCOUNT, "2026-11-28T09:00:00.000Z"));
        if (format === "csv") {
          await expect(
            (async () => {
              for (;;) if ((await reader.read()).done) return;
            })(),
          ).rejects.toThrow(/cursor: .*newer scan/);
          expect(csvRecords(received).length).toBe(2);
        } else {
          for (;;) {
            const next = await reader.read();
            if (next.done) break;
            received += decoder.decode(next.value);
          }
          const doc = JSON.parse(received);
          expect(doc.complete).toBe(false);
          expect(doc.error).toMatch(/^cursor: .*newer scan/);
          expect(doc.items).toHaveLength(2);
          expect(doc.total).toBeGreaterThan(2);
          expect(doc.items.every((i: { snapshotId: string }) => i.snapshotId === "a1")).toBe(true);
        }
      } finally {
        stderr.mockRestore();
        stdout.mockRestore();
      }
    }
  });
});
