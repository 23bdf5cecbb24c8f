import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import DashboardNotFound from "./(dashboard)/not-found";
import NotFound from "./not-found";

const mains = (html: string) => html.match(/<main[\s>]/g)?.length ?? 0;

describe("not found pages", () => {
  // Inside the dashboard the layout already renders <main id="main">: a second one nests a duplicate landmark.
  it("inside the dashboard, adds no <main> of its own", () => {
    const html = renderToStaticMarkup(<DashboardNotFound />);
    expect(mains(html)).toBe(0);
    expect(html).toContain("<h1");
    expect(html).toContain('href="/"');
  });

  it("at an address no route matches (root layout only), brings exactly one <main>", () => {
    const html = renderToStaticMarkup(<NotFound />);
    expect(mains(html)).toBe(1);
    expect(html).toContain('<main id="main">');
  });
});
