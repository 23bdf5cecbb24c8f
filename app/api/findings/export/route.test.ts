import { pdfText } from "@/test-support/pdf-text";
import { parse } from "csv-parse/sync";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, control, ec, exampleSnapshot, REGIONS, type Row } from "@/lib/snapshot/fixtures";
import type { Status } from "@/lib/controls/types";

const OTHER = "444455556666";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-findings-export-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function store() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return openSnapshotStore(dataDir);
}

async function exportOf(query: string) {
  const { GET } = await import("./route");
  return GET(new Request(`http://127.0.0.1/api/findings/export${query}`));
}

interface Item {
  findingId: string;
  snapshotId: string;
  status: string;
  severity: string;
  resourceArn: string;
  reason: string;
  firstSeen: string | null;
}

/** What GET /api/findings shows for a query, every page of it, following its cursors. */
async function everyApiPage(query: string, limit = 137): Promise<Item[]> {
  const { GET } = await import("../route");
  const items: Item[] = [];
  let cursor = "";
  for (let i = 0; i < 100; i++) {
    const sep = query ? "&" : "";
    const response = await GET(
      new Request(`http://127.0.0.1/api/findings?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    items.push(...body.items);
    if (!body.nextCursor) return items;
    cursor = body.nextCursor;
  }
  throw new Error("more than 100 pages");
}

/**
 * An account whose caches fail a control in every Region: `n` results (failing, warning and
 * passing), named like real replication groups, so a view spans several export pages.
 */
function largeScan(id: string, accountId: string, finishedAt: string, n: number) {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws", name: `Account ${accountId.slice(-4)}` };
    const statuses: Status[] = ["fail", "fail", "warn", "pass", "error"];
    const rows: Row[] = Array.from({ length: n }, (_, i) => {
      const region = REGIONS[i % REGIONS.length]!;
      return {
        arn: ec(region, "replicationgroup", `orders-${String(i).padStart(4, "0")}`).replace(ACCOUNT, accountId),
        region,
        status: statuses[i % statuses.length]!,
      };
    });
    const big = control(
      "elasticache.rg-at-rest-encryption",
      "elasticache",
      "medium",
      ["elasticache:DescribeReplicationGroups"],
      rows,
    );
    // Every third one named (some with the same name, so the tie-break on the finding id matters).
    big.results.forEach((r, i) => {
      if (i % 3 === 0) r.name = `orders ${i % 7}`;
    });
    s.controls.push(big);
  });
}

const key = (i: { snapshotId?: string; findingId?: string }) => `${i.snapshotId}/${i.findingId}`;

describe("GET /api/findings/export", { timeout: 120_000 }, () => {
  it.each([
    ["", /^format: must be one of csv, json, pdf$/],
    ["?format=xml", /^format: must be one of csv, json, pdf$/],
    ["?format=csv&limit=50", /^limit: /],
    ["?format=csv&cursor=eyJ4Ijox", /^cursor: /],
    ["?format=json&status=open", /^status\.0: Invalid option/],
    ["?format=csv&account=1234", /^account\.0: must be a 12-digit account id$/],
    ["?format=pdf&sort=name", /^sort: must be one of/],
    ["?format=csv&q=a&q=b", /^q: given more than once/],
  ])("answers %s with 400 naming the parameter", async (query, message) => {
    const response = await exportOf(query);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await response.json()).error).toMatch(message);
  });

  it("answers an unknown snapshot with 404", async () => {
    const s = await store();
    await s.put(exampleSnapshot("a1", "2026-11-20T10:05:00.000Z"));
    const response = await exportOf("?format=csv&snapshot=missing");
    expect(response.status).toBe(404);
    expect((await response.json()).error).toBe("No snapshot with id missing.");
  });

  it("exports exactly the rows GET /api/findings pages through, in its order, in CSV and JSON", async () => {
    const s = await store();
    await s.put(largeScan("a-old", ACCOUNT, "2026-11-20T10:05:00.000Z", 700));
    await s.put(largeScan("a-new", ACCOUNT, "2026-11-27T10:05:00.000Z", 900));
    await s.put(largeScan("b-only", OTHER, "2026-11-25T08:00:00.000Z", 400));
    for (const query of [
      "",
      "sort=-resource&status=fail,warn,error,pass",
      "severity=medium&region=eu-west-1,us-east-1,ap-northeast-1&sort=firstSeen",
      "q=ORDERS%203&sort=account",
      `snapshot=a-old&sort=-status&account=${ACCOUNT}`,
    ]) {
      const shown = await everyApiPage(query);
      expect(shown.length, query).toBeGreaterThan(0);

      const csv = await exportOf(`?format=csv${query ? `&${query}` : ""}`);
      expect(csv.status, query).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(csv.headers.get("content-disposition")).toMatch(
        /^attachment; filename="safekeep-findings-\d{8}-\d{4}\.csv"$/,
      );
      expect(csv.headers.get("cache-control")).toBe("no-store");
      expect(csv.headers.get("x-content-type-options")).toBe("nosniff");
      expect(csv.headers.get("x-safekeep-total")).toBe(String(shown.length));
      const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
      expect(rows.map(key), query).toEqual(shown.map(key));
      expect(
        rows.map((r) => [r.status, r.severity, r.resourceArn, r.reason, r.firstSeen || null]),
        query,
      ).toEqual(shown.map((i) => [i.status, i.severity, i.resourceArn, i.reason, i.firstSeen]));

      const json = await exportOf(`?format=json${query ? `&${query}` : ""}`);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(json.headers.get("content-disposition")).toMatch(/filename="safekeep-findings-\d{8}-\d{4}\.json"$/);
      const doc = await json.json();
      expect(doc.total).toBe(shown.length);
      expect(doc.complete).toBe(true);
      expect(doc.items, query).toEqual(shown);
    }
    // The largest view spans several export pages of 500.
    expect((await everyApiPage("status=fail,warn,error,pass", 500)).length).toBeGreaterThan(1000);
  });

  it("lists at most 500 rows in the PDF and says so on the first page and after the last row", async () => {
    const s = await store();
    await s.put(largeScan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z", 1500));
    const response = await exportOf("?format=pdf&sort=resource");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/filename="safekeep-findings-\d{8}-\d{4}\.pdf"$/);
    const total = Number(response.headers.get("x-safekeep-total"));
    expect(total).toBeGreaterThan(500);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    if (text === undefined) return;
    const label = `Showing 500 of ${total.toLocaleString("en-US")} findings; export CSV or JSON for all.`;
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    expect(pages[0]).toContain("Safekeep findings — status Fail, Warning or Error");
    expect(pages[0]).toContain(label);
    expect(pages[0]).toMatch(/Matching findings\s+\d{1},\d{3}/);
    expect(pages[0]).toContain("a1");
    expect(pages[0]).toContain("2026-11-27 10:05:00 UTC");
    expect(pages.at(-1)).toContain(label);
    expect(text.split(label).length - 1).toBe(2);
    // The first 500 rows of the view, in its order: the 500th closes the last page, the 501st is not
    // printed. (Resource ids are the ARNs' last part, on a line of their own when the ARN wraps.)
    const view = await everyApiPage("sort=resource", 500);
    const id = (n: number) => view[n]!.resourceArn.split(":").at(-1)!;
    expect(id(499)).toMatch(/^orders-\d{4}$/);
    expect(pages.at(-1)).toMatch(new RegExp(`${id(499)}\\b`));
    expect(text).not.toMatch(new RegExp(`${id(500)}\\b`));

    const small = await exportOf("?format=pdf&severity=high");
    const smallText = pdfText(Buffer.from(await small.arrayBuffer()))!;
    expect(smallText).not.toContain("Showing ");
    expect(smallText).toContain("Safekeep findings — status Fail, Warning or Error; severity High");
    expect(smallText).toContain("sessions-prod");
  });
});
