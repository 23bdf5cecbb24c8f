import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const CONTROL = "elasticache.rg-transit-encryption";
/** More than two pages of 50, three in four failing. */
const GROUPS = 120;

beforeEach(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-control-fix-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  await openSnapshotStore(dataDir).put(
    exampleSnapshot("s-fix", "2026-12-02T10:05:00.000Z", (s) => {
      const control = s.controls.find((c) => c.id === CONTROL)!;
      control.results = Array.from({ length: GROUPS }, (_, i) => {
        const name = `cache-${String(i).padStart(3, "0")}`;
        const status = i % 4 === 0 ? ("pass" as const) : ("fail" as const);
        return {
          resourceArn: `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:${name}`,
          resourceType: "Replication group",
          region: "us-east-1",
          status,
          name,
          reason: `${name}: in-transit encryption is ${status === "pass" ? "on" : "off"}.`,
          evidence: { transitEncryptionEnabled: status === "pass", engine: "redis", engineVersion: "7.1.0" },
        };
      });
    }),
  );
});

describe("control page: the Fix section", () => {
  it("shows the control's fix once, and a filled Fix… for each failing row of this page only", async () => {
    const { default: ControlPage } = await import("./page");
    const html = renderToStaticMarkup(
      await ControlPage({
        params: Promise.resolve({ service: "elasticache", control: CONTROL }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(html).toContain("Can be fixed in place.");
    expect(html.match(/--replication-group-id REPLICATION_GROUP_ID/g)).toHaveLength(2);
    // The first page holds 50 failing rows (worst first): one Fix… each, filled with its own id.
    expect(html.match(/<details/g)).toHaveLength(50);
    expect(html).toContain("--region us-east-1 --replication-group-id cache-001");
    // Rows of later pages are nowhere in this one.
    expect(html).not.toContain("cache-119");
  });
});
