import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const CONTROL = "elasticache.rg-transit-encryption";
const PATH = `/services/elasticache/controls/${CONTROL}`;
/** Replication groups of the control: more than two pages of 50. */
const GROUPS = 120;

beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-control-page-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(
    exampleSnapshot("s-large", "2026-12-02T10:05:00.000Z", (s) => {
      const control = s.controls.find((c) => c.id === CONTROL)!;
      control.results = Array.from({ length: GROUPS }, (_, i) => {
        const name = `cache-${String(i).padStart(3, "0")}`;
        const region = i % 3 === 0 ? "eu-west-1" : "us-east-1";
        const status = i % 4 === 0 ? ("pass" as const) : ("fail" as const);
        return {
          resourceArn: `arn:aws:elasticache:${region}:${ACCOUNT}:replicationgroup:${name}`,
          resourceType: "Replication group",
          region,
          status,
          name,
          reason: `${name}: in-transit encryption is ${status === "pass" ? "on" : "off"}.`,
          evidence: { transitEncryptionEnabled: status === "pass", transitEncryptionMode: `mode-of-${name}` },
        };
      });
    }),
  );
});

async function render(query: Record<string, string>): Promise<string> {
  const { default: ControlPage } = await import("./page");
  const element = await ControlPage({
    params: Promise.resolve({ service: "elasticache", control: CONTROL }),
    searchParams: Promise.resolve(query),
  });
  return renderToStaticMarkup(element);
}

/** The resources listed, in order (each row's evidence button names its resource). */
function rows(html: string): string[] {
  return [...html.matchAll(/evidence for (cache-\d{3})/g)].map((m) => m[1]!);
}

function link(html: string, text: string): string | undefined {
  const match = new RegExp(`href="([^"]+)"[^>]*>${text}`).exec(html);
  return match?.[1]?.replaceAll("&amp;", "&");
}

function query(href: string): Record<string, string> {
  return Object.fromEntries(new URL(href, "http://localhost").searchParams);
}

describe("control page: one page of results from the findings query", () => {
  it("lists the first page only, failing first, with the total and a link to the next page", async () => {
    const html = await render({});
    const listed = rows(html);
    expect(listed).toHaveLength(50);
    expect(html).toContain(`${GROUPS} of ${GROUPS} resources match · 50 on this page`);
    // Worst first: every failing resource (90) comes before the passing ones.
    expect(listed.every((name) => Number(name.slice(-3)) % 4 !== 0)).toBe(true);
    // A resource that is not on this page is nowhere in it.
    expect(html).not.toContain("cache-000");
    // The type comes from the record's results of the page's rows (the control's own says "Resource").
    expect(html).toContain("Replication group");
    expect(link(html, "First page")).toBeUndefined();
    expect(link(html, "Next page")).toMatch(new RegExp(`^${PATH}\\?cursor=`));
  });

  it("pages on by cursor through every resource once, and links back to the first page", async () => {
    const seen: string[] = [];
    let next: Record<string, string> | undefined = {};
    let pages = 0;
    while (next) {
      const html = await render(next);
      seen.push(...rows(html));
      pages += 1;
      if (pages > 1) expect(link(html, "First page")).toBe(PATH);
      const href = link(html, "Next page");
      next = href ? query(href) : undefined;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(GROUPS);
    expect(seen).toHaveLength(GROUPS);
  });

  it("filters by status, Region and text from the address, and keeps the filters in the next page's link", async () => {
    const failing = await render({ status: "fail", region: "us-east-1" });
    // 120 groups: 80 in us-east-1, of which every fourth index passes.
    const expected = Array.from({ length: GROUPS }, (_, i) => i).filter((i) => i % 3 !== 0 && i % 4 !== 0).length;
    expect(failing).toContain(`${expected} of ${GROUPS} resources match`);
    expect(query(link(failing, "Next page")!)).toMatchObject({ status: "fail", region: "us-east-1" });

    const one = await render({ q: "cache-042" });
    expect(rows(one)).toEqual(["cache-042"]);
    expect(one).toContain(`1 of ${GROUPS} resources match`);
    expect(link(one, "Next page")).toBeUndefined();
  });

  it("keeps the snapshot pinned in the address in the form and the page links", async () => {
    const html = await render({ snapshot: "s-large" });
    expect(html).toContain('<input type="hidden" name="snapshot" value="s-large"/>');
    expect(query(link(html, "Next page")!)).toMatchObject({ snapshot: "s-large" });
  });

  it("says what is wrong with a bad parameter instead of failing the page", async () => {
    for (const [params, message] of [
      [{ service: "iam" }, "service: not a filter of this page"],
      [{ status: "broken" }, "status: "],
      [{ cursor: "not-a-cursor" }, "cursor: not a cursor this API gave"],
    ] as const) {
      const html = await render(params);
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      expect(rows(html)).toEqual([]);
      // The control itself is still shown.
      expect(html).toContain("How this is checked");
    }
  });
});
