import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  type GetCredentialReportResponse,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  CREDENTIAL_REPORT_POLL_ATTEMPTS,
  fetchCredentialReport,
  parseCredentialReportCsv,
  parseReportBoolean,
  parseReportDate,
  pollDelayMs,
  repairRow,
} from "./credential-report";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-06-01T12:00:00Z");

const REPORT_HEADER = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
].join(",");

/** Rows as IAM writes them: unquoted, so a comma in a user name shifts every later column. */
const ROOT_LINE = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2016-03-14T09:12:55+00:00,not_supported,2026-05-20T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const DEPLOY_LINE = `deploy,arn:aws:iam::${ACCOUNT}:user/ci/deploy,2023-02-07T15:20:11+00:00,FALSE,N/A,N/A,N/A,FALSE,TRUE,2026-04-02T14:05:33+00:00,2026-05-31T07:31:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const COMMA_LINE = `smith,john,arn:aws:iam::${ACCOUNT}:user/smith,john,2024-02-12T14:10:30+00:00,true,no_information,2024-02-12T14:10:30+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;

const csv = (...lines: string[]) => [REPORT_HEADER, ...lines].join("\n") + "\n";
const bytes = (text: string) => new TextEncoder().encode(text);

describe("parsing the credential report", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    [" True ", true],
    ["false", false],
    ["FALSE", false],
    ["not_supported", false],
    ["N/A", false],
    [undefined, false],
  ])("reads %j as %s", (value, expected) => {
    expect(parseReportBoolean(value)).toBe(expected);
  });

  it.each([
    ["2026-05-20T10:00:00+00:00", "2026-05-20T10:00:00.000Z"],
    ["N/A", undefined],
    ["n/a", undefined],
    ["no_information", undefined],
    ["not_supported", undefined],
    ["", undefined],
    ["yesterday", undefined],
  ])("reads date %j as %j", (value, expected) => {
    expect(parseReportDate(value)).toBe(expected);
  });

  it("maps columns by header name, including the root user's row", () => {
    expect(parseCredentialReportCsv(csv(ROOT_LINE, DEPLOY_LINE))).toEqual([
      {
        user: "<root_account>",
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        userCreationTime: "2016-03-14T09:12:55.000Z",
        passwordEnabled: false,
        passwordLastUsed: "2026-05-20T10:00:00.000Z",
        mfaActive: true,
        accessKeys: [
          { active: false, lastRotated: undefined, lastUsed: undefined },
          { active: false, lastRotated: undefined, lastUsed: undefined },
        ],
      },
      {
        user: "deploy",
        arn: `arn:aws:iam::${ACCOUNT}:user/ci/deploy`,
        userCreationTime: "2023-02-07T15:20:11.000Z",
        passwordEnabled: false,
        passwordLastUsed: undefined,
        mfaActive: false,
        accessKeys: [
          { active: true, lastRotated: "2026-04-02T14:05:33.000Z", lastUsed: "2026-05-31T07:31:00.000Z" },
          { active: false, lastRotated: undefined, lastUsed: undefined },
        ],
      },
    ]);
  });

  it("does not depend on column order", () => {
    const reordered = "arn,user,mfa_active,password_enabled\n" + `arn:aws:iam::${ACCOUNT}:user/a,a,true,true\n`;
    expect(parseCredentialReportCsv(reordered)).toMatchObject([{ user: "a", mfaActive: true, passwordEnabled: true }]);
  });

  it("rebuilds a user name with commas from its ARN, keeping every later column in place", () => {
    const [, row] = parseCredentialReportCsv(csv(DEPLOY_LINE, COMMA_LINE));
    expect(row).toEqual({
      user: "smith,john",
      arn: `arn:aws:iam::${ACCOUNT}:user/smith,john`,
      userCreationTime: "2024-02-12T14:10:30.000Z",
      passwordEnabled: true,
      passwordLastUsed: undefined,
      mfaActive: false,
      accessKeys: [
        { active: false, lastRotated: undefined, lastUsed: undefined },
        { active: false, lastRotated: undefined, lastUsed: undefined },
      ],
    });
  });

  it("reads a quoted name with a comma as one field", () => {
    const quoted = `"a,b","arn:aws:iam::${ACCOUNT}:user/a,b"` + DEPLOY_LINE.slice(DEPLOY_LINE.indexOf(",2023"));
    expect(parseCredentialReportCsv(csv(quoted))).toMatchObject([
      { user: "a,b", arn: `arn:aws:iam::${ACCOUNT}:user/a,b` },
    ]);
  });

  it("drops rows it cannot align rather than misreading their columns", () => {
    const short = "lonely,arn:aws:iam::111122223333:user/lonely,2024-01-01T00:00:00+00:00,true";
    const noArn = DEPLOY_LINE.replace("deploy,arn:", "x,y,z,notarn:");
    expect(parseCredentialReportCsv(csv(short, noArn, DEPLOY_LINE)).map((r) => r.user)).toEqual(["deploy"]);
  });

  it("only repairs rows that are too long and start with user,arn", () => {
    const header = REPORT_HEADER.split(",");
    expect(repairRow(DEPLOY_LINE.split(","), header)).toBeUndefined();
    expect(repairRow(COMMA_LINE.split(","), ["arn", "user", ...header.slice(2)])).toBeUndefined();
    expect(repairRow(COMMA_LINE.split(","), header)?.slice(0, 3)).toEqual([
      "smith,john",
      `arn:aws:iam::${ACCOUNT}:user/smith,john`,
      "2024-02-12T14:10:30+00:00",
    ]);
  });

  it("ignores a byte-order mark and blank lines, and rejects text without the header", () => {
    expect(parseCredentialReportCsv("\uFEFF" + csv(DEPLOY_LINE) + "\n\n")).toHaveLength(1);
    expect(() => parseCredentialReportCsv("not,a,report\n1,2,3\n")).toThrow(/header/);
    expect(() => parseCredentialReportCsv("")).toThrow(/header/);
  });
});

describe("fetching the credential report", () => {
  const iam = mockClient(IAMClient);
  const client = new IAMClient({ region: "us-east-1" });
  const sleep = vi.fn(async (_ms: number) => {});

  const report = (generatedTime: Date, ...lines: string[]): GetCredentialReportResponse => ({
    Content: bytes(csv(...lines)),
    ReportFormat: "text/csv",
    GeneratedTime: generatedTime,
  });
  const awsError = (name: string, message = name, httpStatusCode = 410) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
  const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

  beforeEach(() => {
    iam.reset();
    sleep.mockClear();
    iam.on(GenerateCredentialReportCommand).resolves({ State: "STARTED" });
  });

  it("reuses a stored report younger than 4 hours without generating one", async () => {
    iam.on(GetCredentialReportCommand).resolves(report(hoursAgo(3.9), ROOT_LINE, DEPLOY_LINE));

    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });

    expect(outcome.error).toBeUndefined();
    expect(outcome.error ? undefined : outcome.report).toMatchObject({
      generatedTime: hoursAgo(3.9).toISOString(),
      rows: [{ user: "<root_account>" }, { user: "deploy" }],
    });
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 0);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 1);
  });

  it("generates a new report when the stored one is 4 hours old or more, then polls until it is ready", async () => {
    iam
      .on(GetCredentialReportCommand)
      .resolvesOnce(report(hoursAgo(4), DEPLOY_LINE))
      .rejectsOnce(awsError("CredentialReportNotReadyException", "Report is being generated"))
      .rejectsOnce(awsError("CredentialReportNotReadyException", "Report is being generated"))
      .resolves(report(NOW, ROOT_LINE, DEPLOY_LINE));

    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });

    expect(outcome.error ? undefined : outcome.report.generatedTime).toBe(NOW.toISOString());
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 1);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 4);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([2_000, 4_000]);
  });

  it.each(["CredentialReportNotPresentException", "CredentialReportExpiredException"])(
    "generates a report after %s",
    async (name) => {
      iam.on(GetCredentialReportCommand).rejectsOnce(awsError(name)).resolves(report(NOW, DEPLOY_LINE));
      const outcome = await fetchCredentialReport(client, { now: NOW, sleep });
      expect(outcome.error).toBeUndefined();
      expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 1);
      expect(sleep).not.toHaveBeenCalled();
    },
  );

  it("waits for a generation already in progress instead of starting another", async () => {
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError("CredentialReportNotReadyException"))
      .rejectsOnce(awsError("CredentialReportNotReadyException"))
      .resolves(report(NOW, DEPLOY_LINE));
    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });
    expect(outcome.error).toBeUndefined();
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 0);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it("gives up after a bounded number of polls with a timeout error", async () => {
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError("CredentialReportNotPresentException"))
      .rejects(awsError("CredentialReportNotReadyException"));

    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });

    expect(outcome.error).toEqual({
      service: "iam",
      region: "global",
      action: "iam:GetCredentialReport",
      kind: "timeout",
      message: `the credential report was still being generated after ${CREDENTIAL_REPORT_POLL_ATTEMPTS} attempts`,
    });
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 1 + CREDENTIAL_REPORT_POLL_ATTEMPTS);
    expect(sleep).toHaveBeenCalledTimes(CREDENTIAL_REPORT_POLL_ATTEMPTS - 1);
  });

  it("grows the back-off by 2 s per attempt up to 10 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(pollDelayMs)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it("names GenerateCredentialReport when generating is denied", async () => {
    iam.on(GetCredentialReportCommand).rejects(awsError("CredentialReportNotPresentException"));
    iam
      .on(GenerateCredentialReportCommand)
      .rejects(awsError("AccessDenied", "User: x is not authorized to perform: iam:GenerateCredentialReport", 403));

    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });

    expect(outcome.error).toMatchObject({
      action: "iam:GenerateCredentialReport",
      kind: "access-denied",
      region: "global",
      message: "insufficient permissions: iam:GenerateCredentialReport",
    });
  });

  it("names GetCredentialReport when reading is denied, without generating", async () => {
    iam.on(GetCredentialReportCommand).rejects(awsError("AccessDenied", "denied", 403));
    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });
    expect(outcome.error).toMatchObject({ action: "iam:GetCredentialReport", kind: "access-denied" });
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 0);
  });

  it("reports a poll that fails with another error", async () => {
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError("CredentialReportExpiredException"))
      .rejects(awsError("ServiceFailureException", "internal error", 500));
    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });
    expect(outcome.error).toMatchObject({ action: "iam:GetCredentialReport", kind: "other" });
    expect(outcome.error?.message).toContain("ServiceFailureException");
  });

  it("reports content that is not a credential report", async () => {
    iam.on(GetCredentialReportCommand).resolves({ Content: bytes("<html>oops</html>"), GeneratedTime: NOW });
    const outcome = await fetchCredentialReport(client, { now: NOW, sleep });
    expect(outcome.error).toMatchObject({ action: "iam:GetCredentialReport", kind: "other" });
    expect(outcome.error?.message).toMatch(/could not be read/);
  });
});
