import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkAwsAccess } from "./preflight";

const sts = mockClient(STSClient);
const account = mockClient(AccountClient);
const ec2 = mockClient(EC2Client);

/** An AWS configuration of the server's own: empty shared files, no instance role, nothing inherited. */
function serverEnvironment(values: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "safekeep-preflight-"));
  for (const file of ["config", "credentials"]) writeFileSync(path.join(dir, file), "");
  const base: Record<string, string> = {
    AWS_CONFIG_FILE: path.join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PROFILE: "",
    AWS_ACCESS_KEY_ID: "",
    AWS_SECRET_ACCESS_KEY: "",
    AWS_SESSION_TOKEN: "",
    AWS_REGION: "",
    AWS_DEFAULT_REGION: "",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
    AWS_WEB_IDENTITY_TOKEN_FILE: "",
  };
  for (const [name, value] of Object.entries({ ...base, ...values })) vi.stubEnv(name, value);
}

const WITH_KEYS = {
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

function awsError(name: string, message: string, status?: number) {
  return Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });
}

beforeEach(() => {
  sts.on(GetCallerIdentityCommand).resolves({
    Account: "111122223333",
    Arn: "arn:aws:sts::111122223333:assumed-role/SafekeepScanner/jane@example.com",
  });
  account.on(ListRegionsCommand).resolves({
    Regions: [
      { RegionName: "us-east-1", RegionOptStatus: "ENABLED_BY_DEFAULT" },
      { RegionName: "eu-west-1", RegionOptStatus: "ENABLED_BY_DEFAULT" },
    ],
  });
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: "us-east-1" }, { RegionName: "ap-south-1" }] });
});
afterEach(() => {
  vi.unstubAllEnvs();
  sts.reset();
  account.reset();
  ec2.reset();
});

describe("checkAwsAccess", { timeout: 20_000 }, () => {
  it("names the account, the caller (masked), the default Region and the enabled Regions", async () => {
    serverEnvironment({ ...WITH_KEYS, AWS_REGION: "eu-west-1" });
    expect(await checkAwsAccess()).toEqual({
      credentials: "found",
      account: {
        id: "111122223333",
        arn: "arn:aws:sts::111122223333:assumed-role/SafekeepScanner/j•••",
        partition: "aws",
      },
      defaultRegion: "eu-west-1",
      enabledRegions: ["eu-west-1", "us-east-1"],
    });
    expect(ec2).toHaveReceivedCommandTimes(DescribeRegionsCommand, 0);
  });

  it("falls back to ec2:DescribeRegions, and says when neither lists the Regions", async () => {
    serverEnvironment({ ...WITH_KEYS, AWS_REGION: "us-east-1" });
    account
      .on(ListRegionsCommand)
      .rejects(
        awsError(
          "AccessDeniedException",
          "User: arn:aws:sts::111122223333:assumed-role/SafekeepScanner/x is not authorized to perform: account:ListRegions",
          403,
        ),
      );
    expect((await checkAwsAccess()).enabledRegions).toEqual(["ap-south-1", "us-east-1"]);

    ec2.on(DescribeRegionsCommand).rejects(awsError("UnauthorizedOperation", "You are not authorized", 403));
    const check = await checkAwsAccess();
    expect(check).toMatchObject({ credentials: "found", account: { id: "111122223333" } });
    expect(check.enabledRegions).toBeUndefined();
    expect(check.problem).toBeUndefined();
    expect(check.regionsProblem).toEqual({
      code: "regions-unreadable",
      detail: "insufficient permissions: account:ListRegions; insufficient permissions: ec2:DescribeRegions",
    });
  });

  it.each([
    [
      awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
      "credentials-rejected",
    ],
    [
      awsError("SignatureDoesNotMatch", "The request signature we calculated does not match", 403),
      "credentials-rejected",
    ],
    [awsError("ExpiredToken", "The security token included in the request is expired", 403), "credentials-expired"],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" }), "unreachable"],
    [awsError("TimeoutError", "socket timed out"), "unreachable"],
    [awsError("InternalFailure", "We encountered an internal error", 500), "other"],
  ])("classifies a failed sts:GetCallerIdentity: %s → %s", async (error, code) => {
    serverEnvironment({ ...WITH_KEYS, AWS_REGION: "eu-west-1" });
    sts.on(GetCallerIdentityCommand).rejects(error);
    const check = await checkAwsAccess();
    expect(check).toMatchObject({ credentials: "found", defaultRegion: "eu-west-1", problem: { code } });
    expect(check.account).toBeUndefined();
    expect(JSON.stringify(check)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("says credentials are missing when no provider has any, without asking AWS", async () => {
    serverEnvironment({ AWS_PROFILE: "safekeep-no-such-profile", AWS_REGION: "eu-west-1" });
    expect(await checkAwsAccess()).toEqual({
      credentials: "missing",
      defaultRegion: "eu-west-1",
      problem: { code: "no-credentials" },
    });
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 0);
  });

  it("without a default Region, still names the account and says the Region is missing", async () => {
    serverEnvironment(WITH_KEYS);
    const check = await checkAwsAccess();
    expect(check).toMatchObject({
      credentials: "found",
      account: { id: "111122223333" },
      problem: { code: "no-region" },
    });
    expect(check.defaultRegion).toBeUndefined();
    expect(check.enabledRegions).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("answers within its deadline when AWS does not", async () => {
    serverEnvironment({ ...WITH_KEYS, AWS_REGION: "eu-west-1" });
    sts.on(GetCallerIdentityCommand).callsFake(() => new Promise(() => undefined));
    const started = performance.now();
    expect(await checkAwsAccess(200)).toMatchObject({ credentials: "found", problem: { code: "timeout" } });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("reports an invalid scanner setting before anything else", async () => {
    serverEnvironment({ ...WITH_KEYS, AWS_REGION: "eu-west-1", SAFEKEEP_AWS_MAX_ATTEMPTS: "0" });
    const check = await checkAwsAccess();
    expect(check).toMatchObject({ credentials: "error", problem: { code: "settings" } });
    expect(check.problem?.detail).toContain("SAFEKEEP_AWS_MAX_ATTEMPTS");
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 0);
  });
});
