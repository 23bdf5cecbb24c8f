import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DescribeUsersCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClient, createCallStats, sharedClientConfig, trackCallStats } from "./clients";

const USERS_XML = `<DescribeUsersResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <DescribeUsersResult><Users><member><UserId>default</UserId><UserName>default</UserName></member></Users></DescribeUsersResult>
  <ResponseMetadata><RequestId>ok-1</RequestId></ResponseMetadata></DescribeUsersResponse>`;
const THROTTLING_XML = `<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t-1</RequestId></ErrorResponse>`;
const DENIED_XML = `<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error><RequestId>d-1</RequestId></ErrorResponse>`;

type Reply = [status: number, body: string];

/** A local stand-in for the ElastiCache endpoint that answers with the given replies in order. */
async function startStub(replies: Reply[]): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      requests.push(body);
      const [status, xml] = replies.shift() ?? [500, "<ErrorResponse/>"];
      response.writeHead(status, { "content-type": "text/xml" }).end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

const servers: Server[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Dummy credentials through the environment, i.e. through the SDK's default credential chain. */
function stubCredentials() {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  vi.stubEnv("AWS_SESSION_TOKEN", undefined);
  vi.stubEnv("AWS_PROFILE", undefined);
  vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", undefined);
}

describe("sharedClientConfig", () => {
  it("sets region, adaptive retries, 8 attempts and timeouts, and leaves endpoint and credentials to the SDK", () => {
    const config = sharedClientConfig("eu-west-1");
    expect(config).toEqual({
      region: "eu-west-1",
      retryMode: "adaptive",
      maxAttempts: 8,
      requestHandler: { connectionTimeout: 5000, requestTimeout: 20000, throwOnRequestTimeout: true },
    });
    expect(config).not.toHaveProperty("endpoint");
    expect(config).not.toHaveProperty("credentials");
  });
});

describe("sharedClientConfig overrides", () => {
  it("takes attempts and timeouts from SAFEKEEP_AWS_* when set", () => {
    vi.stubEnv("SAFEKEEP_AWS_MAX_ATTEMPTS", "2");
    vi.stubEnv("SAFEKEEP_AWS_REQUEST_TIMEOUT_MS", "1500");
    vi.stubEnv("SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS", "700");
    expect(sharedClientConfig("eu-west-1")).toMatchObject({
      retryMode: "adaptive",
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 700, requestTimeout: 1500, throwOnRequestTimeout: true },
    });
  });
});

describe("createAwsClient", () => {
  it("builds a client with the shared settings", async () => {
    const client = createAwsClient(ElastiCacheClient, "eu-west-1");
    expect(await client.config.region()).toBe("eu-west-1");
    expect(await client.config.maxAttempts()).toBe(8);
    expect(client.config.retryMode).toBe("adaptive");
    expect(client.config.requestHandler.constructor.name).toBe("NodeHttpHandler");
    client.destroy();
  });

  it("honours AWS_ENDPOINT_URL_<SERVICE> and counts the call", async () => {
    const stub = await startStub([[200, USERS_XML]]);
    servers.push(stub.server);
    stubCredentials();
    vi.stubEnv("AWS_ENDPOINT_URL_ELASTICACHE", stub.url);
    const stats = createCallStats();
    const client = createAwsClient(ElastiCacheClient, "us-east-1", stats);

    const output = await client.send(new DescribeUsersCommand({}));

    expect(output.Users?.[0]?.UserId).toBe("default");
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]).toContain("Action=DescribeUsers");
    expect(stats).toEqual({ apiCalls: 1, retries: 0, throttled: 0 });
    client.destroy();
  });
});

/**
 * The counting middleware is exercised against a real client and a local HTTP stub, because
 * aws-sdk-client-mock replaces `send` and so bypasses all middleware. Standard retry mode with
 * Math.random pinned to 0 keeps the SDK's backoff at zero so the test stays fast.
 */
describe("trackCallStats", () => {
  async function clientAgainst(replies: Reply[], maxAttempts: number) {
    const stub = await startStub(replies);
    servers.push(stub.server);
    stubCredentials();
    vi.stubEnv("AWS_ENDPOINT_URL_ELASTICACHE", stub.url);
    vi.spyOn(Math, "random").mockReturnValue(0);
    const stats = createCallStats();
    const client = new ElastiCacheClient({ ...sharedClientConfig("us-east-1"), retryMode: "standard", maxAttempts });
    trackCallStats(client, stats);
    return { client, stats, stub };
  }

  it("counts a call that succeeded after a throttled attempt", async () => {
    const { client, stats } = await clientAgainst(
      [
        [400, THROTTLING_XML],
        [200, USERS_XML],
      ],
      3,
    );
    const output = await client.send(new DescribeUsersCommand({}));
    expect(output.$metadata.attempts).toBe(2);
    expect(stats).toEqual({ apiCalls: 1, retries: 1, throttled: 1 });
    client.destroy();
  });

  it("counts a call that stayed throttled after every attempt", async () => {
    const { client, stats } = await clientAgainst(
      [
        [400, THROTTLING_XML],
        [400, THROTTLING_XML],
      ],
      2,
    );
    await expect(client.send(new DescribeUsersCommand({}))).rejects.toMatchObject({ name: "Throttling" });
    expect(stats).toEqual({ apiCalls: 1, retries: 1, throttled: 2 });
    client.destroy();
  });

  it("counts failed calls that are not retried, and does not count them as throttled", async () => {
    const { client, stats } = await clientAgainst(
      [
        [403, DENIED_XML],
        [200, USERS_XML],
      ],
      3,
    );
    await expect(client.send(new DescribeUsersCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });
    await client.send(new DescribeUsersCommand({}));
    expect(stats).toEqual({ apiCalls: 2, retries: 0, throttled: 0 });
    client.destroy();
  });

  it("adds its middleware only once per client", async () => {
    const { client, stats } = await clientAgainst([[200, USERS_XML]], 3);
    trackCallStats(client, stats);
    await client.send(new DescribeUsersCommand({}));
    expect(stats.apiCalls).toBe(1);
    client.destroy();
  });
});
