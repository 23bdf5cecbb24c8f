import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UtcTime } from "./utc-time";

describe("UtcTime", () => {
  it("renders the UTC text and machine-readable time on the server, without a zone-dependent title", () => {
    const html = renderToString(<UtcTime iso="2026-12-02T10:05:31.000Z" />);
    expect(html).toContain('dateTime="2026-12-02T10:05:31.000Z"');
    expect(html).toContain(">2026-12-02 10:05 UTC<");
    // The title is the reader's local time: set only in the browser, or hydration would disagree.
    expect(html).not.toContain("title=");
  });
});
