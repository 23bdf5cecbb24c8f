import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseFindingsExportQuery } from "@/lib/report/findings-export";
import { parseFindingsQuery } from "@/lib/snapshot/findings-query";
import { ExportViewLinks, exportViewHref } from "./export-view-links";

describe("exportViewHref", () => {
  it.each([
    ["", "csv", "/api/findings/export?format=csv"],
    [
      "severity=high&sort=-resource&q=checkout+eu&cursor=WzEsInNldmVyaXR5Il0&limit=10",
      "json",
      "/api/findings/export?format=json&severity=high&sort=-resource&q=checkout+eu",
    ],
    [
      "snapshot=20261127T100500Z-k3x9&tag=aws%3Acloudformation%3Astack-name&status=fail%2Cwarn",
      "pdf",
      "/api/findings/export?format=pdf&snapshot=20261127T100500Z-k3x9&tag=aws%3Acloudformation%3Astack-name&status=fail%2Cwarn",
    ],
  ] as const)("%j as %s → %s", (query, format, href) => {
    expect(exportViewHref(new URLSearchParams(query), format)).toBe(href);
  });

  it("asks the export for exactly the view the page reads (same request, whole view)", () => {
    const page = new URLSearchParams("service=elasticache,iam&region=eu-west-1&sort=firstSeen&muted=false&limit=25");
    const href = exportViewHref(page, "csv");
    const asked = parseFindingsExportQuery(new URL(href, "http://127.0.0.1").searchParams);
    const shown = parseFindingsQuery(page);
    if (!asked.ok || !shown.ok) throw new Error("unparsable");
    expect(asked.request).toEqual({ ...shown.request, limit: asked.request.limit });
  });
});

describe("ExportViewLinks", () => {
  it("offers CSV, JSON and PDF as download links, and says when the PDF will be capped", () => {
    const few = renderToStaticMarkup(<ExportViewLinks params={new URLSearchParams("severity=high")} total={12} />);
    expect(few).toContain('aria-label="Export this view"');
    expect(few.match(/<a [^>]*download/g)).toHaveLength(3);
    expect(few).toContain('href="/api/findings/export?format=csv&amp;severity=high"');
    expect(few).toContain(">PDF</a>");
    const many = renderToStaticMarkup(<ExportViewLinks params={new URLSearchParams()} total={12_345} />);
    expect(many).toContain(">PDF (first 500)</a>");
  });
});
