import { ConnectClient, ListInstancesCommand } from "@aws-sdk/client-connect";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createPacer, paceClient, PACING_GUARD_MS, type Pacer, type PacingClock } from "./pacing";
import { PACED_SERVICES, quotaBuckets } from "./quotas";

/**
 * A clock that stands still unless a test moves it; every wait asked for is recorded as the time
 * until the call's token is due (the guard every wait carries is checked on its own below).
 */
function fakeClock() {
  let time = 0;
  const waits: number[] = [];
  const slept: number[] = [];
  const clock: PacingClock = {
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      waits.push(ms - PACING_GUARD_MS);
    },
  };
  return { clock, waits, slept, advance: (ms: number) => (time += ms) };
}

async function callMany(
  pacer: Pacer,
  count: number,
  region: string,
  service: string,
  operation: string,
  input?: object,
) {
  for (let i = 0; i < count; i += 1) await pacer.acquire(region, service, operation, input);
}

describe("createPacer: Amazon Connect, 2 per second with a burst of 5, per API", () => {
  it("lets the burst through, then spaces the n-th call (n − 5) / 2 seconds after the first", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 12, "us-east-1", "connect", "ListInstanceStorageConfigs");
    // Calls 6..12 wait 0.5 s, 1 s, … 3.5 s: N calls take at least (N − 5) / 2 s.
    expect(waits).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500]);
    expect(Math.max(...waits)).toBe(((12 - 5) / 2) * 1000);
  });

  it("sends a call that had to wait a little after its token is due, without the guard adding up", async () => {
    const { clock, slept } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 8, "us-east-1", "connect", "ListInstanceStorageConfigs");
    expect(slept).toEqual([500 + PACING_GUARD_MS, 1000 + PACING_GUARD_MS, 1500 + PACING_GUARD_MS]);
  });

  it("gives each API its own bucket, so different APIs never wait on each other", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    for (const operation of [
      "DescribeInstance",
      "ListApprovedOrigins",
      "ListSecurityProfiles",
      "ListIntegrationAssociations",
    ]) {
      await callMany(pacer, 5, "us-east-1", "connect", operation);
    }
    expect(waits).toEqual([]);
  });

  it("keeps one bucket per Region", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 5, "us-east-1", "connect", "ListInstances");
    await callMany(pacer, 5, "eu-west-1", "connect", "ListInstances");
    expect(waits).toEqual([]);
    await pacer.acquire("eu-west-1", "connect", "ListInstances");
    expect(waits).toEqual([500]);
  });

  it("refills at the rate as time passes", async () => {
    const { clock, waits, advance } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 5, "us-east-1", "connect", "ListInstances");
    advance(1000);
    await callMany(pacer, 2, "us-east-1", "connect", "ListInstances");
    expect(waits).toEqual([]);
    await pacer.acquire("us-east-1", "connect", "ListInstances");
    expect(waits).toEqual([500]);
  });
});

describe("createPacer: Amazon Cognito user pools by category", () => {
  it("shares one UserPoolRead bucket (15/s) between DescribeUserPool, GetUserPoolMfaConfig and ListUserPools", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 7, "us-east-1", "cognito-idp", "DescribeUserPool", { UserPoolId: "us-east-1_a" });
    await callMany(pacer, 7, "us-east-1", "cognito-idp", "GetUserPoolMfaConfig", { UserPoolId: "us-east-1_b" });
    await pacer.acquire("us-east-1", "cognito-idp", "ListUserPools", { MaxResults: 60 });
    expect(waits).toEqual([]);
    await pacer.acquire("us-east-1", "cognito-idp", "DescribeUserPool", { UserPoolId: "us-east-1_c" });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeCloseTo(1000 / 15);
  });

  it("holds a client-read operation to 5 per second for one pool, while other pools go on", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 5, "us-east-1", "cognito-idp", "DescribeUserPoolClient", { UserPoolId: "us-east-1_a" });
    await callMany(pacer, 5, "us-east-1", "cognito-idp", "DescribeUserPoolClient", { UserPoolId: "us-east-1_b" });
    expect(waits).toEqual([]);
    await pacer.acquire("us-east-1", "cognito-idp", "DescribeUserPoolClient", { UserPoolId: "us-east-1_a" });
    expect(waits).toEqual([200]);
  });

  it("names the categories of every user pool call Safekeep makes", () => {
    const category = (operation: string) => quotaBuckets("cognito-idp", operation)[0]?.bucket;
    expect(["ListUserPools", "DescribeUserPool", "GetUserPoolMfaConfig"].map(category)).toEqual([
      "UserPoolRead",
      "UserPoolRead",
      "UserPoolRead",
    ]);
    expect(["ListUserPoolClients", "DescribeUserPoolClient"].map(category)).toEqual([
      "UserPoolClientRead",
      "UserPoolClientRead",
    ]);
    expect(["DescribeRiskConfiguration", "GetLogDeliveryConfiguration", "ListTagsForResource"].map(category)).toEqual([
      "UserPoolResourceRead",
      "UserPoolResourceRead",
      "UserPoolResourceRead",
    ]);
  });
});

describe("PACED_SERVICES", () => {
  it("names every IAM prefix that has a quota, and only those", () => {
    const policy = JSON.parse(
      readFileSync(new URL("../../policy/safekeep-scanner-policy.json", import.meta.url), "utf8"),
    );
    const actions: string[] = policy.Statement.flatMap((statement: { Action: string[] }) => statement.Action);
    const paced = new Set(
      actions
        .filter((action) => quotaBuckets(action.split(":")[0] ?? "", action.split(":")[1] ?? "").length > 0)
        .map((action) => action.split(":")[0]),
    );
    expect([...paced].sort()).toEqual([...PACED_SERVICES].sort());
  });
});

describe("createPacer: other services and modes", () => {
  it("paces CloudTrail LookupEvents at 2 per second per Region, and nothing else of CloudTrail", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 4, "us-east-1", "cloudtrail", "LookupEvents");
    await callMany(pacer, 20, "us-east-1", "cloudtrail", "GetTrailStatus");
    expect(waits).toEqual([500, 1000]);
  });

  it("does not pace services without a published quota", async () => {
    const { clock, waits } = fakeClock();
    const pacer = createPacer("on", clock);
    await callMany(pacer, 50, "us-east-1", "iam", "GetRole");
    await callMany(pacer, 50, "us-east-1", "cognito-identity", "DescribeIdentityPool");
    expect(waits).toEqual([]);
  });

  it("scales every rate by a number, and never waits when off", async () => {
    const scaled = fakeClock();
    await callMany(createPacer(10, scaled.clock), 7, "us-east-1", "connect", "ListInstances");
    expect(scaled.waits).toEqual([50, 100]);

    const off = fakeClock();
    await callMany(createPacer("off", off.clock), 100, "us-east-1", "connect", "ListInstances");
    expect(off.waits).toEqual([]);
    expect(() => createPacer(0)).toThrow(/positive/);
  });

  it("gives every scan its own buckets", async () => {
    const { clock, waits } = fakeClock();
    const first = createPacer("on", clock);
    const second = createPacer("on", clock);
    await callMany(first, 5, "us-east-1", "connect", "ListInstances");
    await callMany(second, 5, "us-east-1", "connect", "ListInstances");
    expect(waits).toEqual([]);
  });
});

describe("paceClient", () => {
  /** A Connect endpoint that throttles the first `throttled` attempts, then answers an empty list. */
  function fakeEndpoint(throttled: number) {
    let attempts = 0;
    return {
      attempts: () => attempts,
      handle: async () => {
        attempts += 1;
        const throttle = attempts <= throttled;
        return {
          response: {
            statusCode: throttle ? 429 : 200,
            headers: throttle
              ? { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException" }
              : { "content-type": "application/json" },
            body: Readable.from([Buffer.from(throttle ? '{"Message":"Rate exceeded"}' : '{"InstanceSummaryList":[]}')]),
          },
        };
      },
    };
  }

  it("paces every attempt of a command, retries included, under its operation's name", async () => {
    const endpoint = fakeEndpoint(1);
    const client = new ConnectClient({
      region: "eu-west-2",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
      requestHandler: endpoint,
      maxAttempts: 2,
    });
    const asked: string[] = [];
    paceClient(
      client,
      { acquire: async (region, service, operation) => void asked.push(`${region} ${service}:${operation}`) },
      "connect",
      "eu-west-2",
    );
    paceClient(
      client,
      { acquire: async (region, service, operation) => void asked.push(`${region} ${service}:${operation}`) },
      "connect",
      "eu-west-2",
    );

    await client.send(new ListInstancesCommand({ MaxResults: 10 }));
    expect(endpoint.attempts()).toBe(2);
    // Once per attempt (added twice, kept once).
    expect(asked).toEqual(Array(2).fill("eu-west-2 connect:ListInstances"));
    client.destroy();
  });
});
