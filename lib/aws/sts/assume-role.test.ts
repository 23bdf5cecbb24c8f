import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { FromTemporaryCredentialsOptions } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity } from "@smithy/types";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCollectScope, createScopedClient } from "../harness";
import {
  AssumeRoleError,
  assumeRoleCredentials,
  DEFAULT_ROLE_SESSION_NAME,
  RENEW_BEFORE_EXPIRY_MS,
  roleArnFor,
  sharedUntilExpiry,
} from "./assume-role";
import { getCallerIdentity } from "./identity";

const TARGET = { accountId: "444455556666", partition: "aws", region: "eu-west-1" };

function temporary(id: string, expiresInMs = 3_600_000, now = Date.now()): AwsCredentialIdentity {
  return { accessKeyId: id, secretAccessKey: "secret", sessionToken: "token", expiration: new Date(now + expiresInMs) };
}

/** Stands in for the SDK's fromTemporaryCredentials: records what it was asked, answers `answer`. */
function fakeFactory(answer: () => Promise<AwsCredentialIdentity>) {
  const asked: FromTemporaryCredentialsOptions[] = [];
  const calls = vi.fn(answer);
  const factory = (options: FromTemporaryCredentialsOptions) => {
    asked.push(options);
    return calls;
  };
  return { factory, asked, calls };
}

/** What the STS client throws when AssumeRole is refused. */
const refused = () =>
  Object.assign(
    new Error(
      "User: arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/SafekeepAudit",
    ),
    { name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 } },
  );

describe("assumeRoleCredentials", () => {
  it.each([
    [
      "the default session name, no external id",
      { roleName: "SafekeepAudit" },
      "aws",
      {
        RoleArn: "arn:aws:iam::444455556666:role/SafekeepAudit",
        RoleSessionName: DEFAULT_ROLE_SESSION_NAME,
      },
    ],
    [
      "the session name and external id given, in the caller's partition",
      { roleName: "Audit", externalId: "ext-123", roleSessionName: "nightly" },
      "aws-us-gov",
      { RoleArn: "arn:aws-us-gov:iam::444455556666:role/Audit", RoleSessionName: "nightly", ExternalId: "ext-123" },
    ],
  ])("asks STS for the member role with %s", async (_label, settings, partition, params) => {
    const { factory, asked } = fakeFactory(async () => temporary("ASIAMEMBER"));
    await assumeRoleCredentials({ ...TARGET, partition }, settings, factory)();
    expect(asked).toHaveLength(1);
    expect(asked[0]?.params).toEqual(params);
    // The STS endpoint of the scan's home Region issues them, with at most 3 attempts.
    expect(asked[0]?.clientConfig).toMatchObject({ region: "eu-west-1", maxAttempts: 3 });
  });

  it("assumes the role once for every client of the account's scan", async () => {
    const { factory, calls } = fakeFactory(async () => temporary("ASIAMEMBER"));
    const credentials = assumeRoleCredentials(TARGET, { roleName: "SafekeepAudit" }, factory);
    const answers = await Promise.all([credentials(), credentials(), credentials()]);
    await credentials();
    expect(answers.map((a) => a.accessKeyId)).toEqual(["ASIAMEMBER", "ASIAMEMBER", "ASIAMEMBER"]);
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it("turns a refusal into a reason naming the role, without the caller's principal or the external id", async () => {
    const { factory } = fakeFactory(async () => {
      throw refused();
    });
    const credentials = assumeRoleCredentials(TARGET, { roleName: "SafekeepAudit", externalId: "s3cr3t-ext" }, factory);
    const failure = await credentials().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AssumeRoleError);
    expect((failure as AssumeRoleError).message).toBe(
      "could not assume arn:aws:iam::444455556666:role/SafekeepAudit: access denied (sts:AssumeRole)",
    );
    expect((failure as AssumeRoleError).classified.kind).toBe("access-denied");
  });

  it("removes the external id from any other failure's message", async () => {
    const { factory } = fakeFactory(async () => {
      throw Object.assign(new Error("ExternalId s3cr3t-ext is not valid"), { name: "ValidationError" });
    });
    const credentials = assumeRoleCredentials(TARGET, { roleName: "SafekeepAudit", externalId: "s3cr3t-ext" }, factory);
    const failure = (await credentials().catch((error: unknown) => error)) as AssumeRoleError;
    expect(failure.message).toContain("ValidationError");
    expect(failure.message).not.toContain("s3cr3t-ext");
  });

  it("signs every client of a scope that carries them", async () => {
    const { factory } = fakeFactory(async () => temporary("ASIAMEMBER"));
    const credentials = assumeRoleCredentials(TARGET, { roleName: "SafekeepAudit" }, factory);
    const scope = createCollectScope({ accountId: TARGET.accountId, partition: "aws", credentials });
    const client = createScopedClient(STSClient, "eu-west-1", scope, "sts");
    try {
      await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: "ASIAMEMBER" });
    } finally {
      client.destroy();
    }
  });
});

describe("sharedUntilExpiry", () => {
  it("renews credentials that are about to expire, and keeps fresh ones", async () => {
    let now = 1_000_000;
    let issued = 0;
    const provider = vi.fn(async () => temporary(`ASIA${++issued}`, 3_600_000, now));
    const shared = sharedUntilExpiry(provider, () => now);
    expect((await shared()).accessKeyId).toBe("ASIA1");
    now += 3_600_000 - RENEW_BEFORE_EXPIRY_MS - 1;
    expect((await shared()).accessKeyId).toBe("ASIA1");
    now += 2;
    expect((await shared()).accessKeyId).toBe("ASIA2");
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it("does not keep a failure: the next caller tries again", async () => {
    const provider = vi
      .fn<() => Promise<AwsCredentialIdentity>>()
      .mockRejectedValueOnce(new Error("Rate exceeded"))
      .mockResolvedValueOnce(temporary("ASIAOK"));
    const shared = sharedUntilExpiry(provider);
    await expect(shared()).rejects.toThrow("Rate exceeded");
    await expect(shared()).resolves.toMatchObject({ accessKeyId: "ASIAOK" });
  });
});

describe("getCallerIdentity with another account's credentials", () => {
  const sts = mockClient(STSClient);
  afterEach(() => sts.reset());

  it("says which role could not be assumed, rather than blaming GetCallerIdentity", async () => {
    const roleArn = roleArnFor("aws", "444455556666", "SafekeepAudit");
    // The SDK hands the credential provider's error on as it is (checked against a real client).
    sts.on(GetCallerIdentityCommand).rejects(
      new AssumeRoleError(roleArn, {
        kind: "access-denied",
        action: "sts:AssumeRole",
        message: "access denied (sts:AssumeRole)",
      }),
    );
    await expect(getCallerIdentity("us-east-1", async () => temporary("ASIAX"))).rejects.toThrow(
      `could not assume ${roleArn}: access denied (sts:AssumeRole)`,
    );
  });

  it("calls with the credentials it is given", async () => {
    sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      const credentials = await (getClient() as STSClient).config.credentials();
      return {
        Account: credentials.accessKeyId === "ASIAMEMBER" ? "444455556666" : "111122223333",
        Arn: "arn:aws:sts::444455556666:assumed-role/SafekeepAudit/safekeep-scan",
      };
    });
    await expect(getCallerIdentity("us-east-1", async () => temporary("ASIAMEMBER"))).resolves.toMatchObject({
      accountId: "444455556666",
    });
  });
});
