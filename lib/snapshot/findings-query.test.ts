import { describe, expect, it } from "vitest";
import { ACCOUNT, exampleSnapshot } from "./fixtures";
import {
  compareText,
  decodeCursor,
  DEFAULT_LIMIT,
  encodeCursor,
  findingRowsOf,
  matches,
  parseFindingsQuery,
  queryRowsInMemory,
  scopeFingerprint,
  type FindingsRequest,
  type FindingSort,
} from "./findings-query";

const parse = (query: string) => parseFindingsQuery(new URLSearchParams(query));
function request(query: string): FindingsRequest {
  const parsed = parse(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.request;
}
function problem(query: string): string {
  const parsed = parse(query);
  if (parsed.ok) throw new Error(`${query} was accepted`);
  return parsed.issues.map((i) => `${i.path.map(String).join(".") || "query"}: ${i.message}`).join("; ");
}

describe("parseFindingsQuery", () => {
  it("defaults to the findings a team works, most severe first, 50 a page, every account's newest snapshot", () => {
    expect(request("")).toEqual({
      filters: { statuses: ["fail", "warn", "error"] },
      sort: { key: "severity", reverse: false },
      limit: DEFAULT_LIMIT,
    });
  });

  it("reads comma lists (trimmed, repeats dropped), treats empty values as not given, and reverses with -", () => {
    expect(
      request(
        "status=pass, fail,pass&severity=high&service=iam,cognito&account=123456789012&region=global,eu-west-1" +
          "&control=xc.root-mfa&tag=owner: team a,aws:cloudformation:stack-name&q= Sessions &sort=-firstSeen&limit=500" +
          "&snapshot=20261120T100500Z-ab12&cursor=abc_-9",
      ),
    ).toEqual({
      snapshot: "20261120T100500Z-ab12",
      filters: {
        statuses: ["pass", "fail"],
        severities: ["high"],
        services: ["iam", "cognito"],
        accounts: ["123456789012"],
        regions: ["global", "eu-west-1"],
        controls: ["xc.root-mfa"],
        // Tags are exact: their spaces are theirs.
        tags: ["owner: team a", "aws:cloudformation:stack-name"],
        q: " Sessions ",
      },
      sort: { key: "firstSeen", reverse: true },
      limit: 500,
      cursor: "abc_-9",
    });
    expect(request("status=&severity=,&q=").filters).toEqual({ statuses: ["fail", "warn", "error"] });
  });

  it.each([
    ["status=open", /^status\.0: Invalid option/],
    ["severity=severe", /^severity\.0: /],
    ["service=s3", /^service\.0: /],
    ["account=12345", /^account\.0: must be a 12-digit account id$/],
    ["region=mars-north-1", /^region\.0: must be a Region name or "global"$/],
    ["control=Root MFA", /^control\.0: must be a control id$/],
    ["limit=0", /^limit: must be a whole number from 1 to 500$/],
    ["limit=501", /^limit: must be at most 500$/],
    ["limit=1.5", /^limit: must be a whole number from 1 to 500$/],
    ["limit=ten", /^limit: must be a whole number from 1 to 500$/],
    ["sort=name", /^sort: must be one of severity, status, control, resource, region, account, firstSeen/],
    ["sort=--severity", /^sort: /],
    ["q=a%00b", /^q: must not hold control characters$/],
    [`q=${"x".repeat(201)}`, /^q: at most 200 characters$/],
    ["tag=owner%0Aalice", /^tag\.0: must not hold control characters$/],
    ["cursor=not+base64!", /^cursor: not a cursor this API gave$/],
    ["snapshot=a/b", /^snapshot: must be a snapshot id$/],
    ["page=2", /^query: Unrecognized key: "page"$/],
    ["status=fail&status=pass", /^status: given more than once; give one comma-separated list$/],
  ])("refuses %s, naming the parameter", (query, message) => {
    expect(problem(query)).toMatch(message);
  });

  it("reads owner values exactly (spaces are theirs), with - for no owner tag", () => {
    expect(request("owner=payments, growth ,-,payments").filters).toEqual({
      statuses: ["fail", "warn", "error"],
      owners: ["payments", " growth ", "-"],
    });
    expect(request("owner=").filters.owners).toBeUndefined();
    expect(problem("owner=pay%0Aments")).toBe("owner.0: must not hold control characters");
    expect(problem(`owner=${"v".repeat(257)}`)).toBe("owner.0: too long for a tag value");
    expect(problem("owner=a&owner=b")).toBe("owner: given more than once; give one comma-separated list");
  });

  it("refuses more than 100 values in one list", () => {
    const controls = Array.from({ length: 101 }, (_, i) => `iam.c${i}`).join(",");
    expect(problem(`control=${controls}`)).toBe("control: at most 100 values");
  });
});

describe("cursors", () => {
  const sort: FindingSort = { key: "region", reverse: true };
  const scope = ["snap-b", "snap-a"];
  const after = ["us-east-1", 1, "iam.x", "alice", "f".repeat(32), "snap-a", 7];
  const cursor = encodeCursor({ sort, scope: scopeFingerprint(scope), after });

  it("continues the same sort over the same snapshots, in whatever order they are named", () => {
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, sort, ["snap-a", "snap-b", "snap-a"])).toEqual({ ok: true, after });
  });

  it("refuses another sort or direction (400) and a scope changed by a newer scan (409)", () => {
    expect(decodeCursor(cursor, { key: "region", reverse: false }, scope)).toMatchObject({ ok: false, status: 400 });
    expect(decodeCursor(cursor, { key: "severity", reverse: true }, scope)).toMatchObject({ ok: false, status: 400 });
    expect(decodeCursor(cursor, sort, ["snap-a", "snap-c"])).toMatchObject({ ok: false, status: 409 });
  });

  it.each([
    ["not JSON", Buffer.from("{").toString("base64url")],
    ["another version", Buffer.from(JSON.stringify([2, "region", 1, "x", after])).toString("base64url")],
    ["values of the wrong types", encodeCursor({ sort, scope: scopeFingerprint(scope), after: after.map(String) })],
    ["too few values", encodeCursor({ sort, scope: scopeFingerprint(scope), after: after.slice(1) })],
    [
      "an unknown sort",
      Buffer.from(JSON.stringify([1, "name", 0, scopeFingerprint(scope), after])).toString("base64url"),
    ],
  ])("refuses a cursor with %s", (_, bad) => {
    expect(decodeCursor(bad, sort, scope)).toEqual({
      ok: false,
      status: 400,
      message: "cursor: not a cursor this API gave",
    });
  });
});

describe("compareText", () => {
  it("orders as UTF-8 bytes do (the stores' order), not as UTF-16 code units", () => {
    // U+FF5E (fullwidth tilde) is one UTF-16 unit above the surrogates of U+1F600, yet below it in UTF-8.
    const words = ["a", "B", "x-1", "x0", "é", "\uff5e", "😀", "", "ab", "a\u0000"];
    const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...words].sort(compareText)).toEqual(byBytes);
    expect(["\uff5e", "😀"].sort()).toEqual(["😀", "\uff5e"]);
  });
});

describe("matching and the in-memory answer", () => {
  const snapshot = exampleSnapshot("s1", "2026-11-20T10:05:00.000Z", (s) => {
    const result = s.controls[0]!.results[0]!;
    result.name = "Sessions";
    result.tags = [{ key: "aws:cloudformation:stack-name", value: "pay:prod" }];
  });
  const rows = findingRowsOf(snapshot).map((r) => ({ ...r, firstSeen: null }));
  const [tagged] = rows;

  it("numbers rows in the snapshot's order and keeps what they show", () => {
    expect(rows.map((r) => r.ordinal)).toEqual(rows.map((_, i) => i));
    expect(tagged).toMatchObject({ accountId: ACCOUNT, resourceName: "Sessions", accountName: null, severity: "high" });
  });

  it.each([
    [["aws:cloudformation:stack-name"], true],
    [["aws:cloudformation:stack-name:pay:prod"], true],
    [["aws:cloudformation:stack-name:pay"], false],
    [["aws"], false],
    [["env:prod", "aws:cloudformation:stack-name"], true],
  ])("a tag filter %j matches a key or a whole key:value: %s", (tags, expected) => {
    expect(matches(tagged!, { statuses: ["fail"], tags })).toBe(expected);
  });

  it.each([
    // [tags of the resource, owner key, owner filter, matches]
    [[{ key: "owner", value: "payments" }], undefined, ["payments"], true],
    [[{ key: "owner", value: "payments" }], undefined, ["growth", "payments"], true],
    [[{ key: "owner", value: "payments" }], undefined, ["Payments"], false],
    [[{ key: "owner", value: "payments" }], undefined, ["-"], false],
    [[{ key: "env", value: "prod" }], undefined, ["-"], true],
    [[], undefined, ["payments", "-"], true],
    [[{ key: "owner", value: "payments" }], "team", ["payments"], false],
    [[{ key: "team", value: "payments" }], "team", ["payments"], true],
    [[{ key: "owner", value: "payments" }], "team", ["-"], true],
    // `owner:x` = `y` has the pair "owner:x:y", yet its key is not the owner key.
    [[{ key: "owner:x", value: "y" }], undefined, ["x:y"], false],
    [[{ key: "owner", value: "x:y" }], undefined, ["x:y"], true],
    [[{ key: "owner", value: "" }], undefined, ["-"], false],
  ])("with tags %j and owner key %s, an owner filter %j matches: %s", (tags, ownerKey, owners, expected) => {
    const row = { ...tagged!, tags };
    expect(matches(row, { statuses: ["fail"], owners, ...(ownerKey ? { ownerKey } : {}) })).toBe(expected);
  });

  it("searches with ASCII case folded and LIKE's wildcards taken literally", () => {
    expect(matches(tagged!, { statuses: ["fail"], q: "sESSIONS" })).toBe(true);
    expect(matches(tagged!, { statuses: ["fail"], q: "Sess%" })).toBe(false);
    expect(matches(tagged!, { statuses: ["fail"], q: "S_ssions" })).toBe(false);
  });

  it("pages with a cursor and counts every matching row", () => {
    const query = {
      snapshotIds: ["s1"],
      filters: { statuses: ["fail", "warn"] as const },
      sort: { key: "control", reverse: false } as const,
      limit: 4,
      mutes: [],
    };
    const first = queryRowsInMemory(rows, query);
    const failing = rows.filter((r) => r.status === "fail" || r.status === "warn");
    expect(first.total).toBe(failing.length);
    expect(first.items).toHaveLength(4);
    const next = decodeCursor(first.nextCursor!, query.sort, ["s1"]);
    if (!next.ok) throw new Error(next.message);
    const second = queryRowsInMemory(rows, { ...query, after: next.after, limit: 100 });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.findingId).sort()).toEqual(
      failing.map((r) => r.findingId).sort(),
    );
    expect(queryRowsInMemory(rows, { ...query, snapshotIds: ["other"] })).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });
});
