import { describe, expect, it } from "vitest";
import { iamRegionFor, regionsFor } from "./regions";

describe("regionsFor", () => {
  it("keeps discovered regions where the service is offered", () => {
    expect(regionsFor("connect", ["us-east-1", "eu-west-1", "eu-west-2"], false)).toEqual(["us-east-1", "eu-west-2"]);
    expect(regionsFor("personalize", ["eu-west-1", "eu-west-2"], false)).toEqual(["eu-west-1"]);
    expect(regionsFor("elasticache", ["eu-west-3"], false)).toEqual(["eu-west-3"]);
    // Macie is collected with the account-wide parts but offered in fewer Regions (none in GovCloud).
    expect(regionsFor("macie", ["us-east-1", "us-gov-west-1", "eu-west-1"], false)).toEqual(["us-east-1", "eu-west-1"]);
    expect(regionsFor("account", ["us-gov-west-1"], false)).toEqual(["us-gov-west-1"]);
  });

  it("tries every region the user named, even ones missing from the lists", () => {
    expect(regionsFor("connect", ["eu-west-1"], true)).toEqual(["eu-west-1"]);
  });

  it("knows each partition's IAM region", () => {
    expect([iamRegionFor("aws"), iamRegionFor("aws-us-gov"), iamRegionFor("aws-cn")]).toEqual([
      "us-east-1",
      "us-gov-west-1",
      "cn-north-1",
    ]);
  });
});
