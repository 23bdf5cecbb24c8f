import { describe, expect, it } from "vitest";
import {
  CONNECT_INSTANCE_ID,
  connectInstance,
  connectInventory,
  connectSecurityProfile,
} from "@/lib/inventory/builders";
import type { ConnectInstance } from "@/lib/inventory";
import { control } from "./security-profiles-review";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(instance: Partial<ConnectInstance>) {
  return control.evaluate(connectInventory({ instances: [connectInstance(instance)] }), { now });
}

describe("connect.security-profiles-review", () => {
  it.each([
    {
      name: "Admin default profile",
      profile: connectSecurityProfile("Admin"),
      reason: /Security profile Admin \(default\).*grants every permission/,
    },
    {
      name: "Agent default profile",
      profile: connectSecurityProfile("Agent"),
      reason: /Security profile Agent \(default\).*review its permissions/,
    },
    {
      name: "custom profile (named by id, not by its free-text name)",
      profile: connectSecurityProfile("Jane Doe +1 555 0100", "prof-123"),
      reason: /Security profile prof-123 \(custom\)/,
    },
  ])("$name → pass (review aid)", ({ profile, reason }) => {
    const [result] = evaluate({ securityProfiles: [profile] });
    expect(result?.status).toBe("pass");
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
    expect(result?.reason).toContain("user counts are not collected");
    expect(result?.reason).not.toContain("Jane");
    expect(result?.evidence.userCount).toBeNull();
  });

  it("never fails or warns, even for the Admin profile, since counts are not collected", () => {
    const results = evaluate({
      securityProfiles: ["Admin", "Agent", "CallCenterManager", "QualityAnalyst", "Custom"].map((n) =>
        connectSecurityProfile(n),
      ),
    });
    expect(results).toHaveLength(5);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(["pass"]));
    expect(results[0]?.evidence).toMatchObject({ adminProfile: true, awsDefaultProfile: true });
  });

  it("says nothing when profiles could not be listed, and marks a failed instance not-applicable", () => {
    expect(evaluate({ uncollected: ["connect:ListSecurityProfiles"] })).toEqual([]);
    expect(evaluate({ status: "CREATION_FAILED" })[0]?.status).toBe("not-applicable");
  });

  it("is an info control", () => {
    expect(control.meta.severity).toBe("info");
  });
});
