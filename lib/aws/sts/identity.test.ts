import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { getCallerIdentity, partitionOf } from "./identity";

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

describe("getCallerIdentity", () => {
  it("returns the account, its partition and the region", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Account: "111122223333",
      Arn: "arn:aws-us-gov:sts::111122223333:assumed-role/Scanner/session",
      UserId: "AROAEXAMPLE:session",
    });
    await expect(getCallerIdentity("us-gov-west-1")).resolves.toEqual({
      accountId: "111122223333",
      partition: "aws-us-gov",
      region: "us-gov-west-1",
    });
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
  });

  it("says plainly when there are no credentials", async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(
        Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }),
      );
    await expect(getCallerIdentity("us-east-1")).rejects.toThrow(/no AWS credentials found/);
  });

  it("classifies other failures without leaking secrets", async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error("The security token included in the request is invalid: AKIAIOSFODNN7EXAMPLE"), {
        name: "InvalidClientTokenId",
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const failure = getCallerIdentity("us-east-1");
    await expect(failure).rejects.toThrow(/sts:GetCallerIdentity failed/);
    await expect(failure).rejects.not.toThrow(/AKIAIOSFODNN7EXAMPLE/);
  });

  it("reads the partition from an ARN", () => {
    expect(partitionOf("arn:aws-cn:sts::1:x")).toBe("aws-cn");
    expect(partitionOf(undefined)).toBe("aws");
  });
});
