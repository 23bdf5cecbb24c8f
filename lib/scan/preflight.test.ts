import { describe, expect, it } from "vitest";
import type { AccessCheck } from "@/lib/aws/preflight";
import { createServerAccessCache, GOOD_FOR_MS, PROBLEM_FOR_MS, serverAccessOf } from "./preflight";

const READY: AccessCheck = {
  credentials: "found",
  account: { id: "111122223333", arn: "arn:aws:sts::111122223333:assumed-role/Scanner/j•••", partition: "aws" },
  defaultRegion: "eu-west-1",
  enabledRegions: ["eu-west-1", "us-east-1"],
};

describe("serverAccessOf", () => {
  it("offers the enabled Regions when they are known", () => {
    const access = serverAccessOf(READY, new Date("2026-12-01T09:30:00Z"));
    expect(access).toMatchObject({ offeredRegions: ["eu-west-1", "us-east-1"], offeredFrom: "enabled" });
    expect(access.problem).toBeUndefined();
  });

  it("offers the partition's known Regions, and says why, when the enabled ones cannot be listed", () => {
    const access = serverAccessOf(
      {
        ...READY,
        account: { ...READY.account!, partition: "aws-us-gov" },
        enabledRegions: undefined,
        regionsProblem: { code: "regions-unreadable", detail: "insufficient permissions: account:ListRegions" },
      },
      new Date(),
    );
    expect(access).toMatchObject({ offeredRegions: ["us-gov-east-1", "us-gov-west-1"], offeredFrom: "known" });
    expect(access.regionsProblem?.fix).toContain("policy/safekeep-scanner-policy.json");
  });

  it("words a missing credential for a web user: what, and how to fix it, without command-line flags", () => {
    const access = serverAccessOf({ credentials: "missing", problem: { code: "no-credentials" } }, new Date());
    expect(access.problem).toEqual({
      code: "no-credentials",
      message: "The server found no AWS credentials, so it cannot scan.",
      fix: expect.stringContaining("policy/safekeep-scanner-policy.json"),
    });
    expect(`${access.problem?.message} ${access.problem?.fix}`).not.toMatch(/--\w/);
    expect(access.offeredFrom).toBe("known");
  });
});

describe("createServerAccessCache", () => {
  it("keeps a good answer a minute and a problem a few seconds; callers at once share one check", async () => {
    let now = new Date("2026-12-01T09:30:00Z");
    let answer: AccessCheck = READY;
    let checks = 0;
    const cached = createServerAccessCache(
      async () => {
        checks += 1;
        return answer;
      },
      () => now,
    );
    await Promise.all([cached(), cached()]);
    expect(checks).toBe(1);
    now = new Date(now.getTime() + GOOD_FOR_MS - 1);
    await cached();
    expect(checks).toBe(1);
    now = new Date(now.getTime() + 1);
    answer = { credentials: "missing", problem: { code: "no-credentials" } };
    expect((await cached()).credentials).toBe("missing");
    expect(checks).toBe(2);
    now = new Date(now.getTime() + PROBLEM_FOR_MS);
    answer = READY;
    expect((await cached()).credentials).toBe("found");
    expect(checks).toBe(3);
  });
});
