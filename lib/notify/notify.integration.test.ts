/**
 * Notifications end to end, against a local HTTP receiver on 127.0.0.1 standing in for Slack, Teams
 * and a generic webhook: snapshots stored through the scan paths' hook (`storeThenNotify`), compared
 * with the account's previous one, delivered, retried and recorded, in both stores.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import { runScanPipeline } from "@/lib/scan/pipeline";
import { ScanRunner, type ScanStatus } from "@/lib/scan/runner";
import { ACCOUNT, control, exampleSnapshot } from "@/lib/snapshot/fixtures";
import { PostgresSnapshotStore } from "@/lib/snapshot/postgres-store";
import type { SnapshotInput } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { freePort } from "@/test-support/free-port";
import { startTestPostgres, type TestPostgres } from "@/test-support/postgres";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./format";
import { Notifier } from "./notifier";
import { storeThenNotify } from "./server";
import type { NotifySettings } from "./settings";

const SECRET = "whsec-9d2b7f4a1c6e3b8d0f5a2c7e9b1d4f6a";
// The paths carry the tokens, as Slack's and Teams' do: they must never appear in a log or a record.
const SLACK_PATH = "/services/T0SAFEKEEP/B0SAFEKEEP/slackTokenQ8v2Zr7Lm4Np";
const TEAMS_PATH = "/workflows/7c1e/triggers/manual/paths/invoke?sig=teamsSigK3j9Xw5Vb1Hd";
const WEBHOOK_PATH = "/hooks/safekeep/webhookTokenR6t0Yq2Uc8Fe";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that records every request and answers from a script of statuses (then 200). */
async function startReceiver() {
  const port = await freePort();
  const received: Received[] = [];
  const script: number[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.statusCode = script.shift() ?? 200;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    received,
    script,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const T1 = "2026-11-20T10:05:00.000Z";
const T2 = "2026-11-21T10:05:00.000Z";
const T3 = "2026-11-22T10:05:00.000Z";

const rootKeys = (status: "pass" | "fail") =>
  control(
    "iam.root-access-keys",
    "iam",
    "critical",
    ["iam:GetAccountSummary"],
    [{ arn: `arn:aws:iam::${ACCOUNT}:root`, region: "global", status }],
  );
const withRootKeys = (status: "pass" | "fail") => (s: SnapshotInput) => void s.controls.push(rootKeys(status));

type Store = (SqliteSnapshotStore | PostgresSnapshotStore) & { close(): void | Promise<void> };

let postgres: TestPostgres | undefined;
let dbCount = 0;
const backends: { name: string; open: (dir: string) => Promise<{ store: Store; file?: string }> }[] = [
  {
    name: "SQLite",
    open: async (dir) => {
      const file = path.join(dir, "safekeep.db");
      return { store: new SqliteSnapshotStore(file), file };
    },
  },
  {
    name: "PostgreSQL",
    open: async () => {
      postgres ??= await startTestPostgres();
      const url = await postgres.createDatabase(`notify_${++dbCount}`);
      const store = new PostgresSnapshotStore(url);
      await store.ensureReady();
      return { store };
    },
  },
];

afterAll(async () => {
  await postgres?.stop();
});

describe.each(backends)("$name: notifications after a scan", { timeout: 60_000 }, (backend) => {
  let dir: string;
  let store: Store;
  let file: string | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sleeps: number[];
  let logLines: string[];
  let stderr: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    if (backend.name === "PostgreSQL") postgres ??= await startTestPostgres();
  }, 60_000);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "safekeep-notify-"));
    ({ store, file } = await backend.open(dir));
    receiver = await startReceiver();
    sleeps = [];
    logLines = [];
    stderr = vi.spyOn(process.stderr, "write").mockImplementation((line) => {
      logLines.push(String(line));
      return true;
    });
  });

  afterEach(async () => {
    stderr.mockRestore();
    await receiver.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function settingsFor(port: number): NotifySettings {
    const base = `http://127.0.0.1:${port}`;
    return {
      slackUrl: `${base}${SLACK_PATH}`,
      teamsUrl: `${base}${TEAMS_PATH}`,
      webhook: { url: `${base}${WEBHOOK_PATH}`, secret: SECRET },
      scoreDrop: 5,
      minSeverity: "high",
      dashboardUrl: "https://safekeep.example.com",
    };
  }

  /** A notifier whose back-off waits are recorded (and `gate`d when given) instead of slept. */
  function notifierFor(port: number, gate?: Promise<void>) {
    return new Notifier({
      settings: settingsFor(port),
      store,
      delivery: {
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
          await gate;
        },
      },
    });
  }

  it("a new critical failure: exactly one message per channel, the webhook's signature verifies, each recorded", async () => {
    const notifier = notifierFor(receiver.port);
    const scan = storeThenNotify(store, (s) => notifier.snapshotStored(s));
    await scan.put(exampleSnapshot("snap-1", T1, withRootKeys("pass")));
    await notifier.settled();
    // The account's first snapshot has nothing to be compared with: no message.
    expect(receiver.received).toEqual([]);

    await scan.put(exampleSnapshot("snap-2", T2, withRootKeys("fail")));
    await notifier.settled();
    expect(receiver.received.map((r) => r.path).sort()).toEqual([SLACK_PATH, TEAMS_PATH, WEBHOOK_PATH].sort());

    const slack = JSON.parse(receiver.received.find((r) => r.path === SLACK_PATH)!.body);
    expect(slack.text).toMatch(/^Safekeep: changes in AWS account 123456789012: 1 new finding of high severity/);
    expect(JSON.stringify(slack.blocks)).toContain(`arn:aws:iam::${ACCOUNT}:root`);
    const teams = JSON.parse(receiver.received.find((r) => r.path === TEAMS_PATH)!.body);
    expect(teams).toMatchObject({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { type: "AdaptiveCard" } }],
    });

    const hook = receiver.received.find((r) => r.path === WEBHOOK_PATH)!;
    const timestamp = hook.headers[TIMESTAMP_HEADER.toLowerCase()] as string;
    const signature = hook.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifySignature(hook.body, { timestamp, signature }, SECRET, Date.now() / 1000)).toBe(true);
    expect(
      verifySignature(hook.body, { timestamp, signature }, "another-secret-of-32-characters!!", Date.now() / 1000),
    ).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({
      event: "scan.changes",
      account: { id: ACCOUNT },
      snapshotId: "snap-2",
      previousSnapshotId: "snap-1",
      newFindings: { count: 1, listed: [{ controlId: "iam.root-access-keys", severity: "critical" }] },
    });

    const records = await store.listDeliveries(50);
    expect(records.map((d) => [d.channel, d.outcome, d.attempts, d.snapshotId, d.target]).sort()).toEqual(
      [
        ["slack", "delivered", 1, "snap-2", `127.0.0.1:${receiver.port}/…`],
        ["teams", "delivered", 1, "snap-2", `127.0.0.1:${receiver.port}/…`],
        ["webhook", "delivered", 1, "snap-2", `127.0.0.1:${receiver.port}/…`],
      ].sort(),
    );

    // A third scan with nothing new: no message, no record.
    await scan.put(exampleSnapshot("snap-3", T3, withRootKeys("fail")));
    await notifier.settled();
    expect(receiver.received).toHaveLength(3);
    expect(await store.listDeliveries(50)).toHaveLength(3);
  });

  it("a receiver answering 503 twice: retried with growing back-off, then delivered and recorded", async () => {
    await store.put(exampleSnapshot("snap-1", T1, withRootKeys("pass")));
    const notifier = new Notifier({
      settings: { ...settingsFor(receiver.port), slackUrl: undefined, teamsUrl: undefined },
      store,
      delivery: { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
    });
    receiver.script.push(503, 503);
    await storeThenNotify(store, (s) => notifier.snapshotStored(s)).put(
      exampleSnapshot("snap-2", T2, withRootKeys("fail")),
    );
    await notifier.settled();
    expect(receiver.received).toHaveLength(3);
    // Each attempt is signed afresh and verifies.
    for (const r of receiver.received) {
      const headers = {
        timestamp: r.headers[TIMESTAMP_HEADER.toLowerCase()] as string,
        signature: r.headers[SIGNATURE_HEADER.toLowerCase()] as string,
      };
      expect(verifySignature(r.body, headers, SECRET, Date.now() / 1000)).toBe(true);
    }
    expect(sleeps).toEqual([750, 1500]);
    expect(await store.listDeliveries(50)).toMatchObject([
      { channel: "webhook", outcome: "delivered", attempts: 3, status: 200, snapshotId: "snap-2", accountId: ACCOUNT },
    ]);
  });

  it("a receiver that is down: the scan's write returns first and is kept; the delivery is retried, then recorded as failed", async () => {
    const closed = await freePort();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const notifier = notifierFor(closed, gate);
    await store.put(exampleSnapshot("snap-1", T1, withRootKeys("pass")));

    const stored = exampleSnapshot("snap-2", T2, withRootKeys("fail"));
    await storeThenNotify(store, (s) => notifier.snapshotStored(s)).put(stored);
    // The write has returned while deliveries still wait on their back-off: nothing waited for them.
    expect((await store.get("snap-2"))?.id).toBe("snap-2");
    expect(await store.listDeliveries(50)).toEqual([]);

    release();
    await notifier.settled();
    const records = await store.listDeliveries(50);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record).toMatchObject({
        outcome: "failed",
        attempts: 3,
        error: "network error (ECONNREFUSED)",
        snapshotId: "snap-2",
        target: `127.0.0.1:${closed}/…`,
      });
    }
    expect(sleeps).toHaveLength(6);
    // The stored snapshot is exactly what the scan wrote.
    expect(await store.get("snap-2")).toEqual(stored);
    expect((await store.list()).map((l) => l.id)).toEqual(["snap-2", "snap-1"]);

    // No URL path, token or the secret in any log line or record (nor, for SQLite, anywhere in the file).
    const everything = [
      logLines.join("\n"),
      JSON.stringify(records),
      ...(file ? [readFileSync(file).toString("latin1"), readFileSync(`${file}-wal`).toString("latin1")] : []),
    ].join("\n");
    expect(logLines.some((l) => l.includes("notify.delivery-failed"))).toBe(true);
    for (const secret of [SECRET, SLACK_PATH, TEAMS_PATH, WEBHOOK_PATH, "slackToken", "teamsSig", "webhookToken"])
      expect(everything).not.toContain(secret);
  });

  it("a dashboard scan finishes and keeps its snapshot while the receiver is down", async () => {
    // The account's previous scan, 20 points better: the new one is worth a message.
    const { snapshot: earlier } = await runScanPipeline(async () => demoInventory, {
      id: "demo-earlier",
      now: () => new Date(Date.parse(demoInventory.finishedAt) - 86_400_000),
    });
    await store.put({
      ...earlier,
      finishedAt: new Date(Date.parse(earlier.finishedAt) - 86_400_000).toISOString(),
      score: Math.min(100, (earlier.score ?? 0) + 20),
    });
    const notifier = notifierFor(await freePort());
    const runner = new ScanRunner(
      storeThenNotify(store, (s) => notifier.snapshotStored(s)),
      async () => demoInventory,
    );
    const id = runner.start({ services: [...demoInventory.services] });
    let status: ScanStatus | undefined;
    for (let i = 0; i < 400 && (status = runner.status(id))?.state === "running"; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(status).toMatchObject({ state: "finished", snapshotId: id });
    expect((await store.get(id))?.id).toBe(id);
    await notifier.settled();
    const records = await store.listDeliveries(50);
    expect(records.map((d) => [d.outcome, d.attempts, d.snapshotId])).toEqual([
      ["failed", 3, id],
      ["failed", 3, id],
      ["failed", 3, id],
    ]);
  });
});
