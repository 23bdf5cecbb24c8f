import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FRAMEWORKS_DOC_PATH, formattedFrameworksDoc, renderFrameworksDoc } from "./docs";
import { MAPPINGS } from "./mappings";

describe("docs/frameworks.md", () => {
  it("matches the mapping data (run `npx tsx lib/frameworks/docs.ts` after changing it)", async () => {
    expect(readFileSync(FRAMEWORKS_DOC_PATH, "utf8")).toBe(await formattedFrameworksDoc());
  });

  it("lists every mapping row with its source, and says why an empty framework is empty", () => {
    const doc = renderFrameworksDoc();
    for (const m of MAPPINGS) expect(doc).toContain(`| ${m.requirement.replaceAll("|", "\\|")} | [\`${m.controlId}\``);
    expect(doc).toContain(
      "(https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4)",
    );
    expect(doc).toMatch(
      /## ISO\/IEC 27001 2022 \(Annex A\)\n\nFramework: <[^>]+>\n\nNo requirement is listed\. No AWS-published/,
    );
    expect(doc).toMatch(/Controls with no published mapping[\s\S]*personalize\.dataset-group-cmk/);
  });

  it("a changed mapping makes the file stale", async () => {
    const changed = MAPPINGS.map((m, i) => (i === 0 ? { ...m, requirement: "XX-99" } : m));
    expect(await formattedFrameworksDoc(changed)).not.toBe(await formattedFrameworksDoc());
  });
});
