import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { CONTROL_COLUMNS, controlRows, RESULT_COLUMNS, resultRows, toCsv } from "./csv";
import { toOcsfEvents } from "./ocsf";

describe("CSV export", () => {
  const snapshot = demoSnapshot();

  it("writes exactly the filtered rows, with a header, parseable by a CSV reader", () => {
    const control = snapshot.controls.find((c) => c.results.some((r) => r.status === "fail"))!;
    const rows = resultRows(snapshot, { control: control.id, status: "fail" });
    expect(rows.length).toBe(control.results.filter((r) => r.status === "fail").length);
    const parsed = parse(toCsv(rows, RESULT_COLUMNS), { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(rows.length);
    expect(parsed[0]).toMatchObject({ controlId: control.id, status: "fail" });
  });

  it("applies the text search like the page does", () => {
    const all = resultRows(snapshot, {});
    const some = resultRows(snapshot, { query: "EU-WEST-1" });
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length);
    expect(
      some.every((r) =>
        [r.resourceArn, r.reason, r.region, r.resourceType].join(" ").toLowerCase().includes("eu-west-1"),
      ),
    ).toBe(true);
  });

  it("neutralises spreadsheet formulas and quotes commas and newlines", () => {
    const csv = toCsv([{ a: '=HYPERLINK("x")', b: "one, two\nthree" }], ["a", "b"]);
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toEqual({ a: '\'=HYPERLINK("x")', b: "one, two\nthree" });
  });

  it("summarises controls of one service", () => {
    const rows = controlRows(snapshot, { service: "elasticache" });
    expect(rows.every((r) => r.service === "elasticache")).toBe(true);
    expect(toCsv(rows, CONTROL_COLUMNS).split("\n")[0]).toBe(CONTROL_COLUMNS.join(","));
  });
});

describe("OCSF export", () => {
  it("emits one Compliance Finding per resource result", () => {
    const snapshot = demoSnapshot();
    const events = toOcsfEvents(snapshot) as Array<{
      compliance: { status: string; status_id: number };
      cloud: { account: { uid: string } };
      resources: { uid: string }[];
    }>;
    expect(events).toHaveLength(snapshot.controls.reduce((n, c) => n + c.results.length, 0));
    const failing = events.find((e) => e.compliance.status === "Fail")!;
    expect(failing).toMatchObject({
      class_uid: 2003,
      category_uid: 2,
      type_uid: 200301,
      metadata: { version: "1.3.0" },
    });
    expect(failing.compliance.status_id).toBe(3);
    expect(failing.cloud.account.uid).toBe(snapshot.account.id);
    expect(failing.resources[0]?.uid).toMatch(/^arn:/);
  });
});
