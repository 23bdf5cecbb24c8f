import { describe, expect, it } from "vitest";
import type { SnapshotControl } from "@/lib/snapshot/schema";
import { controlCounts } from "./control-counts";

type Result = SnapshotControl["results"][number];
const result = (status: Result["status"], muted = false): Result =>
  ({
    resourceArn: `arn:aws:elasticache:us-east-1:111122223333:replicationgroup:rg-${Math.random().toString(36).slice(2)}`,
    resourceType: "Replication group",
    region: "us-east-1",
    status,
    reason: "r",
    evidence: {},
    ...(muted
      ? { mute: { id: "m1", kind: "finding", reason: "accepted", owner: "sec", expiresAt: "2027-01-01T00:00:00.000Z" } }
      : {}),
  }) as Result;
const of = (...statuses: Result[]) => controlCounts({ results: statuses });

describe("controlCounts", () => {
  it.each([
    // A Warning control used to read "0 / 17": warnings are open findings and are counted.
    [[...Array(16).fill(result("pass")), result("warn")], "0 failing · 1 warning / 17"],
    [[result("fail"), result("fail"), result("warn"), result("pass")], "2 failing · 1 warning / 4"],
    [[result("warn"), result("warn"), result("not-applicable")], "0 failing · 2 warnings / 3"],
    [[result("pass"), result("error")], "0 failing / 2"],
    [[result("fail", true), result("fail"), result("pass")], "1 failing · 1 muted / 3"],
    [[], "0 failing / 0"],
  ])("%#: %s", (results, text) => {
    expect(of(...(results as Result[])).text).toBe(text);
  });
});
