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
const point = (id: string, finishedAt: string, score: number, scope: SnapshotScope = full) => ({
  id,
  finishedAt,
  score,
  accountId: "111122223333",
  scope,
});

function text(html: string) {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/** The `left` of the element carrying `attr="value"`, as a percentage. */
function leftOf(html: string, attr: string, value: string): number {
  const tag = new RegExp(`<[^>]*${attr}="${value}"[^>]*>`).exec(html)?.[0];
  const left = tag && /left:\s*([\d.]+)%/.exec(tag)?.[1];
  if (!left) throw new Error(`no ${attr}="${value}" with a left position`);
  return Number(left);
}

function topOf(html: string, id: string): number {
  const tag = new RegExp(`<[^>]*data-point="${id}"[^>]*>`).exec(html)![0];
  return Number(/top:\s*([\d.]+)%/.exec(tag)![1]);
}

describe("ScoreTrend", () => {
  it("places points by time: 30 minutes apart sit together, 12 days apart far apart", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend
        points={[
          point("a", "2026-11-08T09:00:00.000Z", 70),
          point("b", "2026-11-08T09:30:00.000Z", 72),
          point("c", "2026-11-20T09:30:00.000Z", 79),
        ]}
      />,
    );
    expect(leftOf(html, "data-point", "a")).toBe(0);
    expect(leftOf(html, "data-point", "b")).toBeLessThan(1);
    expect(leftOf(html, "data-point", "c")).toBe(100);
  });

  it("fits the score axis to the scores, so a 5-point drop is visible, and labels it", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend points={[point("a", "2026-11-01T00:00:00.000Z", 79), point("b", "2026-11-02T00:00:00.000Z", 74)]} />,
    );
    // Axis 65–85: 79 → 30 % from the top, 74 → 55 %; on a 0–100 axis they would be 5 % apart.
    expect(topOf(html, "a")).toBeCloseTo(30, 1);
    expect(topOf(html, "b")).toBeCloseTo(55, 1);
    const visible = text(html);
    for (const tick of ["65", "70", "75", "80", "85"]) expect(visible).toContain(` ${tick} `);
    expect(visible).not.toContain(" 100 ");
  });

  it("writes its text as HTML at 12 px (text-xs), never as SVG text that shrinks with the drawing", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend points={[point("a", "2026-11-08T09:00:00.000Z", 70), point("b", "2026-11-20T17:00:00.000Z", 75)]} />,
    );
    expect(html).not.toContain("<text");
    const ticks = [...html.matchAll(/<span[^>]*data-tick="[^"]+"[^>]*>([^<]*)<\/span>/g)];
    expect(ticks.map((m) => m[1])).toEqual(["9 Nov", "12 Nov", "15 Nov", "18 Nov"]);
    for (const m of ticks) expect(m[0]).toContain("text-xs");
  });

  it("gives each point a tooltip with its time, score, scope and coverage", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend
        points={[
          point("a", "2026-11-01T10:00:00.000Z", 70),
          point("b", "2026-11-02T10:00:00.000Z", 75, { ...full, gaps: ["iam:GetAccountSummary global"] }),
        ]}
      />,
    );
    const title = (id: string) =>
      new RegExp(`data-point="${id}"[^>]*title="([^"]*)"|title="([^"]*)"[^>]*data-point="${id}"`).exec(html)!;
    const a = title("a")[1] ?? title("a")[2];
    expect(a).toContain("2026-11-01 10:00 UTC");
    expect(a).toContain("Score 70 / 100");
    expect(a).toContain("Scope: 8 Regions · AWS IAM and STS, Amazon ElastiCache · complete coverage");
    const b = title("b")[1] ?? title("b")[2];
    expect(b).toContain("1 coverage gap");
    expect(b).toContain("Not like for like with the previous point");
  });

  it("marks a scope change with a rule and a diamond, explains it and gives no delta for it", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend
        points={[
          point("1", "2026-11-01T00:00:00.000Z", 70),
          point("2", "2026-11-02T00:00:00.000Z", 75),
          point("3", "2026-11-03T00:00:00.000Z", 79, { ...full, regions: EIGHT.slice(0, 3) }),
        ]}
      />,
    );
    const visible = text(html);
    expect(visible).toContain("scope changed here (Regions, services, account or coverage)");
    expect(visible).toContain("+5");
    expect(visible).toContain("not like for like: 3 Regions instead of 8");
    expect(html.match(/data-scope-change=/g)).toHaveLength(1);
    expect(leftOf(html, "data-scope-change", "3")).toBe(100);
    expect(html.match(/rotate-45/g)).toHaveLength(1);
    expect(html).toContain('stroke-dasharray="4 3"');
  });

  it("shows no scope legend or marker when every point is like for like", () => {
    const html = renderToStaticMarkup(
      <ScoreTrend points={[point("1", "2026-11-01T00:00:00.000Z", 70), point("2", "2026-11-02T00:00:00.000Z", 65)]} />,
    );
    expect(text(html)).not.toContain("scope changed");
    expect(text(html)).toContain("-5");
    expect(html).not.toContain("data-scope-change");
    expect(html).not.toContain("rotate-45");
  });
});
