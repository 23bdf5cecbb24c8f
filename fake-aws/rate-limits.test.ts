/**
 * The fake endpoint's per-API rate limits: token buckets per action and Region, most specific key
 * first, refused requests answered with the service's throttling error.
 */
import { ConnectClient, ListInstancesCommand } from "@aws-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isThrottlingError } from "@/lib/aws/errors";
import { demoInventory } from "@/lib/demo/inventory";
import { createRateLimiter, rateLimitFor } from "./faults";
import { startFakeAws, type FakeAws } from "./server";

describe("rateLimitFor", () => {
  const limits = { "connect:*": { rate: 2, burst: 5 }, "connect:ListInstances": 10, "*": 100 };

  it("prefers the exact action, then the service wildcard, then *", () => {
    expect(rateLimitFor(limits, "connect:ListInstances")).toEqual({ rate: 10 });
    expect(rateLimitFor(limits, "connect:DescribeInstance")).toEqual({ rate: 2, burst: 5 });
    expect(rateLimitFor(limits, "iam:GetAccountSummary")).toEqual({ rate: 100 });
    expect(rateLimitFor({}, "iam:GetAccountSummary")).toBeUndefined();
  });

  it("treats a rate of zero as no limit rather than a closed door", () => {
    expect(rateLimitFor({ "connect:*": 0 }, "connect:ListInstances")).toBeUndefined();
  });
});

describe("createRateLimiter", () => {
  it("admits a burst, then refills at the rate", () => {
    let now = 0;
    const limiter = createRateLimiter({ "connect:*": { rate: 2, burst: 3 } }, () => now);
    const admitted = () => limiter.admit("connect:ListInstances", "us-east-1");
    expect([admitted(), admitted(), admitted(), admitted()]).toEqual([true, true, true, false]);
    now = 499; // 0.998 tokens: not yet
    expect(admitted()).toBe(false);
    now = 500;
    expect(admitted()).toBe(true);
    expect(limiter.throttled()).toEqual({ "connect:ListInstances": 2 });
  });

  it("keeps one bucket per action and per Region", () => {
    const limiter = createRateLimiter({ "connect:*": 1 }, () => 0);
    expect(limiter.admit("connect:ListInstances", "us-east-1")).toBe(true);
    expect(limiter.admit("connect:ListInstances", "us-east-1")).toBe(false);
    expect(limiter.admit("connect:DescribeInstance", "us-east-1")).toBe(true);
    expect(limiter.admit("connect:ListInstances", "eu-west-2")).toBe(true);
  });

  it("never limits an action no key matches", () => {
    const limiter = createRateLimiter({ "connect:*": 1 }, () => 0);
    for (let i = 0; i < 50; i++) expect(limiter.admit("iam:GetAccountSummary", "us-east-1")).toBe(true);
  });
});

describe("a fake endpoint with rate limits", () => {
  let fake: FakeAws;

  beforeAll(async () => {
    fake = await startFakeAws({
      inventory: { ...demoInventory, errors: [] },
      rateLimits: { "connect:ListInstances": { rate: 0.5, burst: 2 } },
    });
  });
  afterAll(() => fake.close());

  it("answers calls beyond the bucket with the service's throttling error, and counts them", async () => {
    const client = new ConnectClient({
      region: "us-east-1",
      endpoint: fake.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(
        await client.send(new ListInstancesCommand({})).then(
          () => "ok",
          (error: unknown) => error,
        ),
      );
    }
    expect(outcomes.slice(0, 2)).toEqual(["ok", "ok"]);
    expect(isThrottlingError(outcomes[2])).toBe(true);
    expect(fake.counts()["connect:ListInstances"]).toBe(3);
    expect(fake.throttled()).toEqual({ "connect:ListInstances": 1 });

    // Another Region has its own bucket; a reset refills every bucket.
    const other = new ConnectClient({
      region: "eu-west-2",
      endpoint: fake.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    await expect(other.send(new ListInstancesCommand({}))).resolves.toBeDefined();
    fake.reset();
    await expect(client.send(new ListInstancesCommand({}))).resolves.toBeDefined();
    expect(fake.throttled()).toEqual({});
  });
});
