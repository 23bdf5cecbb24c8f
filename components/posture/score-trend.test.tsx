import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SnapshotScope } from "@/lib/snapshot/scope";
import { ScoreTrend } from "./score-trend";

const EIGHT = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-central-1",
  "ap-northeast-1",
  "ap-southeast-2",
];
const full: SnapshotScope = { regions: EIGHT, services: ["iam", "elasticache"], gaps: [] };
const point = (id: string, score: number, scope: SnapshotScope) => ({
  id,
  finishedAt: `2026-11-0${id}T00:00:00.000Z`,
  score,
  accountId: "111122223333",
  scope,
});

function text(html: string) {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("ScoreTrend", () => {
  it("marks a partial scan's point, explains the mark and gives no delta for it", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend
        points={[point("1", 70, full), point("2", 75, full), point("3", 79, { ...full, regions: EIGHT.slice(0, 3) })]}
      />,
    );
    const visible = text(html);
    expect(visible).toContain("scope differs from the previous point (Regions, services, account or coverage)");
    expect(visible).toContain("+5");
    expect(visible).toContain("not like for like: 3 Regions instead of 8");
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toContain('stroke-dasharray="4 3"');
  });

  it("shows no legend when every point is like for like", () => {
    const html = renderToStaticMarkup(<ScoreTrend points={[point("1", 70, full), point("2", 65, full)]} />);
    expect(text(html)).not.toContain("scope differs");
    expect(text(html)).toContain("-5");
    expect(html).not.toContain("<rect ");
  });
});
