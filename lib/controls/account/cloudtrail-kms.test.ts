import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import { accountLoggingInventory, classicSelector, loggingTrail, trailsInventory } from "@/lib/inventory/builders";
import { control } from "./cloudtrail-kms";

const now = new Date("2026-06-01T00:00:00Z");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555";
const FOREIGN_KEY = "arn:aws:kms:us-east-1:999988887777:key/aaaa";

function evaluateTrail(overrides: Partial<Trail>) {
  return control.evaluate(trailsInventory([loggingTrail(overrides)]), { now });
}

describe("xc.cloudtrail-kms", () => {
  it.each([
    {
      name: "KMS key set",
      trail: { kmsKeyId: KEY },
      status: "pass",
      reason: /encrypts its log files with KMS key arn:aws:kms/,
    },
    {
      name: "key in another account (organization log archive) is normal",
      trail: { isOrganizationTrail: true, kmsKeyId: FOREIGN_KEY },
      status: "pass",
      reason: /999988887777/,
    },
    { name: "no KMS key: SSE-S3 only", trail: { kmsKeyId: undefined }, status: "fail", reason: /SSE-S3 only/ },
    {
      name: "single-Region logging trail without key",
      trail: { isMultiRegion: false, kmsKeyId: undefined },
      status: "fail",
      reason: /SSE-S3 only/,
    },
  ])("$name → $status", ({ trail, status, reason }) => {
    const results = evaluateTrail(trail);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toContain("management-trail");
  });

  it("records the key as evidence", () => {
    expect(evaluateTrail({ kmsKeyId: KEY })[0]?.evidence).toEqual({ kmsKeyId: KEY });
    expect(evaluateTrail({ kmsKeyId: undefined })[0]?.evidence).toEqual({ kmsKeyId: null });
  });

  it.each([
    { name: "a stopped trail", trail: { status: { isLogging: false } } },
    {
      name: "a trail without management events",
      trail: { eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] } },
    },
    { name: "a trail whose status could not be read", trail: { status: undefined } },
  ])("does not judge $name", ({ trail }) => {
    expect(evaluateTrail({ kmsKeyId: undefined, ...trail })).toEqual([]);
  });

  it("yields nothing without trails or without CloudTrail data", () => {
    expect(control.evaluate(trailsInventory([]), { now })).toEqual([]);
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
  });
});
