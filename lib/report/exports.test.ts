import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { CONTROL_COLUMNS, controlRows, RESULT_COLUMNS, resultRows, toCsv } from "./csv";
import { toOcsfEvents } from "./ocsf";
import { displayName, formatTags, matchesQuery, resourceId } from "./resource-label";

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
        [r.resourceName, r.resourceArn, r.reason, r.region, r.resourceType, r.tags]
          .join(" ")
          .toLowerCase()
          .includes("eu-west-1"),
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

describe("resources by name in the CSV export", () => {
  const snapshot = demoSnapshot();

  it("puts the resource name before the ARN and the tags as key=value pairs", () => {
    const header = toCsv([], RESULT_COLUMNS).trim().split(",");
    expect(header.indexOf("resourceName")).toBe(header.indexOf("resourceArn") - 1);
    expect(header).toContain("tags");
    const rows = parse(toCsv(resultRows(snapshot, { control: "cognito.user-pool-mfa" }), RESULT_COLUMNS), {
      columns: true,
    }) as Record<string, string>[];
    const pool = rows.find((r) => r.resourceName === "northwind-customers");
    expect(pool).toMatchObject({
      resourceArn: expect.stringMatching(/:userpool\/us-east-1_[A-Za-z0-9]+$/),
      tags: "team=identity; data-classification=customer-pii",
    });
  });

  it("finds a resource by its name when its ARN holds only an opaque id", () => {
    const rows = resultRows(snapshot, { control: "cognito.app-client-password-auth", query: "Storefront-Web" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.resourceName.toLowerCase().includes("storefront-web"))).toBe(true);
    expect(rows.some((r) => !r.resourceArn.includes("storefront-web"))).toBe(true);
  });

  it("finds resources by a tag value", () => {
    const rows = resultRows(snapshot, { query: "customer-pii" });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tags.includes("customer-pii"))).toBe(true);
  });
});

describe("resource labels", () => {
  const result = {
    resourceArn: "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Xk82mPqR3",
    resourceType: "User pool",
    region: "us-east-1",
    reason: "MFA is off.",
  };

  it.each([
    ["the name when known", { name: "northwind-customers" }, "northwind-customers"],
    ["the id when no name is known", {}, "us-east-1_Xk82mPqR3"],
    ["the id when the name is blank", { name: " " }, "us-east-1_Xk82mPqR3"],
  ])("shows %s", (_case, extra, shown) => {
    expect(displayName({ ...result, ...extra })).toBe(shown);
  });

  it.each([
    ["arn:aws:elasticache:us-east-1:111122223333:replicationgroup:orders-prod", "orders-prod"],
    ["arn:aws:iam::111122223333:user/division/alice", "alice"],
    ["arn:aws:s3:::northwind-recordings", "northwind-recordings"],
  ])("the id of %s is %s", (arn, id) => {
    expect(resourceId(arn)).toBe(id);
  });

  it("writes tags as key=value pairs, nothing when there are none", () => {
    expect(
      formatTags([
        { key: "team", value: "identity" },
        { key: "env", value: "" },
      ]),
    ).toBe("team=identity; env=");
    expect(formatTags(undefined)).toBe("");
  });

  it.each([
    ["name", "NORTHWIND", true],
    ["ARN id", "xk82mpqr3", true],
    ["tag value", "payments", true],
    ["tag key", "cost-center", true],
    ["tag pair", "team=payments", true],
    ["reason", "mfa is", true],
    ["empty query", "", true],
    ["nothing it shows", "eu-west-1", false],
  ])("matches a query on the %s: %s", (_field, query, matches) => {
    const named = {
      ...result,
      name: "northwind-customers",
      tags: [
        { key: "team", value: "payments" },
        { key: "cost-center", value: "cx-4410" },
      ],
    };
    expect(matchesQuery(named, query)).toBe(matches);
  });
});

describe("OCSF export", () => {
  it("emits one Compliance Finding per open result (fail, warn or error), none for passes without history", () => {
    const snapshot = demoSnapshot();
    const events = toOcsfEvents(snapshot);
    const open = snapshot.controls
      .flatMap((c) => c.results)
      .filter((r) => ["fail", "warn", "error"].includes(r.status));
    expect(events).toHaveLength(open.length);
    const failing = events.find((e) => e.compliance.status === "Fail")!;
    expect(failing).toMatchObject({
      class_uid: 2003,
      category_uid: 2,
      type_uid: 200301,
      metadata: { version: "1.3.0" },
    });
    expect(failing.compliance.status_id).toBe(3);
    expect(failing.cloud.account.uid).toBe(snapshot.account.id);
    // Stable across snapshots: the finding's id, never one that embeds the snapshot's.
    const ids = new Set(snapshot.controls.flatMap((c) => c.results.map((r) => r.findingId)));
    expect(ids.has(failing.finding_info.uid)).toBe(true);
    expect(failing.resources[0]?.uid).toMatch(/^arn:/);
  });

  it("gives each resource its name and its tags as OCSF 1.3 labels", () => {
    const events = toOcsfEvents(demoSnapshot());
    const pool = events
      .filter((e) => e.compliance.control === "cognito.user-pool-mfa")
      .map((e) => e.resources[0])
      .find((r) => r?.name === "northwind-customers");
    expect(pool?.uid).toMatch(/:userpool\/us-east-1_/);
    expect(pool?.labels).toEqual(["team:identity", "data-classification:customer-pii"]);
    // Every resource is named; untagged ones carry no empty label list.
    expect(events.every((e) => (e.resources[0]?.name ?? "") !== "")).toBe(true);
    expect(events.some((e) => e.resources[0]?.labels === undefined)).toBe(true);
  });
});
