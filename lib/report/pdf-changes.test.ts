import { pdfText } from "@/test-support/pdf-text";
import { describe, expect, it } from "vitest";
import { exampleSnapshot, REGIONS } from "@/lib/snapshot/fixtures";
import { compareSnapshots } from "@/lib/snapshot/compare";
import { exportSnapshot } from "./export";

describe("the PDF's changes since the previous snapshot", () => {
  it("counts nothing outside a partial scan as fixed, and says the scopes differ", { timeout: 60_000 }, async () => {
    const previous = exampleSnapshot("full", "2026-11-20T10:05:00.000Z");
    const partial = exampleSnapshot("partial", "2026-11-27T10:05:00.000Z", (s) => {
      s.regions = REGIONS.slice(0, 3);
      for (const c of s.controls)
        c.results = c.results.filter((r) => r.region === "global" || s.regions.includes(r.region));
    });
    const file = await exportSnapshot(partial, { format: "pdf", scope: "snapshot" }, previous);
    const text = pdfText(file.body as Buffer, { layout: false, flat: true });
    if (text === undefined) return;
    expect(text).toContain(
      "Compared with full (overall score 75 → 75): 0 new, 0 not checked before, 0 fixed, 3 not re-checked, 0 changed, 7 still failing.",
    );
    expect(text).toContain("Not like for like:");
    expect(text).toContain(
      "The previous snapshot covered 8 Regions, this one 3 of them: 5 not re-checked (ca-central-1, eu-west-1, eu-central-1, ap-northeast-1, ap-southeast-2).",
    );
  });

  it(
    "counts what a partial previous scan could not list as not checked before, never as new",
    { timeout: 60_000 },
    async () => {
      const partial = exampleSnapshot("partial", "2026-11-20T10:05:00.000Z", (s) => {
        s.regions = REGIONS.slice(0, 3);
        for (const c of s.controls)
          c.results = c.results.filter((r) => r.region === "global" || s.regions.includes(r.region));
      });
      const full = exampleSnapshot("full", "2026-11-27T10:05:00.000Z");
      const expected = compareSnapshots(partial, full).counts;
      expect(expected.notCheckedBefore).toBeGreaterThan(0);
      const file = await exportSnapshot(full, { format: "pdf", scope: "snapshot" }, partial);
      const text = pdfText(file.body as Buffer, { layout: false, flat: true });
      if (text === undefined) return;
      expect(text).toContain(
        `${expected.new} new, ${expected.notCheckedBefore} not checked before, ${expected.fixed} fixed`,
      );
    },
  );
});
