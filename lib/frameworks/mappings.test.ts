import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { FRAMEWORK_IDS, FRAMEWORKS, findFramework } from "./frameworks";
import { MAPPINGS, type Mapping } from "./mappings";

const CONTROL_IDS = new Set(CONTROLS.map((c) => c.meta.id));

/** Every problem with one mapping row: what a reviewer would refuse. */
export function mappingProblems(m: Mapping): string[] {
  const problems: string[] = [];
  const where = `${m.framework} ${m.requirement} → ${m.controlId}`;
  if (!findFramework(m.framework)) problems.push(`${where}: unknown framework`);
  if (!CONTROL_IDS.has(m.controlId)) problems.push(`${where}: unknown control id`);
  if (!m.requirement.trim()) problems.push(`${where}: no requirement id`);
  let url: URL | undefined;
  try {
    url = new URL(m.source?.url ?? "");
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:") problems.push(`${where}: source URL missing or not https`);
  if (!m.source?.maps?.trim()) problems.push(`${where}: source does not say what it maps`);
  if (m.coverage === "partial" && !m.note) problems.push(`${where}: partial coverage without a note saying why`);
  return problems;
}

describe("framework mappings", () => {
  it("every mapping names a known framework and control and cites an https source", () => {
    expect(MAPPINGS.flatMap(mappingProblems)).toEqual([]);
  });

  it("the check refuses a row without a source, with an unknown control or framework", () => {
    const good = MAPPINGS[0]!;
    expect(mappingProblems(good)).toEqual([]);
    expect(mappingProblems({ ...good, source: { url: "", maps: "x" } }).join()).toMatch(/source URL/);
    expect(mappingProblems({ ...good, source: { url: "http://example.com", maps: "x" } }).join()).toMatch(/source URL/);
    expect(mappingProblems({ ...good, controlId: "elasticache.no-such-control" }).join()).toMatch(/unknown control/);
    expect(mappingProblems({ ...good, framework: "hipaa" as Mapping["framework"] }).join()).toMatch(
      /unknown framework/,
    );
  });

  it("has no duplicate rows", () => {
    const keys = MAPPINGS.map((m) => `${m.framework}|${m.requirement}|${m.controlId}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("maps Security Hub ids only from controls whose metadata names the same Security Hub control", () => {
    for (const m of MAPPINGS.filter((row) => row.source.maps.startsWith("Security Hub control "))) {
      const hub = m.source.maps.replace("Security Hub control ", "");
      const related = CONTROLS.find((c) => c.meta.id === m.controlId)?.meta.related.join(", ") ?? "";
      expect(related, `${m.controlId} cites ${hub}`).toContain(`Security Hub ${hub}`);
    }
  });

  it("cites each CIS recommendation from the text of the benchmark version it is filed under", () => {
    const version = { "cis-aws-3.0": "v3.0.0", "cis-aws-7.0": "v7.0.0" } as const;
    for (const m of MAPPINGS) {
      if (m.framework !== "cis-aws-3.0" && m.framework !== "cis-aws-7.0") continue;
      expect(m.source.maps).toContain(`Benchmark ${version[m.framework]} recommendation ${m.requirement} "`);
      expect(m.source.url).toContain(m.framework === "cis-aws-3.0" ? "v3" : "v7.0.0");
    }
  });

  it("leaves the services AWS publishes no mapping for unmapped", () => {
    const mapped = new Set(MAPPINGS.map((m) => m.controlId));
    for (const id of mapped) expect(id).not.toMatch(/^(personalize|connect)\./);
  });

  it("a framework with no mapping rows says why, and one with rows does not", () => {
    for (const id of FRAMEWORK_IDS) {
      const framework = FRAMEWORKS.find((f) => f.id === id);
      const rows = MAPPINGS.filter((m) => m.framework === id).length;
      expect(framework, id).toBeDefined();
      if (rows === 0) expect(framework?.noMappings, id).toBeTruthy();
      else expect(framework?.noMappings, id).toBeUndefined();
    }
  });

  it("cites AWS's published NIST ids for ElastiCache.4", () => {
    const rows = MAPPINGS.filter(
      (m) => m.framework === "nist-800-53-r5" && m.controlId === "elasticache.rg-at-rest-encryption",
    );
    expect(rows.map((m) => m.requirement)).toEqual([
      "CA-9(1)",
      "CM-3(6)",
      "SC-13",
      "SC-28",
      "SC-28(1)",
      "SC-7(10)",
      "SI-7(6)",
    ]);
    expect(rows[0]?.source.url).toBe(
      "https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-4",
    );
  });
});
