import { ConnectClient, ListInstancesCommand } from "@aws-sdk/client-connect";
import { KMSClient } from "@aws-sdk/client-kms";
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import type { CollectionError } from "@/lib/inventory";
import {
  CallsStoppedError,
  createCollectScope,
  createRegionCalls,
  createScopedClient,
  distinctErrors,
  MAX_CONCURRENT_CALLS,
  readAllPages,
  regionClients,
  withRegionClients,
} from "./harness";

/** An SDK-style error: what the SDK throws after its own retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

async function* pages<Page>(...answers: Array<Page | Error>): AsyncIterable<Page> {
  for (const answer of answers) {
    if (answer instanceof Error) throw answer;
    yield answer;
  }
}

describe("readAllPages", () => {
  it("reads every page, a page without items counting as none", async () => {
    const items = await readAllPages(
      pages({ Items: ["a", "b"] }, { Items: undefined }, { Items: ["c"] }),
      (p) => p.Items,
    );
    expect(items).toEqual(["a", "b", "c"]);
  });

  it("throws when a later page fails, so no half list is kept", async () => {
    const failing = pages<{ Items?: string[] }>(
      { Items: ["a"] },
      awsError("ThrottlingException", "Rate exceeded", 400),
    );
    await expect(readAllPages(failing, (p) => p.Items)).rejects.toThrow("Rate exceeded");
  });
});

describe("createRegionCalls", () => {
  it(`keeps at most ${MAX_CONCURRENT_CALLS} calls of a Region in flight`, async () => {
    const calls = createRegionCalls({ service: "connect", region: "us-east-1", prefix: "connect" });
    let inFlight = 0;
    let peak = 0;
    const task = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return "done";
    };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => calls.run("ListInstancesCommand", task)));
    expect(peak).toBe(MAX_CONCURRENT_CALLS);
    expect(outcomes.every((outcome) => outcome.ok && outcome.value === "done")).toBe(true);
  });

  it("honours a smaller limit", async () => {
    const calls = createRegionCalls({ service: "connect", region: "us-east-1", prefix: "connect", limit: 1 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 4 }, () =>
        calls.run("ListInstancesCommand", async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight -= 1;
        }),
      ),
    );
    expect(peak).toBe(1);
  });

  it.each([
    [
      "access denied, named by the call's IAM action",
      awsError("AccessDeniedException", "User is not authorized", 403),
      { kind: "access-denied", action: "connect:ListInstances" },
    ],
    [
      "access denied, with the action AWS named in its message",
      awsError("AccessDeniedException", "User: x is not authorized to perform: connect:ListInstances on resource", 403),
      { kind: "access-denied", action: "connect:ListInstances" },
    ],
    ["throttled", awsError("TooManyRequestsException", "Rate exceeded", 429), { kind: "throttled" }],
    [
      "a Region without the service",
      Object.assign(new Error("getaddrinfo ENOTFOUND connect.ap-east-2.amazonaws.com"), { code: "ENOTFOUND" }),
      { kind: "region-unavailable" },
    ],
    [
      "rejected credentials",
      awsError("UnrecognizedClientException", "The security token is invalid", 400),
      { kind: "credentials-rejected" },
    ],
    ["anything else", awsError("InternalServiceException", "boom", 500), { kind: "other" }],
  ])("turns a failure into one classified error: %s", async (_label, thrown, expected) => {
    const calls = createRegionCalls({ service: "connect", region: "eu-west-2", prefix: "connect" });
    const outcome = await calls.run("ListInstancesCommand", () => Promise.reject(thrown));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.raw).toBe(thrown);
    expect(outcome.error).toMatchObject({
      service: "connect",
      region: "eu-west-2",
      action: "connect:ListInstances",
      ...expected,
    });
    expect(outcome.error).not.toHaveProperty("resource");
  });

  it("names the resource a per-resource call was about, and another API's prefix when asked", async () => {
    const calls = createRegionCalls({ service: "cognito", region: "us-east-1", prefix: "cognito-idp" });
    const denied = awsError("AccessDeniedException", "no", 403);
    const outcome = await calls.run("DescribeIdentityPoolCommand", () => Promise.reject(denied), {
      resource: "us-east-1:pool",
      prefix: "cognito-identity",
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { service: "cognito", action: "cognito-identity:DescribeIdentityPool", resource: "us-east-1:pool" },
    });
    // Commands whose action is not `<prefix>:<operation>` keep their mapped name.
    const s3 = createRegionCalls({ service: "account", region: "us-east-1", prefix: "s3" });
    expect(s3.toError("GetBucketEncryptionCommand", denied).action).toBe("s3:GetEncryptionConfiguration");
  });
});

describe("distinctErrors", () => {
  const base: CollectionError = {
    service: "connect",
    region: "us-east-1",
    action: "connect:ListApprovedOrigins",
    kind: "access-denied",
    message: "insufficient permissions: connect:ListApprovedOrigins",
  };

  it("keeps one error per service, Region, action, kind and resource, first seen first", () => {
    const errors: CollectionError[] = [
      base,
      { ...base, message: "same failure, other wording" },
      { ...base, region: "eu-west-1" },
      { ...base, kind: "throttled" },
      { ...base, action: "connect:ListSecurityProfiles" },
      { ...base, service: "account" },
      { ...base, resource: "pool-a" },
      { ...base, resource: "pool-a" },
      { ...base, resource: "pool-b" },
    ];
    expect(distinctErrors(errors)).toEqual([base, errors[2], errors[3], errors[4], errors[5], errors[6], errors[8]]);
  });
});

describe("scoped clients", () => {
  const endpoint = {
    handle: vi.fn(async () => ({
      response: {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: Readable.from([Buffer.from('{"InstanceSummaryList":[]}')]),
      },
    })),
  };
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" };

  it("counts and paces every command through the scope, with the shared configuration", async () => {
    const acquired: string[] = [];
    const scope = createCollectScope({
      accountId: "111122223333",
      partition: "aws",
      pacer: { acquire: async (region, service, operation) => void acquired.push(`${region} ${service}:${operation}`) },
    });
    const client = createScopedClient(ConnectClient, "eu-west-2", scope, "connect", {
      credentials,
      requestHandler: endpoint,
    });
    await client.send(new ListInstancesCommand({ MaxResults: 10 }));
    await client.send(new ListInstancesCommand({ MaxResults: 10 }));
    expect(scope.stats.apiCalls).toBe(2);
    expect(acquired).toEqual(["eu-west-2 connect:ListInstances", "eu-west-2 connect:ListInstances"]);
    expect(await client.config.region()).toBe("eu-west-2");
    expect(client.config.maxAttempts).toBeDefined();
    client.destroy();
  });

  it("sends nothing once the scan is cancelled, not even to wait for pacing", async () => {
    const cancel = new AbortController();
    const acquired: string[] = [];
    const scope = createCollectScope({
      accountId: "111122223333",
      partition: "aws",
      pacer: { acquire: async (_region, _service, operation) => void acquired.push(operation) },
      signal: cancel.signal,
    });
    let sent = 0;
    const handle = async () => {
      sent += 1;
      return endpoint.handle();
    };
    const client = createScopedClient(ConnectClient, "eu-west-2", scope, "connect", {
      credentials,
      requestHandler: { handle },
    });
    await client.send(new ListInstancesCommand({}));
    cancel.abort();
    await expect(client.send(new ListInstancesCommand({}))).rejects.toBeInstanceOf(CallsStoppedError);
    expect(sent).toBe(1);
    expect(acquired).toEqual(["ListInstances"]);
    client.destroy();
  });

  it("retries paced APIs in the standard mode and the others adaptively", async () => {
    const scope = createCollectScope({ accountId: "111122223333", partition: "aws" });
    const connect = createScopedClient(ConnectClient, "eu-west-2", scope, "connect", { credentials });
    const kms = createScopedClient(KMSClient, "eu-west-2", scope, "kms", { credentials });
    expect(connect.config.retryMode).toBe("standard");
    expect(kms.config.retryMode).toBe("adaptive");
    connect.destroy();
    kms.destroy();
  });

  it("creates one client per Region on first use and destroys each once", async () => {
    const scope = createCollectScope({ accountId: "111122223333", partition: "aws" });
    const clients = regionClients(ConnectClient, scope, "connect");
    const east = clients.for("us-east-1");
    expect(clients.for("us-east-1")).toBe(east);
    const west = clients.for("eu-west-1");
    const destroyed = [vi.spyOn(east, "destroy"), vi.spyOn(west, "destroy")];
    clients.destroy();
    clients.destroy();
    for (const spy of destroyed) expect(spy).toHaveBeenCalledTimes(1);
  });

  it("destroys the clients of withRegionClients even when the work fails", async () => {
    const scope = createCollectScope({ accountId: "111122223333", partition: "aws" });
    let made: ConnectClient | undefined;
    let spy: ReturnType<typeof vi.spyOn> | undefined;
    await expect(
      withRegionClients(ConnectClient, scope, "connect", async (clientFor) => {
        made = clientFor("us-east-1");
        spy = vi.spyOn(made, "destroy");
        throw new Error("collector bug");
      }),
    ).rejects.toThrow("collector bug");
    expect(made).toBeDefined();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("gives every scope its own stats and pacer", () => {
    const first = createCollectScope({ accountId: "111122223333", partition: "aws" });
    const second = createCollectScope({ accountId: "111122223333", partition: "aws" });
    expect(first.pacer).not.toBe(second.pacer);
    expect(first.stats).not.toBe(second.stats);
  });
});
