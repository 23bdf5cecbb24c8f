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
