import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { parseFindingsQuery, type FindingItem, type FindingsRequest } from "@/lib/snapshot/findings-query";
import { ACCOUNT } from "@/lib/snapshot/fixtures";
import {
  byteStream,
  csvChunks,
  describeFindingsView,
  ExportInterrupted,
  FINDING_EXPORT_COLUMNS,
  findingsExportFile,
  findingsExportFileName,
  jsonChunks,
  parseFindingsExportQuery,
  type FindingsExportStart,
} from "./findings-export";

const NOW = new Date("2026-11-28T09:30:00.000Z");
const POOL = `arn:aws:cognito-idp:eu-west-1:${ACCOUNT}:userpool/eu-west-1_Hq9sT2`;

function request(query: string): FindingsRequest {
  const parsed = parseFindingsQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.request;
}

function item(n: number, overrides: Partial<FindingItem> = {}): FindingItem {
  return {
    findingId: n.toString(16).padStart(32, "0"),
    snapshotId: "20261127T100500Z-k3x9",
    accountId: ACCOUNT,
    accountName: "Payments production",
    service: "cognito",
    controlId: "cognito.user-pool-mfa",
    controlTitle: "User pools require MFA",
    severity: "medium",
    status: "fail",
    region: "eu-west-1",
    resourceArn: `${POOL}${n}`,
    resourceName: `customers-${n}`,
    tags: [{ key: "team", value: "identity" }],
    reason: `User pool customers-${n} does not require MFA (MfaConfiguration is OFF).`,
    firstSeen: "2026-11-20T10:05:00.000Z",
    mute: null,
    controlIncomplete: false,
    ...overrides,
  };
}

/** A view of the given pages; a page that is an error stops the export there, as a 409 does. */
function viewOf(pages: (FindingItem[] | ExportInterrupted)[], total: number): FindingsExportStart {
  return {
    request: request("severity=medium&sort=-resource"),
    generatedAt: NOW,
    snapshots: [
      { id: "20261127T100500Z-k3x9", source: "aws", accountId: ACCOUNT, finishedAt: "2026-11-27T10:05:00.000Z" },
    ],
    total,
    first: pages[0] instanceof Error ? [] : pages[0]!,
    async *pages() {
      for (const page of pages) {
        if (page instanceof Error) throw page;
        yield page;
      }
    },
  };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function quiet() {
  const spies = [
    vi.spyOn(process.stderr, "write").mockImplementation(() => true),
    vi.spyOn(process.stdout, "write").mockImplementation(() => true),
  ];
  return () => spies.forEach((s) => s.mockRestore());
}

describe("parseFindingsExportQuery", () => {
  it.each([
    ["", /^format: must be one of csv, json, pdf$/],
    ["format=xlsx", /^format: must be one of csv, json, pdf$/],
    ["format=csv&format=json", /^format: given more than once$/],
    ["format=csv&limit=50", /^limit: an export holds every matching row/],
    ["format=json&cursor=abc", /^cursor: an export starts at the first row/],
    ["format=csv&severity=catastrophic", /^severity\.0: Invalid option/],
    ["format=csv&region=everywhere", /^region\.0: must be a Region name/],
    ["format=pdf&sort=name", /^sort: must be one of/],
    ["format=csv&service=iam&service=connect", /^service: given more than once/],
    ["format=csv&colour=red", /^query: Unrecognized key: "colour"$/],
  ])("refuses %j naming the parameter", (query, message) => {
    const parsed = parseFindingsExportQuery(new URLSearchParams(query));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("takes the findings query otherwise, with its defaults", () => {
    const parsed = parseFindingsExportQuery(new URLSearchParams("format=pdf&severity=high&sort=-resource&q=cart"));
    expect(parsed).toEqual({
      ok: true,
      format: "pdf",
      request: request("severity=high&sort=-resource&q=cart"),
    });
  });
});

describe("the view in words and the file name", () => {
  it.each([
    ["", "status Fail, Warning or Error"],
    ["status=fail,warn,error,pass,not-applicable", "any status"],
    [
      "status=fail&severity=critical,high&service=elasticache,iam&region=eu-west-1",
      "status Fail; severity Critical or High; Amazon ElastiCache or AWS IAM and STS; Region eu-west-1",
    ],
    [
      `account=${ACCOUNT}&control=iam.root-mfa&tag=env:prod&q=checkout&muted=false&snapshot=s1`,
      `status Fail, Warning or Error; account ${ACCOUNT}; control iam.root-mfa; tag env:prod; text “checkout”; not muted; snapshot s1`,
    ],
  ])("%j reads %j", (query, words) => {
    expect(describeFindingsView(request(query))).toBe(words);
  });

  it("names the file by what it is and when, in UTC to the minute", () => {
    expect(findingsExportFileName("csv", new Date("2026-11-28T09:05:59.999Z"))).toBe(
      "safekeep-findings-20261128-0905.csv",
    );
    expect(findingsExportFileName("pdf", new Date("2027-01-02T23:59:00.000+02:00"))).toBe(
      "safekeep-findings-20270102-2159.pdf",
    );
  });
});

describe("the files", () => {
  const muted = item(3, {
    status: "warn",
    mute: {
      id: "mute-abcdefabcdef",
      kind: "finding",
      reason: "Pool is retired on 2027-01-15; MFA not worth enabling.",
      owner: "identity-team",
      expiresAt: "2027-01-31T00:00:00.000Z",
    },
  });

  it("CSV: one row per finding over every page, the mute columns, formulas neutralised", async () => {
    const formula = item(2, { resourceName: '=HYPERLINK("http://example.com","x")', accountName: null });
    const csv = await text(byteStream("csv", csvChunks(viewOf([[item(1), formula], [], [muted]], 3))));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...FINDING_EXPORT_COLUMNS]);
    expect(rows.map((r) => r.findingId)).toEqual([item(1), formula, muted].map((i) => i.findingId));
    expect(rows[0]).toMatchObject({
      resourceName: "customers-1",
      tags: "team=identity",
      firstSeen: "2026-11-20T10:05:00.000Z",
      muted: "no",
      muteReason: "",
      muteOwner: "",
      muteExpires: "",
    });
    expect(rows[1]).toMatchObject({ resourceName: `'=HYPERLINK("http://example.com","x")`, accountName: "" });
    expect(rows[2]).toMatchObject({
      status: "warn",
      muted: "yes",
      muteReason: "Pool is retired on 2027-01-15; MFA not worth enabling.",
      muteOwner: "identity-team",
      muteExpires: "2027-01-31T00:00:00.000Z",
    });
  });

  it("CSV: a resource without a name shows its id, as the other CSV exports do", async () => {
    const csv = await text(byteStream("csv", csvChunks(viewOf([[item(1, { resourceName: null })]], 1))));
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row!.resourceName).toBe("eu-west-1_Hq9sT21");
  });

  it("CSV: a view that stops short fails the download instead of ending as if whole", async () => {
    const restore = quiet();
    try {
      const stopped = viewOf([[item(1)], new ExportInterrupted(409, "cursor: … a newer scan was stored …")], 5);
      await expect(text(byteStream("csv", csvChunks(stopped)))).rejects.toThrow(/newer scan/);
    } finally {
      restore();
    }
  });

  it("JSON: the view described, the items as the API gives them, and whether it is complete", async () => {
    const doc = JSON.parse(await text(byteStream("json", jsonChunks(viewOf([[item(1)], [muted]], 2)))));
    expect(Object.keys(doc)).toEqual([
      "generatedAt",
      "view",
      "filters",
      "sort",
      "snapshots",
      "total",
      "items",
      "complete",
    ]);
    expect(doc).toMatchObject({
      generatedAt: NOW.toISOString(),
      view: "status Fail, Warning or Error; severity Medium",
      filters: { statuses: ["fail", "warn", "error"], severities: ["medium"] },
      sort: "-resource",
      total: 2,
      complete: true,
    });
    expect(doc.items).toEqual([item(1), muted]);

    const empty = JSON.parse(await text(byteStream("json", jsonChunks(viewOf([[]], 0)))));
    expect(empty).toMatchObject({ total: 0, items: [], complete: true });
  });

  it("JSON: a view that stops short still closes, says it is incomplete and why", async () => {
    const restore = quiet();
    try {
      const stopped = viewOf([[item(1), item(2)], new ExportInterrupted(409, "cursor: a newer scan was stored")], 5);
      const doc = JSON.parse(await text(byteStream("json", jsonChunks(stopped))));
      expect(doc).toMatchObject({ total: 5, complete: false, error: "cursor: a newer scan was stored" });
      expect(doc.items).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it("headers: type, a file name that says what it is, no caching, the total", async () => {
    const file = await findingsExportFile("json", {
      ...viewOf([[item(1)]], 1),
      notice: "Snapshot x could not be read.",
    });
    expect(file.headers).toEqual({
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="safekeep-findings-20261128-0930.json"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Safekeep-Total": "1",
      "X-Safekeep-Notice": "Snapshot x could not be read.",
    });
  });
});
