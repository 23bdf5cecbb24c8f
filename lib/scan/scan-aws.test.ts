import {
  DescribeCacheClustersCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeSnapshotsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CannotStartError, ScanCancelledError } from "./errors";
import { scanAws } from "./scan-aws";

const sts = mockClient(STSClient);
const elasticache = mockClient(ElastiCacheClient);

beforeEach(() => {
  sts.on(GetCallerIdentityCommand).resolves({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:user/scanner" });
  elasticache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [] });
  elasticache.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [] });
  elasticache.on(DescribeServerlessCachesCommand).resolves({ ServerlessCaches: [] });
  elasticache.on(DescribeUserGroupsCommand).resolves({ UserGroups: [] });
  elasticache.on(DescribeUsersCommand).resolves({ Users: [] });
  elasticache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  elasticache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: [] });
});
afterEach(() => {
  vi.unstubAllEnvs();
  sts.reset();
  elasticache.reset();
});

const clock = () => new Date("2026-11-24T10:00:00Z");

describe("scanAws", () => {
  it("scans each region asked for, and only the services asked for", async () => {
    const inventory = await scanAws({
      regions: ["us-east-1", "eu-west-1"],
      services: ["elasticache"],
      now: clock,
    });
    expect(inventory).toMatchObject({
      source: "aws",
      account: { id: "111122223333", partition: "aws" },
      regions: ["us-east-1", "eu-west-1"],
      services: ["elasticache"],
      errors: [],
      skippedRegions: [],
    });
    expect(inventory.elasticache?.regions.map((r) => r.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 2);
  });

  it("keeps a Region that rejects the credentials as an error (never skipped), like any other failure", async () => {
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as ElastiCacheClient).config.region();
      if (region === "me-south-1") {
        throw Object.assign(new Error("The security token included in the request is invalid."), {
          name: "UnrecognizedClientException",
          $metadata: { httpStatusCode: 400 },
        });
      }
      throw Object.assign(new Error("User: x is not authorized to perform: elasticache:DescribeReplicationGroups"), {
        name: "AccessDeniedException",
        $metadata: { httpStatusCode: 403 },
      });
    });
    const inventory = await scanAws({ regions: ["us-east-1", "me-south-1"], services: ["elasticache"], now: clock });
    expect(inventory.skippedRegions).toEqual([]);
    expect(inventory.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          region: "us-east-1",
          kind: "access-denied",
          action: "elasticache:DescribeReplicationGroups",
        }),
        expect.objectContaining({ region: "me-south-1", kind: "credentials-rejected" }),
      ]),
    );
    expect(inventory.elasticache?.regions.map((r) => r.region).sort()).toEqual(["me-south-1", "us-east-1"]);
  });

  it("skips a Region where the service has no endpoint", async () => {
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(async (_input, getClient) => {
      const region = await (getClient() as ElastiCacheClient).config.region();
      if (region === "me-south-1") {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND elasticache.me-south-1.amazonaws.com"), {
          code: "ENOTFOUND",
        });
      }
      return { ReplicationGroups: [] };
    });
    const inventory = await scanAws({ regions: ["us-east-1", "me-south-1"], services: ["elasticache"], now: clock });
    expect(inventory.skippedRegions).toEqual([
      expect.objectContaining({ region: "me-south-1", service: "elasticache" }),
    ]);
    expect(inventory.elasticache?.regions.map((r) => r.region)).toEqual(["us-east-1"]);
  });

  it("cannot start without usable credentials", async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" }));
    await expect(scanAws({ regions: ["us-east-1"], services: ["elasticache"] })).rejects.toBeInstanceOf(
      CannotStartError,
    );
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 0);
  });

  it("cancelled, starts no further step, lets the running ones end, then rejects", async () => {
    const regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2"];
    const cancel = new AbortController();
    const events: string[] = [];
    let inFlight = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    elasticache.on(DescribeReplicationGroupsCommand).callsFake(async () => {
      inFlight += 1;
      // The first Regions are being read when the scan is cancelled; they end afterwards.
      if (inFlight === 1) cancel.abort();
      await held;
      inFlight -= 1;
      return { ReplicationGroups: [] };
    });
    const scan = scanAws({
      regions,
      services: ["elasticache"],
      now: clock,
      signal: cancel.signal,
      onProgress: (e) => events.push(`${e.state} ${e.region}`),
    });
    let ended = false;
    void scan.catch(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Still waiting for the Regions in flight.
    expect(ended).toBe(false);
    release();
    await expect(scan).rejects.toBeInstanceOf(ScanCancelledError);
    expect(inFlight).toBe(0);
    const started = events.filter((e) => e.startsWith("started"));
    // Four Regions at a time were running (REGION_CONCURRENCY); the two waiting never started.
    expect(started).toHaveLength(4);
    expect(events.filter((e) => e.startsWith("finished"))).toHaveLength(4);
    expect(elasticache).toHaveReceivedCommandTimes(DescribeReplicationGroupsCommand, 4);
  });

  it("cannot start with an invalid SAFEKEEP_AWS_* setting, and says which", async () => {
    vi.stubEnv("SAFEKEEP_AWS_MAX_ATTEMPTS", "0");
    const scan = scanAws({ regions: ["us-east-1"], services: ["elasticache"] });
    await expect(scan).rejects.toBeInstanceOf(CannotStartError);
    await expect(scan).rejects.toThrow(/SAFEKEEP_AWS_MAX_ATTEMPTS/);
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 0);
  });
});
