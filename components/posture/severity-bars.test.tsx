import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SeverityFindingCounts } from "@/lib/posture/open-findings";
import { SeverityBars } from "./severity-bars";

const none: SeverityFindingCounts = { fail: 0, warn: 0, muted: 0, error: 0 };
const data = {
  critical: { ...none, fail: 1 },
  high: { ...none, fail: 250, warn: 50 },
  medium: { ...none, warn: 3, muted: 2 },
  low: none,
  info: { ...none, error: 4 },
};

function bar(html: string, severity: string): string {
  return new RegExp(`<div[^>]*data-bar="${severity}"[^>]*>(.*?</span>)</div>`).exec(html)![1]!;
}

describe("SeverityBars", () => {
  const html = renderToStaticMarkup(<SeverityBars data={data} />);

  it("writes each row's open count at the end of its bar", () => {
    const count = (severity: string) => /<span[^>]*>(\d+)<\/span>$/.exec(bar(html, severity))?.[1];
    expect(count("critical")).toBe("1");
    expect(count("high")).toBe("300");
    expect(count("medium")).toBe("3");
    expect(count("low")).toBe("0");
  });

  it("draws a count of 1 beside 300 no narrower than 4 px, on one scale", () => {
    expect(bar(html, "critical")).toContain("width:max(4px, calc((100% - 2.75rem) * 0.0033333333333333335))");
    expect(bar(html, "high")).toContain("calc((100% - 2.75rem) * 0.8333333333333334)");
    expect(bar(html, "high")).toContain("calc((100% - 2.75rem) * 0.16666666666666666)");
  });

  it("draws nothing for zero, and keeps muted and unjudged out of the bar", () => {
    expect(bar(html, "low")).not.toContain("<div");
    expect(bar(html, "info")).not.toContain("<div");
    expect(html).toContain("· 2 muted");
    expect(html).toContain("· ? 4 not judged");
  });
});
