import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseFindingsQuery } from "@/lib/snapshot/findings-query";
import type { FindingGroups, GroupBy } from "@/lib/snapshot/findings-groups";
import { GroupList, groupHref } from "./group-list";

const ARN = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:sessions-prod";

describe("groupHref", () => {
  it.each<[string, string, GroupBy, string | null, string | undefined]>([
    // [the view's query, what, grouping, group key, the link]
    [
      "group=control&status=fail&cursor=abc",
      "a control",
      { kind: "control" },
      "iam.root-mfa",
      "/findings?status=fail&control=iam.root-mfa",
    ],
    [
      "group=region&region=eu-west-1,us-east-1",
      "one Region of the list",
      { kind: "region" },
      "us-east-1",
      "/findings?region=us-east-1",
    ],
    ["group=account", "an account", { kind: "account" }, "123456789012", "/findings?account=123456789012"],
    [
      "group=service&sort=-firstSeen",
      "a service",
      { kind: "service" },
      "cognito",
      "/findings?sort=-firstSeen&service=cognito",
    ],
    ["group=severity", "a severity", { kind: "severity" }, "critical", "/findings?severity=critical"],
    ["group=resource", "a resource, by its ARN", { kind: "resource" }, ARN, `/findings?q=${encodeURIComponent(ARN)}`],
    ["group=resource&q=prod", "a resource under a search", { kind: "resource" }, ARN, undefined],
    ["group=owner&owner=payments,growth", "an owner", { kind: "owner" }, "payments", "/findings?owner=payments"],
    ["group=owner", "no owner", { kind: "owner" }, null, "/findings?owner=-"],
    ["group=owner", "an empty owner value", { kind: "owner" }, "", "/findings?tag=team%3A"],
    ["group=owner&tag=env", "an empty owner value under a tag filter", { kind: "owner" }, "", undefined],
    [
      "group=tag%3Ateam",
      "the owner key as a tag",
      { kind: "tag", tagKey: "team" },
      "payments",
      "/findings?owner=payments",
    ],
    ["group=tag%3Aenv", "a tag value", { kind: "tag", tagKey: "env" }, "prod", "/findings?tag=env%3Aprod"],
    ["group=tag%3Aenv&tag=team", "a tag value under a tag filter", { kind: "tag", tagKey: "env" }, "prod", undefined],
    ["group=tag%3Aenv", "no such tag", { kind: "tag", tagKey: "env" }, null, undefined],
  ])("%s, %s → %s", (query, _what, by, key, href) => {
    expect(groupHref(new URLSearchParams(query), by, { key }, "team")).toBe(href);
  });

  it("searches a very long ARN by its last 200 characters, which the search still finds it by", () => {
    const long = `arn:aws:iam::123456789012:role/${"deep/".repeat(60)}app`;
    const href = groupHref(new URLSearchParams(), { kind: "resource" }, { key: long }, "owner")!;
    const q = new URL(href, "http://127.0.0.1").searchParams.get("q")!;
    expect(q).toHaveLength(200);
    expect(long.endsWith(q)).toBe(true);
    expect(parseFindingsQuery(new URL(href, "http://127.0.0.1").searchParams).ok).toBe(true);
  });
});

describe("GroupList", () => {
  const groups: FindingGroups = {
    groups: [
      { key: null, label: "(no owner tag)", count: 12, worst: "critical", fail: 9, warn: 2, error: 1 },
      { key: "payments", label: "payments", count: 3, worst: "high", fail: 3, warn: 0, error: 0, muted: 2 },
    ],
    total: 15,
    more: false,
  };
  const html = renderToStaticMarkup(
    <GroupList
      groups={groups}
      by={{ kind: "owner" }}
      params={new URLSearchParams("group=owner&status=fail")}
      ownerKey="owner"
    />,
  );

  it("says what is counted and links each group to its rows, and the list back without the grouping", () => {
    expect(html).toContain("15 findings in 2 groups by owner (tag owner)");
    expect(html).toContain('href="/findings?status=fail&amp;owner=-"');
    expect(html).toContain('href="/findings?status=fail&amp;owner=payments"');
    expect(html).toContain('href="/findings?status=fail">List the findings');
    expect(html).toContain("2 muted");
    expect(html).toContain("Critical");
  });

  it("says when groups were left out", () => {
    const many = renderToStaticMarkup(
      <GroupList
        groups={{ ...groups, more: true }}
        by={{ kind: "control" }}
        params={new URLSearchParams()}
        ownerKey="owner"
      />,
    );
    expect(many).toContain("in more than 2 groups by control");
    expect(many).toContain("the first 2 shown");
  });
});
