import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SERVICE_IDS } from "@/lib/inventory/common";
import type { AccountRow, HeatCell } from "@/lib/read/organization";
import { OrgHeatmap, ScoreBadge, ScoreCell } from "./org-heatmap";

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const cells: HeatCell[] = [
  { service: "account", state: "scored", score: 42, level: "poor", unverified: 28 },
  { service: "iam", state: "scored", score: 93, level: "good", unverified: 0 },
  { service: "elasticache", state: "not-evaluated" },
  { service: "cognito", state: "unscored", unverified: 100 },
  { service: "personalize", state: "unscored", unverified: 0 },
  { service: "connect", state: "scored", score: 75, level: "fair", unverified: 0 },
];

const row: AccountRow = {
  accountId: "111122223333",
  name: "prod-payments",
  ou: "ou-ab12-payments",
  snapshotId: "prod-2",
  source: "aws",
  scannedAt: "2026-11-27T10:05:00.000Z",
  score: 61,
  scoreUnverified: 12,
  cells,
  critical: { failing: 0, unchecked: 2 },
};

describe("ScoreCell", () => {
  it("colours a score by its band and marks the unverified share", () => {
    const html = renderToStaticMarkup(<ScoreCell cell={cells[0]!} />);
    expect(html).toContain("bg-red-100");
    expect(text(html)).toBe("42 Poor ? , 28 % unverified");
    expect(renderToStaticMarkup(<ScoreCell cell={cells[1]!} />)).toContain("bg-green-100");
    expect(renderToStaticMarkup(<ScoreCell cell={cells[5]!} />)).toContain("bg-amber-100");
  });

  it("never colours or scores a service that was not evaluated or has no score", () => {
    for (const cell of [cells[2]!, cells[3]!, cells[4]!]) {
      const html = renderToStaticMarkup(<ScoreCell cell={cell} />);
      expect(html).not.toMatch(/bg-(red|amber|green)-100/);
      expect(text(html)).not.toMatch(/\d+ (Poor|Fair|Good)/);
    }
    expect(text(renderToStaticMarkup(<ScoreCell cell={cells[2]!} />))).toBe("Not evaluated");
    // Nothing could be judged: no score, and the whole of it unverified.
    expect(text(renderToStaticMarkup(<ScoreCell cell={cells[3]!} />))).toBe("— No score ? , 100 % unverified");
    // Nothing applied: no score, nothing to verify.
    expect(text(renderToStaticMarkup(<ScoreCell cell={cells[4]!} />))).toBe("— No score");
  });
});

describe("ScoreBadge", () => {
  it("reads a missing overall score as no score, never as 0", () => {
    const html = renderToStaticMarkup(<ScoreBadge score={null} unverified={100} />);
    expect(text(html)).toBe("— No score · ? , 100 % unverified");
    expect(html).not.toMatch(/bg-(red|amber|green)-100/);
  });
});

describe("OrgHeatmap", () => {
  it("gives each account a row with its link, overall score, one cell per service, critical findings and scan time", () => {
    const html = renderToStaticMarkup(<OrgHeatmap rows={[row]} services={SERVICE_IDS} />);
    expect(html).toContain('href="/?account=111122223333"');
    const body = text(html.slice(html.indexOf("<tbody")));
    expect(body).toBe(
      [
        "prod-payments 111122223333 ou-ab12-payments",
        "61 Poor ? , 12 % unverified",
        "42 Poor ? , 28 % unverified",
        "93 Good",
        "Not evaluated",
        "— No score ? , 100 % unverified",
        "— No score",
        "75 Fair",
        // No failing critical result seen, but two could not be judged: not a clean zero.
        "0 failing ? 2 unchecked",
        "2026-11-27 10:05 UTC",
      ].join(" "),
    );
    // The phone hint that the table scrolls sideways.
    expect(text(html)).toContain("Scroll sideways to see every service.");
  });
});
