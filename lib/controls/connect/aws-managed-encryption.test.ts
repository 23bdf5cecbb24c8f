import { describe, expect, it } from "vitest";
import { connectInstance, connectInventory } from "@/lib/inventory/builders";
import { control } from "./aws-managed-encryption";

const now = new Date("2026-06-01T00:00:00Z");

describe("connect.aws-managed-encryption", () => {
  it.each([
    {
      name: "active instance",
      status: "ACTIVE",
      result: "pass",
      reason: /AWS encrypts its contact data at rest and in transit/,
    },
    { name: "instance being created", status: "CREATION_IN_PROGRESS", result: "pass", reason: /AWS encrypts/ },
    {
      name: "instance whose creation failed",
      status: "CREATION_FAILED",
      result: "not-applicable",
      reason: /failed to create/,
    },
  ])("$name → $result", ({ status, result, reason }) => {
    const [row] = control.evaluate(connectInventory({ instances: [connectInstance({ id: "inst-1", status })] }), {
      now,
    });
    expect(row?.status).toBe(result);
    expect(row?.reason).toMatch(reason);
    expect(row?.reason).toContain("inst-1");
  });

  it("gives one row per instance and nothing without instances", () => {
    const inventory = connectInventory({ instances: [connectInstance({ id: "a" }), connectInstance({ id: "b" })] });
    expect(control.evaluate(inventory, { now }).map((r) => r.resourceArn)).toEqual([
      connectInstance({ id: "a" }).arn,
      connectInstance({ id: "b" }).arn,
    ]);
    expect(control.evaluate(connectInventory({}), { now })).toEqual([]);
  });

  it("is an AWS-responsibility info control", () => {
    expect(control.meta).toMatchObject({ responsibility: "aws", severity: "info", recommendation: "aws-managed" });
  });
});
