import { describe, expect, it } from "vitest";
import { parseFindingsQuery, type FindingsRequest } from "@/lib/snapshot/findings-query";
import {
  findingsHref,
  findingsViewParams,
  hrefWith,
  issuesText,
  paramsOf,
  parseControlView,
  withParams,
} from "./findings-url";

const SCOPE = { snapshotId: "20261202T101500Z-k3x9", controlId: "elasticache.rg-transit-encryption" };
const PATH = "/services/elasticache/controls/elasticache.rg-transit-encryption";

function request(query: string): FindingsRequest {
  const parsed = parseControlView(new URLSearchParams(query), SCOPE);
  if (!parsed.ok) throw new Error(issuesText(parsed.issues));
  return parsed.request;
}

function problem(query: string): string {
  const parsed = parseControlView(new URLSearchParams(query), SCOPE);
  if (parsed.ok) throw new Error(`${query} was accepted`);
  return issuesText(parsed.issues);
}

describe("paramsOf", () => {
  it("keeps every value of a repeated key and drops absent ones", () => {
    expect(paramsOf({ status: ["fail", "warn"], q: "checkout", region: undefined }).toString()).toBe(
      "status=fail&status=warn&q=checkout",
    );
  });
});

describe("withParams and hrefWith", () => {
  it("sets and removes keys, keeping the others and the path", () => {
    const params = new URLSearchParams("snapshot=demo&status=fail&cursor=abc");
    expect(withParams(params, { cursor: undefined }, PATH)).toBe(`${PATH}?snapshot=demo&status=fail`);
    expect(withParams(params, { cursor: "def", q: "" })).toBe("/findings?snapshot=demo&status=fail&cursor=def");
    expect(withParams(new URLSearchParams("cursor=abc"), { cursor: undefined }, PATH)).toBe(PATH);
  });

  it("changes the query of a link a page built", () => {
    expect(hrefWith(`${PATH}?snapshot=demo&account=210987654321`, { status: "fail" })).toBe(
      `${PATH}?snapshot=demo&account=210987654321&status=fail`,
    );
    expect(hrefWith(PATH, { status: "fail" })).toBe(`${PATH}?status=fail`);
  });
});

describe("parseControlView", () => {
  it("reads every status, worst first, over the snapshot shown and the page's control when the address says nothing", () => {
    expect(request("")).toEqual({
      snapshot: SCOPE.snapshotId,
      filters: {
        statuses: ["fail", "warn", "error", "pass", "not-applicable"],
        controls: [SCOPE.controlId],
      },
      sort: { key: "status", reverse: false },
      limit: 50,
    });
  });

  it("leaves the dashboard's snapshot and account to the page: the snapshot shown is the one read", () => {
    const read = request("snapshot=latest&account=210987654321");
    expect(read.snapshot).toBe(SCOPE.snapshotId);
    expect(read.filters.accounts).toBeUndefined();
  });

  it("reads the view's filters, order, page size and cursor as GET /api/findings does", () => {
    const read = request(
      "status=fail,warn&region=us-east-1,eu-west-1&tag=team:payments&q=checkout&muted=false&sort=-resource&limit=20&cursor=abc",
    );
    expect(read).toMatchObject({
      filters: {
        statuses: ["fail", "warn"],
        regions: ["us-east-1", "eu-west-1"],
        tags: ["team:payments"],
        q: "checkout",
        muted: false,
        controls: [SCOPE.controlId],
      },
      sort: { key: "resource", reverse: true },
      limit: 20,
      cursor: "abc",
    });
  });

  it("takes an emptied field (as the form sends it) for no filter", () => {
    expect(request("q=&region=&tag=&muted=&status=&sort=")).toEqual(request(""));
  });

  it("refuses, by name, parameters this page does not read, repeated ones and bad values", () => {
    expect(problem("service=iam")).toMatch(/^service: not a filter of this page/);
    expect(problem("control=iam.root-mfa")).toMatch(/^control: not a filter of this page/);
    expect(problem("status=fail&status=warn")).toMatch(/^status: given more than once/);
    expect(problem("status=broken")).toMatch(/^status: /);
    expect(problem("limit=0")).toMatch(/^limit: /);
    expect(problem("region=mars-north-1")).toMatch(/^region: must be a Region name/);
  });

  it("round trip: the next page's link reads as the same view with the cursor, the first page's without", () => {
    const here = new URLSearchParams("snapshot=demo&status=fail&q=checkout&sort=region");
    const next = new URL(withParams(here, { cursor: "c2" }, PATH), "http://localhost");
    expect(next.pathname).toBe(PATH);
    expect(request(next.searchParams.toString())).toEqual({ ...request(here.toString()), cursor: "c2" });
    const first = new URL(withParams(next.searchParams, { cursor: undefined }, PATH), "http://localhost");
    expect(request(first.searchParams.toString())).toEqual(request(here.toString()));
  });
});

describe("findingsViewParams", () => {
  it("asks /findings (and its exports) for exactly the control page's view, from its first page", () => {
    const here = new URLSearchParams("snapshot=latest&status=&region=eu-west-1&q=carts&sort=-firstSeen&cursor=c2");
    const parsed = parseFindingsQuery(findingsViewParams(here, SCOPE));
    const { cursor: _cursor, ...withoutCursor } = request(here.toString());
    expect(parsed.ok && parsed.request).toEqual(withoutCursor);
  });
});

describe("findingsHref", () => {
  it("keeps the pinned snapshot and the account picked beside the filters", () => {
    expect(findingsHref({ snapshotId: "demo", account: "210987654321" }, { service: "iam" })).toBe(
      "/findings?service=iam&snapshot=demo&account=210987654321",
    );
    expect(findingsHref({}, { service: "cognito", q: undefined })).toBe("/findings?service=cognito");
  });
});
