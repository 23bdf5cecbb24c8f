import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { generateInventory } from "./generate";
import { pagedViews, searchTerm, type PageLatency } from "./dashboard";
import { targets } from "./run";

const NOW = new Date("2026-12-02T10:00:00.000Z");
const snapshot = buildSnapshot(generateInventory("small", { seed: 1, now: NOW }), CONTROLS, {
  id: "bench-small",
  now: NOW,
});
const biggest = [...snapshot.controls].sort((a, b) => b.results.length - a.results.length)[0]!;
const controlPath = `/services/${biggest.service}/controls/${biggest.id}`;

describe("pagedViews", () => {
  it("measures /findings and the biggest control page with no filter, a status, a search and page 2 by cursor", async () => {
    const asked: string[] = [];
    const views = await pagedViews(snapshot, async (query) => {
      asked.push(query.toString());
      return query.has("control") ? "CONTROLCURSOR" : "FINDINGSCURSOR";
    });
    const q = encodeURIComponent(searchTerm(snapshot));
    expect(views).toEqual({
      findings: "/findings",
      "findings status=fail": "/findings?status=fail",
      "findings q": `/findings?q=${q}`,
      "findings page 2": "/findings?cursor=FINDINGSCURSOR",
      control: controlPath,
      "control status=fail": `${controlPath}?status=fail`,
      "control q": `${controlPath}?q=${q}`,
      "control page 2": `${controlPath}?cursor=CONTROLCURSOR`,
    });
    // The control page's cursor is asked for the control page's own first page: every status, worst first.
    expect(asked).toEqual([
      "",
      `status=fail%2Cwarn%2Cerror%2Cpass%2Cnot-applicable&sort=status&control=${biggest.id}&snapshot=bench-small`,
    ]);
  });

  it("leaves out the second page of a view that has one page only", async () => {
    const views = await pagedViews(snapshot, async () => null);
    expect(Object.keys(views)).not.toContain("findings page 2");
    expect(Object.keys(views)).not.toContain("control page 2");
  });

  it("searches for text some of the biggest control's resources hold", () => {
    const term = searchTerm(snapshot).toLowerCase();
    expect(term.length).toBeGreaterThan(1);
    expect(biggest.results.some((r) => (r.name ?? "").toLowerCase().includes(term))).toBe(true);
  });
});

describe("bench targets for the paged views", () => {
  const page = (name: string, p95Ms: number, htmlKb: number): PageLatency => ({
    page: name,
    path: "/",
    requests: 40,
    p50Ms: p95Ms / 2,
    p95Ms,
    maxMs: p95Ms,
    htmlKb,
  });

  it("holds findings and control pages to p95 < 150 ms and HTML < 300 kB at the largest size, the others to p95", () => {
    const checks = targets({
      schemaVersion: 1,
      startedAt: NOW.toISOString(),
      durationMs: 1,
      machine: { cpus: 2, cpuModel: "test", memoryGb: 1, node: "v20", platform: "linux-x64" },
      scenario: { latencyMs: 40, rateLimits: {}, seed: 1 },
      firstLoad: null,
      sizes: [
        {
          size: "large",
          safekeep: { wallVsLowerBound: 1, callsVsMinimum: 1, failedCalls: 0, throttled: 0 },
          baseline: null,
          exports: null,
          dashboard: [
            page("overview", 40, 56),
            page("control", 120, 310),
            page("findings q", 160, 80),
            page("control page 2", 90, 70),
          ],
        } as never,
      ],
    });
    const verdicts = Object.fromEntries(
      checks.filter((c) => c.target.includes(" page ")).map((c) => [c.target, c.met]),
    );
    expect(verdicts).toEqual({
      "overview page p95 < 150 ms (largest size)": true,
      "control page p95 < 150 ms (largest size)": true,
      "control page HTML < 300 kB (largest size)": false,
      "findings q page p95 < 150 ms (largest size)": false,
      "findings q page HTML < 300 kB (largest size)": true,
      "control page 2 page p95 < 150 ms (largest size)": true,
      "control page 2 page HTML < 300 kB (largest size)": true,
    });
  });
});
