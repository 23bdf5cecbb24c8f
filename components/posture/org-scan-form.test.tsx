import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OrgScanForm } from "./org-scan-form";
import type { RegionOffer } from "./scan-choices";

const SERVICES = [{ id: "iam", name: "AWS IAM and STS" }];
const OFFER: RegionOffer = {
  offered: ["us-east-1", "eu-west-1"],
  names: { "us-east-1": "US East (N. Virginia)", "eu-west-1": "Europe (Ireland)" },
  offeredFrom: "enabled",
  defaultRegion: "eu-west-1",
  allAvailable: true,
};

describe("the several-accounts form's Regions", () => {
  it("offers each account's own enabled Regions by default, not a count of the server's", () => {
    const html = renderToStaticMarkup(<OrgScanForm services={SERVICES} regions={OFFER} />);
    expect(html).toContain("All enabled Regions of each account");
    expect(html).not.toContain("All enabled Regions (2)");
    expect(html).toMatch(/name="org-region-mode" checked=""/);
    expect(html).not.toContain("Comma-separated");
  });

  it("without a Region to list from, starts from the server's default Region ticked", () => {
    const html = renderToStaticMarkup(<OrgScanForm services={SERVICES} regions={{ ...OFFER, allAvailable: false }} />);
    expect(html).toContain('aria-label="Regions to scan in each account"');
    expect(html).toMatch(/<input type="checkbox" checked=""\/><span><span class="font-mono">eu-west-1<\/span>/);
    expect(html).toMatch(/<input type="checkbox"\/><span><span class="font-mono">us-east-1<\/span>/);
  });
});
