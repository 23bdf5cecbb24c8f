import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-framework-page-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(
    exampleSnapshot("s-1", "2026-12-02T10:05:00.000Z", (s) => {
      // In-transit encryption passes where it could be judged; one Region could not be read.
      const transit = s.controls.find((c) => c.id === "elasticache.rg-transit-encryption")!;
      for (const r of transit.results) r.status = "pass";
      transit.status = "pass";
      transit.incomplete = { resources: 2, regions: ["ap-southeast-2"] };
    }),
  );
});

async function renderFramework(framework: string, query: Record<string, string> = {}): Promise<string> {
  const { default: FrameworkPage } = await import("./page");
  const element = await FrameworkPage({
    params: Promise.resolve({ framework }),
    searchParams: Promise.resolve(query),
  });
  return renderToStaticMarkup(element);
}

/** The table row of one requirement. */
function requirementRow(html: string, requirement: string): string {
  const start = html.indexOf(`id="req-${requirement}"`);
  expect(start, requirement).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</tr>", start));
}

describe("/frameworks/[framework]", () => {
  it("shows a passing but partly unjudged requirement as incomplete, never as a clean pass", async () => {
    const row = requirementRow(await renderFramework("nist-800-53-r5"), "SC-8");
    // The requirement's own status cell, before the cell listing its controls.
    const statusCell = row.slice(row.indexOf("<td"), row.indexOf("</td>"));
    expect(statusCell).toContain("Pass");
    expect(statusCell).toContain("incomplete");
    expect(statusCell).toContain('title="2 result(s) could not be judged"');
  });

  it("links each control to its page, each requirement to its open findings, and cites the source", async () => {
    const html = await renderFramework("nist-800-53-r5", { snapshot: "s-1" });
    const row = requirementRow(html, "AC-3").replaceAll("&amp;", "&");
    expect(row).toContain('href="/services/elasticache/controls/elasticache.rg-authentication?snapshot=s-1"');
    expect(row).toContain(
      "/findings?control=elasticache.rg-authentication%2Ciam.least-privilege-no-star%2Ciam.unused-credentials&status=fail%2Cwarn%2Cerror&snapshot=s-1",
    );
    expect(row).toContain(
      "https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html#elasticache-6",
    );
    expect(row).toContain("not in this snapshot (not judged)");
    expect(html).toContain("/api/frameworks/nist-800-53-r5/export?format=pdf&amp;snapshot=s-1");
  });

  it("says why a framework lists no requirement", async () => {
    const html = await renderFramework("soc2-2017");
    expect(html).toContain("No requirement listed.");
    expect(html).toContain("2017 Trust Services Criteria");
  });

  it("keeps the account picked in its links", async () => {
    const html = (await renderFramework("nist-800-53-r5", { account: ACCOUNT })).replaceAll("&amp;", "&");
    expect(html).toContain(`/frameworks?account=${ACCOUNT}`);
  });
});

describe("/frameworks", () => {
  it("lists every framework with its covered requirement count and status roll-up", async () => {
    const { default: FrameworksPage } = await import("../page");
    const html = renderToStaticMarkup(await FrameworksPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('href="/frameworks/nist-800-53-r5"');
    expect(html).toContain("PCI DSS v4.0");
    expect(html).toMatch(/None listed: AWS publishes PCI DSS v4\.0\.1 mappings/);
    expect(html).toMatch(/\d+ incomplete/);
  });
});
