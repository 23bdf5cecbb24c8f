import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";
import { pdfText } from "@/test-support/pdf-text";

const OLDER = "2026-11-20T10:05:00.000Z";
const NEWER = "2026-11-27T10:05:00.000Z";

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-framework-export-")));
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(process.env.SAFEKEEP_DATA_DIR as string);
  await store.put(exampleSnapshot("older", OLDER));
  // The newer scan: the ElastiCache transit group was fixed, and authentication could only partly be judged.
  await store.put(
    exampleSnapshot("newer", NEWER, (s) => {
      const transit = s.controls.find((c) => c.id === "elasticache.rg-transit-encryption")!;
      for (const r of transit.results) r.status = "pass";
      transit.status = "pass";
      transit.incomplete = { resources: 1, regions: ["ap-southeast-2"] };
    }),
  );
});

async function get(framework: string, query: string) {
  const { GET } = await import("./route");
  return GET(new Request(`http://127.0.0.1/api/frameworks/${framework}/export${query}`), {
    params: Promise.resolve({ framework }),
  });
}

describe("GET /api/frameworks/[framework]/export", () => {
  it("CSV: one row per requirement × control, for the newest snapshot by default", async () => {
    const response = await get("nist-800-53-r5", "?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="safekeep-nist-800-53-r5-${ACCOUNT}-2026-11-27.csv"`,
    );
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const sc8 = rows.filter((r) => r.requirement === "SC-8");
    expect(sc8).toHaveLength(1);
    // Passing but incomplete: never a clean pass.
    expect(sc8[0]).toMatchObject({
      control_id: "elasticache.rg-transit-encryption",
      requirement_status: "pass",
      requirement_incomplete: "yes",
      control_status: "pass",
      control_incomplete: "yes",
      snapshot_id: "newer",
      account_id: ACCOUNT,
      source_url: "https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-5",
    });
    // ElastiCache.6's requirements: authentication fails on three resources in the example account.
    const ac3 = rows.find((r) => r.requirement === "AC-3" && r.control_id === "elasticache.rg-authentication");
    expect(ac3).toMatchObject({ requirement_status: "fail", failing_resources: "3", coverage: "partial" });
    // Controls the snapshot did not evaluate are said to be missing, never passing.
    expect(rows.find((r) => r.control_id === "xc.cloudtrail-kms")?.control_status).toBe("not in snapshot");
    expect(rows.every((r) => r.source_url?.startsWith("https://"))).toBe(true);
  });

  it("CSV of a named snapshot", async () => {
    const response = await get("nist-800-53-r5", "?format=csv&snapshot=older");
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const sc8 = rows.find((r) => r.requirement === "SC-8");
    expect(sc8).toMatchObject({ snapshot_id: "older", requirement_status: "fail", requirement_incomplete: "no" });
  });

  it(
    "PDF: titled with the framework and account, each requirement with its status and sources",
    { timeout: 60_000 },
    async () => {
      const response = await get("nist-800-53-r5", "?format=pdf&snapshot=newer");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toContain(
        `safekeep-nist-800-53-r5-${ACCOUNT}-2026-11-27.pdf`,
      );
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(pdf, { flat: true });
      if (text === undefined) return;
      expect(text).toContain(`Safekeep evidence for NIST SP 800-53 Rev. 5 — account ${ACCOUNT}`);
      expect(text).toContain("Scan finished 2026-11-27 10:05:00 UTC");
      expect(text).toMatch(/SC-8 ✓ Pass · incomplete/);
      expect(text).toContain("Security Hub control ElastiCache.5");
      expect(text).toContain("3 failing resources");
    },
  );

  it("PDF of a framework with no mapping says why", { timeout: 60_000 }, async () => {
    const response = await get("iso-27001-2022", "?format=pdf");
    expect(response.status).toBe(200);
    const text = pdfText(Buffer.from(await response.arrayBuffer()), { flat: true });
    if (text === undefined) return;
    expect(text).toContain("Safekeep evidence for ISO/IEC 27001 2022 (Annex A) — account");
    expect(text).toContain("Safekeep lists no requirement of this framework.");
  });

  it.each([
    ["nist-800-53-r5", "", 400],
    ["nist-800-53-r5", "?format=xlsx", 400],
    ["nist-800-53-r5", "?format=csv&snapshot=../etc", 400],
    ["nist-800-53-r5", "?format=csv&color=red", 400],
    ["hipaa", "?format=csv", 404],
    ["nist-800-53-r5", "?format=csv&snapshot=nope", 404],
  ])("%s%s → %i", async (framework, query, status) => {
    const response = await get(framework, query);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toBeTruthy();
  });
});
