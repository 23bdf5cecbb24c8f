import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SeverityBars } from "@/components/posture/severity-bars";
import { demoSnapshot } from "@/lib/demo/snapshot";
import {
  criticalHighCallOut,
  openFindingsByResults,
  topRiskyResources,
  type CallOutItem,
  type CriticalHighCallOut,
} from "@/lib/posture/open-findings";
import { ec, exampleSnapshot } from "@/lib/snapshot/fixtures";
import { CriticalCallout } from "./critical-callout";
import { MutedNote } from "./muted-note";
import { RiskyResourcesList } from "./risky-resources";

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

const controlHref = (item: CallOutItem) => `/services/${item.service}/controls/${item.controlId}?snapshot=s1`;
const SNAPSHOT = "snap-2026-11-27";

function callOutOf(over: Partial<CriticalHighCallOut>): CriticalHighCallOut {
  return { failing: 0, critical: 0, high: 0, resources: 0, top: [], unjudged: 0, muted: 0, ...over };
}

function render(callOut: CriticalHighCallOut): string {
  return renderToStaticMarkup(<CriticalCallout callOut={callOut} snapshotId={SNAPSHOT} controlHref={controlHref} />);
}

describe("CriticalCallout", () => {
  it("leads with the number of critical and high failures and links each of the first five", () => {
    const snapshot = exampleSnapshot(SNAPSHOT, "2026-11-27T10:05:00.000Z", (s) => {
      s.controls[0]!.results[0]!.name = "sessions-prod";
    });
    const callOut = criticalHighCallOut(snapshot);
    const html = render(callOut);
    expect(text(html)).toMatch(/^6 critical and high failures On 6 resources: 0 critical, 6 high\. The first 5/);
    // The named resource by its name, the unnamed ones by their ARN (broken anywhere on a phone).
    expect(text(html)).toContain("sessions-prod");
    expect(html).toMatch(
      /class="[^"]*break-all[^"]*" href="[^"]*">arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:carts-eu</,
    );
    expect(html).toMatch(/class="[^"]*break-words[^"]*" href="[^"]*">sessions-prod</);
    const hrefs = links(html);
    for (const item of callOut.top) {
      expect(hrefs).toContain(item.href);
      expect(hrefs).toContain(controlHref(item));
    }
    expect(hrefs).toContain(`/findings?snapshot=${SNAPSHOT}&status=fail&severity=critical%2Chigh&muted=false`);
    expect(text(html)).not.toContain("could not be judged");
  });

  it("says the results that could not be judged in the same breath as the failures", () => {
    const html = render(callOutOf({ failing: 1, high: 1, resources: 1, unjudged: 11 }));
    expect(text(html)).toMatch(/^1 critical or high failure … and 11 results could not be judged/);
    expect(links(html)).toContain(`/findings?snapshot=${SNAPSHOT}&status=error&severity=critical%2Chigh`);
  });

  it("never says none when part could not be judged", () => {
    const html = render(callOutOf({ unjudged: 1 }));
    expect(text(html)).toMatch(/^0 critical and high failures found … and 1 result could not be judged/);
    expect(text(html)).not.toMatch(/^No /);
    expect(html).toContain("bg-violet-50");
    expect(html).not.toContain("bg-green-50");
  });

  it("says plainly when there is nothing to call out, and muted failures are not nothing", () => {
    expect(text(render(callOutOf({})))).toBe(
      "No critical or high failures No resource fails a critical- or high-severity control in this snapshot.",
    );
    const muted = render(callOutOf({ muted: 2 }));
    expect(text(muted)).toMatch(
      /^No open critical or high failures .* 2 critical or high failures are muted: see the mutes$/,
    );
    expect(links(muted)).toContain("/mutes");
    expect(text(render(callOutOf({ failing: 3, high: 3, resources: 2, muted: 1 })))).toContain(
      "1 more critical or high failure is muted",
    );
  });
});

describe("SeverityBars", () => {
  it("writes each severity's open, muted and unjudged findings beside its bar", () => {
    const snapshot = exampleSnapshot(SNAPSHOT, "2026-11-27T10:05:00.000Z", (s) => {
      s.controls[0]!.results[0]!.mute = {
        id: "mute-a1b2c3d4e5f6",
        kind: "finding",
        reason: "Accepted until the migration.",
        owner: "platform-team",
        expiresAt: "2027-01-31T00:00:00.000Z",
      };
      s.controls[2]!.results.push({
        resourceArn: ec("eu-central-1", "replicationgroup", "ledger"),
        resourceType: "AWS::ElastiCache::ReplicationGroup",
        region: "eu-central-1",
        status: "error",
        reason: "denied",
        evidence: {},
      });
    });
    const t = text(renderToStaticMarkup(<SeverityBars data={openFindingsByResults(snapshot.controls)} />));
    // Each bar ends in its open count (fail + warn), then the breakdown.
    expect(t).toContain(
      "High 6 ✗ 5 fail · ! 1 warn · 1 muted Medium 2 ✗ 1 fail · ! 1 warn · ? 1 not judged Low 1 ✗ 0 fail",
    );
    // Nothing muted or unjudged: nothing said.
    expect(t).toMatch(/Critical 0 ✗ 0 fail · ! 0 warn High/);
  });
});

describe("RiskyResourcesList", () => {
  it("lists the demo account's riskiest resources with their account, Region, tallies and links", () => {
    const demo = demoSnapshot();
    const risky = topRiskyResources(demo);
    const html = renderToStaticMarkup(
      <RiskyResourcesList risky={risky} unjudged={0} allHref="/findings?snapshot=demo" />,
    );
    const t = text(html);
    expect(t).toContain("Root user of account 210987654321 global · account 210987654321 1 critical fail 1 warning");
    expect(t).toContain(`5 of ${risky.total} resources with open findings.`);
    expect(links(html)).toEqual([...risky.top.map((r) => r.href), "/findings?snapshot=demo"]);
  });

  it("names at most three controls under a resource, and says how many more", () => {
    const snapshot = exampleSnapshot(SNAPSHOT, "2026-11-27T10:05:00.000Z", (s) => {
      for (const id of ["a", "b", "c"])
        s.controls.push({
          ...s.controls[1]!,
          id: `elasticache.extra-${id}`,
          title: `Extra control ${id}`,
          results: [{ ...s.controls[1]!.results[0]! }],
        });
    });
    const t = text(
      renderToStaticMarkup(
        <RiskyResourcesList risky={topRiskyResources(snapshot, 1)} unjudged={0} allHref="/findings" />,
      ),
    );
    expect(t).toContain(`4 high fails`);
    expect(t).toContain("and 1 more control");
  });

  it("does not read as a clean bill of health when results could not be judged", () => {
    const none = { top: [], total: 0 };
    expect(text(renderToStaticMarkup(<RiskyResourcesList risky={none} unjudged={0} allHref="/findings" />))).toContain(
      "No resource has an open finding.",
    );
    expect(text(renderToStaticMarkup(<RiskyResourcesList risky={none} unjudged={3} allHref="/findings" />))).toContain(
      "No resource has an open finding. 3 results could not be judged, so this is not a clean bill of health.",
    );
  });
});

describe("MutedNote", () => {
  it("says how many findings are muted and the score before them, and nothing when none are", () => {
    const html = renderToStaticMarkup(
      <MutedNote mutes={{ asOf: "2026-11-28T09:00:00.000Z", muted: 3, scoreBeforeMutes: 61 }} />,
    );
    expect(text(html)).toBe("3 findings muted (left out of the score; 61 before mutes).");
    expect(links(html)).toEqual(["/mutes"]);
    expect(renderToStaticMarkup(<MutedNote mutes={undefined} />)).toBe("");
    expect(
      renderToStaticMarkup(<MutedNote mutes={{ asOf: "2026-11-28T09:00:00.000Z", muted: 0, scoreBeforeMutes: 61 }} />),
    ).toBe("");
  });
});
