import { describe, expect, it } from "vitest";
import { SERVICE_IDS } from "@/lib/inventory";
import { descriptorOf, describeArn, offeredInFor, SERVICE_DESCRIPTORS, SERVICES_THEN_ACCOUNT } from "./index";

describe("the service descriptors", () => {
  it("describe every service once, in SERVICE_IDS order", () => {
    expect(SERVICE_DESCRIPTORS.map((d) => d.id)).toEqual([...SERVICE_IDS]);
    for (const id of SERVICE_IDS) expect(descriptorOf(id).id).toBe(id);
    expect(SERVICES_THEN_ACCOUNT.map((d) => d.id)).toEqual([
      ...SERVICE_IDS.filter((id) => id !== "account"),
      "account",
    ]);
  });

  it("give each IAM prefix to one service at most", () => {
    const prefixes = SERVICE_DESCRIPTORS.flatMap((d) => d.iamPrefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("keep each service's declarations inside its own part of the inventory", () => {
    for (const d of SERVICE_DESCRIPTORS) {
      const own = [...Object.keys(d.inventorySources), ...d.references.reads, ...(d.tls?.reads ?? [])];
      // "account" (the scanned account's id and partition) is read by everyone and belongs to no service.
      for (const path of own.filter((p) => p !== "account")) expect(path, d.id).toMatch(new RegExp(`^${d.part}[.[]`));
    }
  });

  it("give FIPS rows to the service that scans them", () => {
    for (const d of SERVICE_DESCRIPTORS) for (const row of d.fips) expect(row.scannedAs, row.id).toBe(d.id);
  });

  it("name each TLS source with a sample call of that service", () => {
    for (const source of SERVICE_DESCRIPTORS.flatMap((d) => d.tls?.sources ?? [])) {
      expect(source.eventSource).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
      expect(source.sampleEventName).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });
});

describe("offeredInFor", () => {
  it.each([
    ["connect", "us-gov-west-1", true],
    ["connect", "eu-west-1", false],
    ["personalize", "cn-north-1", true],
    // Macie is collected with the account-wide parts but listed under them as a part of its own.
    ["macie", "us-gov-west-1", false],
    ["macie", "il-central-1", true],
  ])("%s in %s: %s", (name, region, offered) => {
    expect(offeredInFor(name)?.includes(region)).toBe(offered);
  });

  it("is undefined for services offered everywhere", () => {
    expect(offeredInFor("elasticache")).toBeUndefined();
    expect(offeredInFor("account")).toBeUndefined();
  });
});

describe("describeArn", () => {
  it.each([
    ["arn:aws:elasticache:us-east-1:111122223333:serverlesscachesnapshot:nightly", "Snapshot", "nightly"],
    ["arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Ab12", "User pool", "us-east-1_Ab12"],
    ["arn:aws:connect:us-east-1:111122223333:instance/abc", "Connect instance", "abc"],
    ["arn:aws:personalize:us-east-1:111122223333:dataset-group/retail", "Dataset group", "retail"],
  ])("labels %s from the service's descriptor", (arn, resourceType, resourceName) => {
    expect(describeArn(arn)).toEqual({ resourceType, resourceName });
  });
});
