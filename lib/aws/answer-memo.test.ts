import { DescribeKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createAnswerMemo, memoiseClient } from "./answer-memo";
import { createCallStats, trackCallStats } from "./call-stats";

/** A KMS endpoint that answers DescribeKey, or refuses it, and counts requests. */
function kmsEndpoint(status: 200 | 400) {
  let requests = 0;
  return {
    requests: () => requests,
    handle: async () => {
      requests += 1;
      const body =
        status === 200
          ? '{"KeyMetadata":{"KeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","Arn":"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","KeyManager":"CUSTOMER"}}'
          : '{"__type":"AccessDeniedException","message":"not allowed"}';
      return {
        response: {
          statusCode: status,
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: Readable.from([Buffer.from(body)]),
        },
      };
    },
  };
}

function kmsClient(endpoint: ReturnType<typeof kmsEndpoint>) {
  return new KMSClient({
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    requestHandler: endpoint,
    maxAttempts: 1,
  });
}

describe("memoiseClient", () => {
  it("sends a describe once per input, and does not count an answer served from the memo", async () => {
    const endpoint = kmsEndpoint(200);
    const memo = createAnswerMemo();
    const stats = createCallStats();
    // Two clients of one scan (an early and a final pass) share the memo.
    const [early, final] = [kmsClient(endpoint), kmsClient(endpoint)];
    for (const client of [early, final]) {
      trackCallStats(client, stats);
      memoiseClient(client, memo, "kms", "eu-west-1");
    }
    const first = await early.send(new DescribeKeyCommand({ KeyId: "alias/app" }));
    const again = await final.send(new DescribeKeyCommand({ KeyId: "alias/app" }));
    expect(again.KeyMetadata?.Arn).toBe(first.KeyMetadata?.Arn);
    expect(endpoint.requests()).toBe(1);
    expect(stats.apiCalls).toBe(1);

    await final.send(new DescribeKeyCommand({ KeyId: "alias/other" }));
    expect(endpoint.requests()).toBe(2);
    expect(stats.apiCalls).toBe(2);
  });

  it("keeps a refusal too, so the final pass records the same error", async () => {
    const endpoint = kmsEndpoint(400);
    const memo = createAnswerMemo();
    const client = kmsClient(endpoint);
    memoiseClient(client, memo, "kms", "eu-west-1");
    await expect(client.send(new DescribeKeyCommand({ KeyId: "alias/app" }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    await expect(client.send(new DescribeKeyCommand({ KeyId: "alias/app" }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    expect(endpoint.requests()).toBe(1);
  });

  it("keeps Regions apart", async () => {
    const endpoint = kmsEndpoint(200);
    const memo = createAnswerMemo();
    const [ireland, frankfurt] = [kmsClient(endpoint), kmsClient(endpoint)];
    memoiseClient(ireland, memo, "kms", "eu-west-1");
    memoiseClient(frankfurt, memo, "kms", "eu-central-1");
    await ireland.send(new DescribeKeyCommand({ KeyId: "alias/app" }));
    await frankfurt.send(new DescribeKeyCommand({ KeyId: "alias/app" }));
    expect(endpoint.requests()).toBe(2);
  });
});
