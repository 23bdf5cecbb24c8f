import { describe, expect, it } from "vitest";
import { accountLevelName, accountLevelRegion, displayName, resourceId } from "./resource-label";

describe("Region-level results", () => {
  it.each([
    // The ARNs the runner and the Region-wide controls write (lib/posture/evaluate.ts, xc.pii-in-names-tags, …).
    ["arn:aws:personalize:us-east-1:111122223333:*", "us-east-1", "Region us-east-1 (account-level)"],
    ["arn:aws:account:eu-west-1:111122223333:*", "eu-west-1", "Region eu-west-1 (account-level)"],
    [
      "arn:aws-us-gov:elasticache:us-gov-west-1:111122223333:*",
      "us-gov-west-1",
      "Region us-gov-west-1 (account-level)",
    ],
    ["arn:aws:iam:global:111122223333:*", "global", "Global (account-level)"],
    ["arn:aws:iam::111122223333:*", "", "Global (account-level)"],
  ])("names %s", (arn, region, name) => {
    expect(accountLevelRegion(arn)).toBe(region);
    expect(accountLevelName(arn)).toBe(name);
    expect(displayName({ resourceArn: arn })).toBe(name);
  });

  it.each([
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:elasticache:us-east-1:111122223333:replicationgroup:orders",
    "arn:aws:s3:::bucket-*",
    "arn:aws:iam::111122223333:policy/*",
  ])("leaves a resource's own ARN alone: %s", (arn) => {
    expect(accountLevelRegion(arn)).toBeNull();
    expect(displayName({ resourceArn: arn })).toBe(resourceId(arn));
  });

  it("prefers a name the result carries", () => {
    expect(displayName({ resourceArn: "arn:aws:account:us-east-1:111122223333:*", name: "Home Region" })).toBe(
      "Home Region",
    );
  });
});
