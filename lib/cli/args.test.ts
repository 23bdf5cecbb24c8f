import { describe, expect, it } from "vitest";
import { ArgumentError, parseScanArgs } from "./args";

describe("parseScanArgs", () => {
  it("defaults to every service, json and the configured region", () => {
    const args = parseScanArgs([]);
    expect(args).toMatchObject({
      demo: false,
      format: "json",
      services: expect.arrayContaining(["elasticache", "iam"]),
    });
    expect(args.regions).toBeUndefined();
  });

  it("reads lists, de-duplicated", () => {
    const args = parseScanArgs(["--regions", "us-east-1,eu-west-1,us-east-1", "--services", "elasticache", "--demo"]);
    expect(args).toMatchObject({ demo: true, regions: ["us-east-1", "eu-west-1"], services: ["elasticache"] });
    expect(parseScanArgs(["--regions", "all"]).regions).toBe("all");
    expect(parseScanArgs(["--regions", "us-gov-west-1"]).regions).toEqual(["us-gov-west-1"]);
  });

  it("takes the format from --format, else from the output file name", () => {
    expect(parseScanArgs(["--out", "x.csv"]).format).toBe("csv");
    expect(parseScanArgs(["--out", "x.txt"]).format).toBe("json");
    expect(parseScanArgs(["--out", "x.csv", "--format", "json"]).format).toBe("json");
  });

  it("reads the accounts to scan and the role to assume in them", () => {
    expect(parseScanArgs(["--org"])).toMatchObject({
      org: true,
      roleName: "SafekeepAudit",
      roleSessionName: "safekeep-scan",
    });
    expect(parseScanArgs(["--org"]).externalId).toBeUndefined();
    expect(parseScanArgs([]).org).toBe(false);
    expect(
      parseScanArgs([
        "--accounts",
        "111122223333, 444455556666,111122223333",
        "--role-name",
        "Audit.Role",
        "--external-id",
        "ext:123/abc",
        "--role-session-name",
        "nightly@ci",
      ]),
    ).toMatchObject({
      org: false,
      accounts: ["111122223333", "444455556666"],
      roleName: "Audit.Role",
      externalId: "ext:123/abc",
      roleSessionName: "nightly@ci",
    });
  });

  it("never repeats a rejected external id, which is a shared secret", () => {
    expect(() => parseScanArgs(["--org", "--external-id", "has space"])).toThrow(/--external-id/);
    expect(() => parseScanArgs(["--org", "--external-id", "has space"])).not.toThrow(/has space/);
  });

  it.each([
    [["--org", "--accounts", "111122223333"], /--org and --accounts cannot be combined/],
    [["--accounts", "11112222333"], /not a 12-digit account id: 11112222333/],
    [["--accounts", "111122223333,abcd22223333"], /not a 12-digit account id: abcd22223333/],
    [["--accounts", ","], /not a 12-digit account id: \(empty\)/],
    [["--org", "--demo"], /--demo scans no AWS account/],
    [["--org", "--out", "x.json"], /--out writes one snapshot/],
    [["--role-name", "Audit"], /apply only with --org or --accounts/],
    [["--external-id", "abc"], /apply only with --org or --accounts/],
    [["--org", "--role-name", "a/b"], /--role-name: not an IAM role name/],
    [["--org", "--role-name", "r".repeat(65)], /--role-name/],
    [["--org", "--role-session-name", "x"], /--role-session-name/],
    [["--org", "--external-id", "x"], /--external-id/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseScanArgs(argv)).toThrow(ArgumentError);
    expect(() => parseScanArgs(argv)).toThrow(message);
  });

  it.each([
    [["--regions", "mars-1"], /not a region name: mars-1/],
    [["--regions", ""], /not a region name/],
    [["--services", "s3"], /unknown service s3/],
    [["--format", "xml"], /--format must be one of/],
    [["--nope"], /Unknown option/],
    [["stray"], /positional/i],
  ])("rejects %j", (argv, message) => {
    expect(() => parseScanArgs(argv)).toThrow(ArgumentError);
    expect(() => parseScanArgs(argv)).toThrow(message);
  });
});
