import { describe, expect, it } from "vitest";
import { findingRowsOf, type FindingItem } from "@/lib/snapshot/findings-query";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import { filterChoices, pageRows, resultsOnPage } from "./results-on-page";

const snapshot = exampleSnapshot("s1", "2026-12-02T10:00:00.000Z");
const control = snapshot.controls.find((c) => c.id === "elasticache.rg-authentication")!;

describe("resultsOnPage", () => {
  it("gives the stored results of the page's rows only, by finding id, with their evidence and type", () => {
    const [first, , third] = control.results;
    const found = resultsOnPage(control, [third!.findingId, first!.findingId]);
    expect([...found.keys()].sort()).toEqual([first!.findingId, third!.findingId].sort());
    expect(found.get(third!.findingId)).toBe(third);
    expect(found.get(first!.findingId)?.resourceType).toBe("Resource");
  });

  it("leaves out ids the control does not hold, and gives nothing for an empty page", () => {
    expect(resultsOnPage(control, ["f".repeat(32)]).size).toBe(0);
    expect(resultsOnPage(control, []).size).toBe(0);
  });

  it("takes the first of two results with one id (a damaged record), as the index numbered it first", () => {
    const [first] = control.results;
    const twice = { results: [first!, { ...first!, reason: "a copy" }] };
    expect(resultsOnPage(twice, [first!.findingId]).get(first!.findingId)?.reason).toBe(first!.reason);
  });
});

/** The findings query's items of the control, as the index gives them (no history, no mute). */
function itemsOf(controlId: string): FindingItem[] {
  return findingRowsOf(snapshot)
    .filter((r) => r.controlId === controlId)
    .map(({ ordinal: _ordinal, ...row }) => ({ ...row, firstSeen: null, mute: null, controlIncomplete: false }));
}

describe("pageRows", () => {
  it("gives each item of the page its stored evidence, type and field, and only what a row shows", () => {
    const urls = snapshot.controls.find((c) => c.id === "xc.credentials-in-urls")!;
    const items = itemsOf(urls.id);
    const rows = pageRows(urls, items);
    expect(rows.map((r) => r.findingId)).toEqual(items.map((i) => i.findingId));
    expect(rows[0]).toEqual({
      findingId: items[0]!.findingId,
      status: "fail",
      resourceArn: urls.results[0]!.resourceArn,
      resourceName: null,
      resourceType: "Resource",
      field: "callbackUrls",
      region: "us-east-1",
      tags: [],
      reason: urls.results[0]!.reason,
      firstSeen: null,
      mute: null,
      evidence: {},
    });
    // The account, control and severity are the page's own: not repeated in every row.
    expect(Object.keys(rows[0]!)).not.toContain("controlTitle");
  });

  it("says a row has no evidence (null) when the record holds no result for it", () => {
    const [item] = itemsOf(control.id);
    const rows = pageRows({ results: [], resourceType: "Replication group" }, [item!]);
    expect(rows[0]).toMatchObject({ evidence: null, resourceType: "Replication group" });
    expect(rows[0]).not.toHaveProperty("field");
  });
});

describe("filterChoices", () => {
  it("counts the control's results per status and lists its Regions once, sorted", () => {
    expect(filterChoices(control)).toEqual({
      counts: { pass: 1, fail: 3, warn: 1, "not-applicable": 0, error: 0 },
      regions: ["ap-southeast-2", "eu-west-1", "us-east-1"],
    });
  });
});
