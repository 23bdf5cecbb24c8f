import { describe, expect, it } from "vitest";
import {
  buildElastiCacheRegion,
  buildInventory,
  cognitoInventory,
  cognitoUserPool,
  replicationGroup,
  TEST_ACCOUNT,
} from "@/lib/inventory/builders";
import { control as rgTransit } from "@/lib/controls/elasticache/rg-transit-encryption";
import { control as poolMfa } from "@/lib/controls/cognito/user-pool-mfa";
import { CONTROL_COLUMNS, controlRows, RESULT_COLUMNS, resultRows, toCsv } from "@/lib/report/csv";
import { renderOcsfJson } from "@/lib/report/ocsf";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { maskingOptions } from "@/lib/detectors/pii";
import { maskResult } from "./mask";

describe("masking personal data in snapshots", () => {
  it("never stores a card number or an e-mail found in a resource name, in reasons, evidence or ARNs", () => {
    const group = replicationGroup({
      id: "cache-4111111111111111-jane.doe@gmail.com",
      transitEncryptionEnabled: false,
    });
    const inventory = buildInventory({
      elasticache: { regions: [buildElastiCacheRegion({ replicationGroups: [{ ...group, arn: `${group.arn}` }] })] },
      errors: [
        {
          service: "elasticache",
          region: "eu-west-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "other",
          message: "failed for jane.doe@gmail.com",
        },
      ],
    });
    const snapshot = buildSnapshot(inventory, [rgTransit], { id: "masked", now: new Date("2026-01-01T00:00:00Z") });
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("4111111111111111");
    expect(text).not.toContain("jane.doe@gmail.com");
    expect(text).toContain("1111");
    // The account id in ARNs is the scanned account's own and stays readable.
    expect(snapshot.controls[0]?.results[0]?.resourceArn).toContain("111122223333");
  });
});

describe("masking resource names and tags", () => {
  const options = maskingOptions(TEST_ACCOUNT);
  const base = {
    resourceArn: `arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/us-east-1_Ab12Cd34E`,
    resourceType: "User pool",
    region: "us-east-1",
    status: "fail" as const,
    reason: "MFA is off.",
    evidence: {},
  };

  it.each([
    ["an e-mail in the name", { name: "jane.doe@gmail.com" }, { name: "j•••@gmail.com" }],
    ["a card number in the name", { name: "cards-4111111111111111" }, { name: "cards-•••• 1111" }],
    ["a name without personal data", { name: "northwind-customers" }, { name: "northwind-customers" }],
    [
      "an e-mail in a tag value",
      { tags: [{ key: "owner", value: "jane.doe@gmail.com" }] },
      { tags: [{ key: "owner", value: "j•••@gmail.com" }] },
    ],
    [
      "an e-mail in a tag key",
      { tags: [{ key: "jane.doe@gmail.com", value: "owner" }] },
      { tags: [{ key: "j•••@gmail.com", value: "owner" }] },
    ],
    [
      "a value the tag key says is personal",
      { tags: [{ key: "date-of-birth", value: "1985-04-12" }] },
      { tags: [{ key: "date-of-birth", value: expect.not.stringContaining("1985") }] },
    ],
    [
      "the same value under a harmless key",
      { tags: [{ key: "release", value: "1985-04-12" }] },
      { tags: [{ key: "release", value: "1985-04-12" }] },
    ],
    ["harmless tags", { tags: [{ key: "team", value: "identity" }] }, { tags: [{ key: "team", value: "identity" }] }],
  ])("%s", (_case, given, expected) => {
    expect(maskResult({ ...base, ...given }, options)).toMatchObject(expected);
  });

  it("adds no name or tags to a result that had none", () => {
    const masked = maskResult(base, options);
    expect("name" in masked).toBe(false);
    expect("tags" in masked).toBe(false);
  });

  it("never shows a user pool named with an e-mail address, in the snapshot, CSV or OCSF export", () => {
    const inventory = cognitoInventory({
      userPools: [
        cognitoUserPool({
          name: "jane.doe@gmail.com",
          mfaConfiguration: "OFF",
          tags: [{ key: "owner", value: "jane.doe@gmail.com" }],
        }),
      ],
    });
    const snapshot = buildSnapshot(inventory, [poolMfa], { id: "masked-name", now: new Date(inventory.finishedAt) });
    const result = snapshot.controls[0]?.results[0];
    expect(result?.name).toBe("j•••@gmail.com");
    expect(result?.tags).toEqual([{ key: "owner", value: "j•••@gmail.com" }]);
    const exports = [
      JSON.stringify(snapshot),
      toCsv(resultRows(snapshot, {}), RESULT_COLUMNS),
      toCsv(controlRows(snapshot, {}), CONTROL_COLUMNS),
      renderOcsfJson(snapshot),
    ];
    for (const text of exports) expect(text).not.toContain("jane.doe");
    // The masked name is what every export shows in its place.
    expect(exports[1]).toContain("j•••@gmail.com");
    expect(exports[3]).toContain("j•••@gmail.com");
  });
});
