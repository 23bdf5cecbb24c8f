import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, control, ec, exampleSnapshot } from "@/lib/snapshot/fixtures";

/** Failing replication groups of one control that the newer scan finds: more than a section shows. */
const GROUPS = 25;

beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-compare-page-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  // Passing in the older scan, failing in the newer: judged both times, so new.
  const groups = (status: "pass" | "fail") =>
    control(
      "elasticache.rg-at-rest-encryption",
      "elasticache",
      "medium",
      ["elasticache:DescribeReplicationGroups"],
      Array.from({ length: GROUPS }, (_, i) => ({
        arn: ec("us-east-1", "replicationgroup", `cache-${String(i).padStart(2, "0")}`),
        region: "us-east-1",
        status,
      })),
    );
  await store.put(exampleSnapshot("s1", "2026-11-20T10:05:00.000Z", (s) => s.controls.push(groups("pass"))));
  await store.put(
    exampleSnapshot("s2", "2026-11-27T10:05:00.000Z", (s) => {
      s.score = 70;
      s.controls.push(groups("fail"));
    }),
  );
});

async function render(query: Record<string, string>): Promise<string> {
  const { default: ComparePage } = await import("./page");
  return renderToStaticMarkup(await ComparePage({ searchParams: Promise.resolve(query) }));
}

const decode = (href: string) => href.replaceAll("&amp;", "&");
function link(html: string, text: string | RegExp): string | undefined {
  const source = typeof text === "string" ? text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : text.source;
  const match = new RegExp(`href="([^"]+)"[^>]*>(?:<[^>]+>)*${source}`).exec(html);
  return match?.[1] ? decode(match[1]) : undefined;
}
const query = (href: string) => Object.fromEntries(new URL(href, "http://localhost").searchParams);
const rows = (html: string) =>
  [...html.matchAll(/>(arn:aws:elasticache:us-east-1:\d+:replicationgroup:cache-\d\d)</g)].map((m) => m[1]);

describe("compare page", { timeout: 30_000 }, () => {
  it("without parameters: a picker preset to the latest and the one before it, and a link to that pair", async () => {
    const html = await render({});
    expect(html).toContain('aria-label="Pick two snapshots"');
    expect(html).toMatch(
      /<select name="from"[^>]*>.*<option value="s1" selected="">2026-11-20 10:05 UTC · score 75 · s1/,
    );
    expect(html).toMatch(
      /<select name="to"[^>]*>.*<option value="s2" selected="">2026-11-27 10:05 UTC · score 70 · s2/,
    );
    expect(query(link(html, "Compare the latest snapshot")!)).toEqual({ from: "s1", to: "s2" });
  });

  it("an unknown id is said in words, with the picker", async () => {
    const html = await render({ from: "nope", to: "s2" });
    expect(html).toContain("No snapshot with id nope.");
    expect(html).toContain('aria-label="Pick two snapshots"');
    expect(await render({ from: "../x", to: "s2" })).toContain("A snapshot id is malformed");
  });

  it("keeps the account in the picker and every link", async () => {
    const html = await render({ from: "s1", to: "s2", account: ACCOUNT });
    expect(html).toContain(`<input type="hidden" name="account" value="${ACCOUNT}"/>`);
    expect(query(link(html, "New: ")!)).toEqual({ from: "s1", to: "s2", account: ACCOUNT, change: "new" });
    expect(query(link(html, "Swap from and to")!)).toEqual({ from: "s2", to: "s1", account: ACCOUNT });
    expect(await render({ from: "s1", to: "s2", account: "210987654321" })).toContain(
      `These snapshots are of account ${ACCOUNT}, not of account 210987654321`,
    );
  });

  it("chips are links that filter; sections are capped with a link that shows all; exports follow the view", async () => {
    const html = await render({ from: "s1", to: "s2" });
    expect(html).toMatch(/New: <strong>25<\/strong>/);
    expect(rows(html)).toHaveLength(10);
    expect(html).toContain("Showing 10 of 25.");
    const all = link(html, /Show all \d+ Amazon ElastiCache/)!;
    expect(query(all)).toEqual({ from: "s1", to: "s2", service: "elasticache", all: "1" });
    expect(rows(await render(query(all)))).toHaveLength(GROUPS);

    const stillFailing = await render(query(link(html, "Still failing: ")!));
    expect(rows(stillFailing)).toEqual([]);
    expect(stillFailing).toContain("sessions-prod");
    expect(query(link(stillFailing, "CSV")!)).toEqual({ from: "s1", to: "s2", change: "stillFailing", format: "csv" });
  });

  it("says so when nothing changed", async () => {
    const html = await render({ from: "s1", to: "s1" });
    expect(html).toContain("No changes between these two scans.");
    expect(html).not.toContain("<details open");
  });

  it("a bad filter is named and the default view shown", async () => {
    expect(await render({ from: "s1", to: "s2", change: "gone" })).toContain("change: must be all or one of");
  });
});
