import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";

const PAYMENTS_OU = "ou-ab12-payments";
const PROD = "111122223333";
const SANDBOX = "777788889999";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-org-export-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function storeTwoAccounts() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(
    exampleSnapshot("prod-2", "2026-11-27T10:00:00.000Z", (s) => {
      s.account = { id: PROD, partition: "aws", name: "prod-payments", ou: PAYMENTS_OU };
    }),
  );
  await store.put(
    exampleSnapshot("sandbox-1", "2026-11-25T10:00:00.000Z", (s) => {
      s.account = { id: SANDBOX, partition: "aws", name: "sandbox", ou: "ou-ab12-sandbox1" };
      s.score = null;
    }),
  );
}

async function get(query = "") {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/organization/export${query}`));
  return { status: response.status, headers: response.headers, response };
}

describe("GET /api/organization/export", { timeout: 60_000 }, () => {
  it.each([
    ["?format=ocsf", /^format:/],
    ["?format=pdf&scope=results", /^scope: scope applies to csv and json only/],
    ["?scope=snapshot", /^scope:/],
    ["?ou=payments", /^ou: ou must be an organizational unit id/],
    ["?id=latest", /^query: Unrecognized key/],
  ])("refuses %s with 400", async (query, message) => {
    const { status, response, headers } = await get(query);
    expect(status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 when no account has a snapshot, or none sits in the OU", async () => {
    const empty = await get("?format=csv");
    expect(empty.status).toBe(404);
    expect(((await empty.response.json()) as { error: string }).error).toBe(
      "No account has a readable stored snapshot yet.",
    );
    await storeTwoAccounts();
    const elsewhere = await get("?format=csv&ou=ou-ab12-nothere");
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.response.json()) as { error: string }).error).toMatch(/ou-ab12-nothere/);
  });

  it("exports the controls of every account as CSV, as a dated attachment", async () => {
    await storeTwoAccounts();
    const { status, headers, response } = await get("?format=csv");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("content-disposition")).toMatch(
      /^attachment; filename="safekeep-organization-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(headers.get("cache-control")).toBe("no-store");
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.accountId))).toEqual(new Set([PROD, SANDBOX]));
    expect(rows.filter((r) => r.accountId === PROD)).toHaveLength(6);
  });

  it("keeps to the OU asked for, in the JSON document and its file name", async () => {
    await storeTwoAccounts();
    const { status, headers, response } = await get(`?format=json&ou=${PAYMENTS_OU}`);
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toMatch(
      /filename="safekeep-organization-ou-ab12-payments-[\d-]+\.json"/,
    );
    const doc = (await response.json()) as { ou: string; accountCount: number; accounts: { accountId: string }[] };
    expect(doc).toMatchObject({ ou: PAYMENTS_OU, accountCount: 1 });
    expect(doc.accounts.map((a) => a.accountId)).toEqual([PROD]);
  });

  it("renders the PDF", async () => {
    await storeTwoAccounts();
    const { status, headers, response } = await get("?format=pdf");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(headers.get("content-disposition")).toMatch(/filename="safekeep-organization-[\d-]+\.pdf"/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
