import { pdfText } from "@/test-support/pdf-text";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { renderSnapshotPdf } from "./pdf";

describe("PDF control blocks: the suggested fix of the first failing resource", () => {
  it("prints the filled AWS CLI commands, marked as a suggestion to review", { timeout: 60_000 }, async () => {
    const pdf = await renderSnapshotPdf(demoSnapshot(), { service: "elasticache" });
    const text = pdfText(pdf);
    if (text === undefined) return;
    // elasticache.rg-transit-encryption: checkout-legacy (Redis OSS 6.2, no TLS) fails first in the
    // demo, and its engine cannot take TLS in place: the fix is the snapshot-and-restore path.
    expect(text).toMatch(/Suggested fix for checkout-legacy, to review before running/);
    expect(text).toMatch(/aws elasticache create-snapshot --region us-east-1 --replication-group-id\s+checkout-legacy/);
    // A passing control gets none.
    expect(text).not.toMatch(/Suggested fix for orders-prod/);
  });
});
