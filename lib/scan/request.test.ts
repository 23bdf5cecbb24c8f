import { describe, expect, it } from "vitest";
import { crossSiteProblem, scanRequestSchema } from "./request";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/scans", { method: "POST", headers });

describe("scan requests", () => {
  it("defaults to every service and accepts region lists or all", () => {
    expect(scanRequestSchema.parse({}).services).toContain("connect");
    expect(scanRequestSchema.parse({ regions: "all" }).regions).toBe("all");
    expect(scanRequestSchema.parse({ regions: ["eu-west-1"], services: ["iam"] })).toEqual({
      regions: ["eu-west-1"],
      services: ["iam"],
    });
  });

  it.each([
    { regions: ["mars"] },
    { regions: [] },
    { services: ["s3"] },
    { services: [] },
    { extra: 1 },
    { regions: "ALL" },
  ])("refuses %j", (body) => {
    expect(scanRequestSchema.safeParse(body).success).toBe(false);
  });

  it("accepts same-origin JSON and refuses cross-site or form posts", () => {
    expect(
      crossSiteProblem(
        post({ "content-type": "application/json", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }),
      ),
    ).toBeUndefined();
    expect(
      crossSiteProblem(post({ "content-type": "application/x-www-form-urlencoded", host: "127.0.0.1:3000" })),
    ).toMatch(/application\/json/);
    expect(
      crossSiteProblem(
        post({ "content-type": "application/json", host: "127.0.0.1:3000", origin: "https://evil.example" }),
      ),
    ).toMatch(/Cross-origin/);
    expect(crossSiteProblem(post({ "content-type": "application/json", "sec-fetch-site": "cross-site" }))).toMatch(
      /Cross-site/,
    );
    expect(crossSiteProblem(post({ "content-type": "application/json", host: "a", origin: "::nonsense" }))).toMatch(
      /Malformed/,
    );
  });
});
