import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ScoreRing } from "./score-ring";

function caption(html: string) {
  return /<figcaption[^>]*>(.*)<\/figcaption>/.exec(html)![1]!.replace(/<[^>]+>/g, "");
}

describe("ScoreRing", () => {
  // Fair (amber) and Poor (red) rings look alike with deuteranopia: the word and a symbol tell them apart.
  it.each([
    [95, "✓ Good"],
    [75, "! Fair"],
    [40, "✗ Poor"],
    [null, "— No score"],
  ] as const)("writes the level of %s as a word and a symbol next to the ring", (score, expected) => {
    const html = renderToStaticMarkup(<ScoreRing score={score} label="Overall score" />);
    expect(caption(html)).toContain(expected);
  });

  it("keeps the number inside the ring and the level in its accessible name", () => {
    const html = renderToStaticMarkup(<ScoreRing score={75} label="IAM score" unverified={12} />);
    expect(html).toContain('aria-label="IAM score: 75 out of 100, Fair, 12 % could not be verified"');
    expect(html).toMatch(/<text[^>]*>75<\/text>/);
  });
});
