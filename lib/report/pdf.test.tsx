import { pdfText } from "@/test-support/pdf-text";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { renderSnapshotPdf } from "./pdf";

describe("renderSnapshotPdf", () => {
  it(
    "renders the whole snapshot with cover, contents, sections, coverage and appendix",
    { timeout: 60_000 },
    async () => {
      const pdf = await renderSnapshotPdf(demoSnapshot(), { generatedAt: new Date("2026-11-24T10:00:00Z") });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(pdf);
      if (text === undefined) return;
      expect(text).toContain("Data-protection posture report");
      expect(text).toContain("DEMO DATA");
      expect(text).toContain("snapshot demo");
      expect(text).toMatch(/Executive summary\s+2/);
      expect(text).toMatch(/Amazon ElastiCache\s+\d+/);
      expect(text).toContain("Appendix: every control evaluated");
      expect(text).toContain("elasticache:DescribeServerlessCacheSnapshots");
      expect(text).toMatch(/Page 1 of \d+/);
      expect(text).toContain("✗ Fail");
    },
  );

  it("renders one service only", { timeout: 60_000 }, async () => {
    const pdf = await renderSnapshotPdf(demoSnapshot(), { service: "elasticache" });
    const text = pdfText(pdf);
    if (text === undefined) return;
    expect(text).toMatch(/Amazon ElastiCache data-protection\s+report/);
    expect(text).not.toContain("Amazon Cognito:");
  });

  it("lists failing resources by name, with their ARN under the name", { timeout: 60_000 }, async () => {
    const snapshot = demoSnapshot();
    const pdf = await renderSnapshotPdf(snapshot, { service: "cognito" });
    const text = pdfText(pdf);
    if (text === undefined) return;
    const mfa = snapshot.controls.find((c) => c.id === "cognito.user-pool-mfa")!;
    const failing = mfa.results.find((r) => r.status === "fail" && r.name)!;
    const lines = text.split("\n").map((line) => line.trim());
    const nameLine = lines.findIndex((line) => line.includes(`${failing.name} (${failing.region})`));
    expect(nameLine).toBeGreaterThan(-1);
    // Long ARNs wrap: the line after the name starts the ARN.
    expect(failing.resourceArn.startsWith(lines[nameLine + 1]!.replace(/-$/, "").slice(0, 30))).toBe(true);
  });
});
